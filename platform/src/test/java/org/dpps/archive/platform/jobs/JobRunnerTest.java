package org.dpps.archive.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.platform.database.Database;
import org.dpps.archive.platform.internal.jpa.PlatformPersistentTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job runner over a real H2 database and a thread pool standing in for the container's
 * executor: runs, retries, gives up, cancels, resumes after a restart, and hands a job whose node
 * died to another node when its lease runs out.
 */
class JobRunnerTest {
  @TempDir Path tmp;
  private Database database;
  private final List<JobRunner> runners = new ArrayList<>();
  private final List<ExecutorService> pools = new ArrayList<>();

  /** Holds "stuck" runs until the test ends (never interrupted: an interrupt closes H2's files). */
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void open() {
    database =
        Database.open(
            "jdbc:h2:file:" + tmp.resolve("db/archive") + ";WRITE_DELAY=0",
            "sa",
            "",
            List.of(() -> PlatformPersistentTypes.ENTITIES));
  }

  @AfterEach
  void close() {
    release.countDown();
    runners.forEach(r -> r.stop(Duration.ofSeconds(5)));
    pools.forEach(ExecutorService::shutdown);
    database.close();
  }

  /** A handler whose run is the given function; it records every subject it ran. */
  static final class TestHandler implements JobHandler {
    final String kind;
    final int concurrency;
    final int maxAttempts;
    final Function<JobContext, JobResult> body;
    final List<String> runs = Collections.synchronizedList(new ArrayList<>());
    final List<String> givenUp = Collections.synchronizedList(new ArrayList<>());

    TestHandler(
        String kind, int concurrency, int maxAttempts, Function<JobContext, JobResult> body) {
      this.kind = kind;
      this.concurrency = concurrency;
      this.maxAttempts = maxAttempts;
      this.body = body;
    }

    @Override
    public String kind() {
      return kind;
    }

    @Override
    public int concurrency() {
      return concurrency;
    }

    @Override
    public int maxAttempts() {
      return maxAttempts;
    }

    @Override
    public Duration backoff(int attempt) {
      return Duration.ofMillis(100);
    }

    @Override
    public JobResult run(JobContext context) {
      runs.add(context.subject());
      return body.apply(context);
    }

    @Override
    public void givenUp(Job job, String reason) {
      givenUp.add(job.subject() + ": " + reason);
    }
  }

  private JobRunner runner(String node, Duration lease, JobHandler... handlers) {
    ExecutorService pool = Executors.newCachedThreadPool();
    pools.add(pool);
    JobRunner r =
        new JobRunner(
            List.of(handlers),
            ArchiveDatabase.wrapping(database),
            new JobSettings(node, lease, Duration.ofMillis(100)),
            Clock.systemUTC(),
            pool);
    runners.add(r);
    return r;
  }

  private static Job await(JobRunner runner, String kind, String subject, Predicate<Job> until)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Optional<Job> job = Optional.empty();
    while (System.nanoTime() < deadline) {
      job = runner.latest(kind, subject);
      if (job.isPresent() && until.test(job.get())) {
        return job.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("job " + kind + " " + subject + " never got there: " + job);
  }

  @Test
  void runsQueuedJobsAndRecordsProgress() throws Exception {
    TestHandler h =
        new TestHandler(
            "count",
            1,
            3,
            ctx -> {
              ctx.progress(7, 7, "all seven");
              return JobResult.done();
            });
    JobRunner runner = runner("n1", Duration.ofSeconds(30), h);
    runner.start();

    Job queued = runner.enqueue("count", "s1");
    assertThat(queued.state()).isEqualTo(JobState.QUEUED);
    // the same subject while unfinished: the same job, not a second one
    assertThat(runner.enqueue("count", "s1").id()).isIn(queued.id(), null);

    Job done = await(runner, "count", "s1", j -> j.state().isFinal());
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.attempts()).isEqualTo(1);
    assertThat(done.progressDone()).isEqualTo(7);
    assertThat(done.progressNote()).isEqualTo("all seven");
    assertThat(done.leaseOwner()).isNull();
    assertThat(h.runs).containsExactly("s1");
    assertThatThrownBy(() -> runner.enqueue("unknown", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retriesAFailingJobThenGivesItUp() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    TestHandler flaky =
        new TestHandler(
            "flaky",
            1,
            3,
            ctx -> {
              if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("disk hiccup " + calls.get());
              }
              return JobResult.done();
            });
    TestHandler broken =
        new TestHandler(
            "broken",
            1,
            2,
            ctx -> {
              throw new IllegalStateException("always");
            });
    JobRunner runner = runner("n1", Duration.ofSeconds(30), flaky, broken);
    runner.start();
    runner.enqueue("flaky", "f");
    runner.enqueue("broken", "b");

    Job f = await(runner, "flaky", "f", j -> j.state().isFinal());
    assertThat(f.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(f.attempts()).isEqualTo(3);

    Job b = await(runner, "broken", "b", j -> j.state().isFinal());
    assertThat(b.state()).isEqualTo(JobState.FAILED);
    assertThat(b.attempts()).isEqualTo(2);
    assertThat(b.message()).contains("Failed 2 times").contains("always");
    assertThat(broken.givenUp).singleElement().asString().startsWith("b: Failed 2 times");
  }

  @Test
  void retryAfterDoesNotCountAsAnAttempt() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    TestHandler waiting =
        new TestHandler(
            "wait",
            1,
            1,
            ctx ->
                calls.incrementAndGet() < 4
                    ? JobResult.retryAfter(Duration.ofMillis(50), "replica r2 is down")
                    : JobResult.done());
    JobRunner runner = runner("n1", Duration.ofSeconds(30), waiting);
    runner.start();
    runner.enqueue("wait", "w");

    Job w = await(runner, "wait", "w", j -> j.state().isFinal());
    assertThat(w.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(calls.get()).isEqualTo(4);
    assertThat(w.attempts()).isEqualTo(1);
  }

  @Test
  void concurrencyPerKindIsBounded() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    TestHandler h =
        new TestHandler(
            "bounded",
            2,
            1,
            ctx -> {
              most.accumulateAndGet(now.incrementAndGet(), Math::max);
              sleep(150);
              now.decrementAndGet();
              return JobResult.done();
            });
    JobRunner runner = runner("n1", Duration.ofSeconds(30), h);
    runner.start();
    for (int i = 0; i < 6; i++) {
      runner.enqueue("bounded", "b" + i);
    }
    for (int i = 0; i < 6; i++) {
      assertThat(await(runner, "bounded", "b" + i, j -> j.state().isFinal()).state())
          .isEqualTo(JobState.SUCCEEDED);
    }
    assertThat(most.get()).isEqualTo(2);
  }

  @Test
  void cancelsQueuedAndRunningJobs() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    TestHandler h =
        new TestHandler(
            "long",
            1,
            1,
            ctx -> {
              inside.countDown();
              while (!ctx.cancelRequested()) {
                sleep(20);
              }
              return JobResult.done();
            });
    JobRunner runner = runner("n1", Duration.ofSeconds(3), h);
    runner.start();
    runner.enqueue("long", "running");
    runner.enqueue("long", "queued");
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(runner.cancel("long", "queued")).isPresent();
    assertThat(runner.latest("long", "queued").orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    assertThat(runner.cancel("long", "running")).isPresent();

    Job r = await(runner, "long", "running", j -> j.state().isFinal());
    assertThat(r.state()).isEqualTo(JobState.CANCELLED);
    assertThat(h.runs).containsExactly("running");
    assertThat(runner.cancel("long", "running")).isEmpty();
  }

  @Test
  void aJobLeftRunningByACrashResumesAtTheNextStartOfTheSameNode() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    TestHandler stuck =
        new TestHandler(
            "resume",
            1,
            3,
            ctx -> {
              inside.countDown();
              await(release);
              return JobResult.done();
            });
    JobRunner first = runner("n1", Duration.ofMinutes(10), stuck);
    first.start();
    first.enqueue("resume", "r");
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    // the process dies: the first runner renews nothing more, its stuck run writes nothing
    first.stop(Duration.ZERO);
    assertThat(first.latest("resume", "r").orElseThrow().state()).isEqualTo(JobState.RUNNING);

    TestHandler again = new TestHandler("resume", 1, 3, ctx -> JobResult.done());
    JobRunner second = runner("n1", Duration.ofMinutes(10), again);
    second.start(); // same node: its old lease is released at once, not after ten minutes
    Job r = await(second, "resume", "r", j -> j.state().isFinal());
    assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(again.runs).containsExactly("r");
  }

  @Test
  void anotherNodeTakesOverWhenTheLeaseRunsOut() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    TestHandler stuck =
        new TestHandler(
            "takeover",
            1,
            3,
            ctx -> {
              inside.countDown();
              await(release);
              return JobResult.done();
            });
    JobRunner dying = runner("node-a", Duration.ofSeconds(3), stuck);
    dying.start();
    dying.enqueue("takeover", "t");
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    dying.stop(Duration.ZERO); // node a dies: it renews no lease any more

    TestHandler other = new TestHandler("takeover", 1, 3, ctx -> JobResult.done());
    JobRunner survivor = runner("node-b", Duration.ofSeconds(3), other);
    survivor.start();
    sleep(500);
    // node a's lease has not run out yet: node b leaves the job alone
    assertThat(other.runs).isEmpty();

    Job t = await(survivor, "takeover", "t", j -> j.state().isFinal());
    assertThat(t.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(other.runs).containsExactly("t");
  }

  @Test
  void parallelWorkKeepsOrderAndReportsTheFirstFailureInInputOrder() throws Exception {
    List<List<Integer>> out = Collections.synchronizedList(new ArrayList<>());
    TestHandler h =
        new TestHandler(
            "par",
            1,
            1,
            ctx -> {
              out.add(ctx.parallel(List.of(1, 2, 3, 4, 5, 6), 3, i -> i * i));
              try {
                ctx.parallel(
                    List.of(1, 2, 3, 4),
                    4,
                    i -> {
                      if (i >= 2) {
                        sleep(i == 2 ? 200 : 0);
                        throw new IllegalStateException("item " + i);
                      }
                      return i;
                    });
              } catch (IllegalStateException e) {
                out.add(List.of(Integer.parseInt(e.getMessage().substring(5))));
              }
              return JobResult.done();
            });
    JobRunner runner = runner("n1", Duration.ofSeconds(30), h);
    runner.start();
    runner.enqueue("par", "p");
    await(runner, "par", "p", j -> j.state().isFinal());
    assertThat(out).containsExactly(List.of(1, 4, 9, 16, 25, 36), List.of(2));
  }

  @Test
  void periodicTasksRunRepeatedly() throws Exception {
    JobRunner runner = runner("n1", Duration.ofSeconds(30));
    runner.start();
    CountDownLatch three = new CountDownLatch(3);
    runner.every("tick", Duration.ofMillis(50), three::countDown);
    assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
