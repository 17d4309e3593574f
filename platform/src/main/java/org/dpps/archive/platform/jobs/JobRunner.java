package org.dpps.archive.platform.jobs;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.platform.internal.jobs.JobStore;
import org.dpps.archive.platform.internal.jobs.ManagedExecutors;
import org.dpps.archive.platform.internal.jobs.ParallelWork;

/**
 * The archive's one runner of background work. A dispatcher task on the container's executor claims
 * due jobs of every registered {@link JobHandler} kind (at most its {@code concurrency()} at a time
 * on this node), runs each as its own task, renews the leases of running jobs, relays cancellations
 * and runs the registered periodic tasks. Jobs are rows in the database: a job survives restarts,
 * and a job whose node died is taken over when its lease runs out (at once, when the same node
 * starts again).
 *
 * <p>It is longer than the house's ~400 lines on purpose: claiming, running, lease renewal,
 * cancellation and periodic tasks share the map of running jobs and the dispatcher's wake-up, and
 * their interplay is easier to check in one class (the database side is in {@code JobStore}).
 */
@ApplicationScoped
public class JobRunner {
  private static final System.Logger LOG = System.getLogger(JobRunner.class.getName());
  private Map<String, JobHandler> handlers;
  private JobStore store;
  private JobSettings settings;
  private Clock clock;
  private ExecutorService executor;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final Map<String, Periodic> periodic = new ConcurrentHashMap<>();
  private final Object wakeUp = new Object();
  private volatile boolean stopping;
  private volatile boolean started;
  private boolean woken;
  private Instant nextRenewal = Instant.EPOCH;

  protected JobRunner() {}

  @Inject
  public JobRunner(
      @Any Instance<JobHandler> handlers,
      ArchiveDatabase database,
      JobSettings settings,
      Clock clock,
      ManagedExecutors executors) {
    this(handlers.stream().toList(), database, settings, clock, executors.executor());
  }

  /** A runner outside a container (tests, tools) on the given executor. */
  public JobRunner(
      List<JobHandler> handlers,
      ArchiveDatabase database,
      JobSettings settings,
      Clock clock,
      ExecutorService executor) {
    Map<String, JobHandler> byKind = new LinkedHashMap<>();
    for (JobHandler h : handlers) {
      if (byKind.put(h.kind(), h) != null) {
        throw new IllegalStateException("Two job handlers for kind " + h.kind());
      }
    }
    this.handlers = Map.copyOf(byKind);
    this.store = new JobStore(database);
    this.settings = settings;
    this.clock = clock;
    this.executor = executor;
  }

  /** A periodic task: runs every {@code period}, one run at a time, on the container's executor. */
  private static final class Periodic {
    final Runnable task;
    final Duration period;
    Instant due;
    volatile boolean busy;

    Periodic(Runnable task, Duration period, Instant due) {
      this.task = task;
      this.period = period;
      this.due = due;
    }
  }

  /** A job this node runs now. */
  private final class Running implements JobContext {
    final Job job;
    final JobHandler handler;
    volatile boolean cancel;

    Running(Job job, JobHandler handler) {
      this.job = job;
      this.handler = handler;
      this.cancel = job.cancelRequested();
    }

    @Override
    public Job job() {
      return job;
    }

    @Override
    public boolean cancelRequested() {
      return cancel;
    }

    @Override
    public boolean stopping() {
      return stopping;
    }

    @Override
    public void progress(long done, long total, String note) {
      store.progress(job.id(), settings.node(), done, total, note);
    }

    @Override
    public <T, R> List<R> parallel(
        List<T> items, int parallelism, java.util.function.Function<T, R> work) {
      return ParallelWork.map(executor, items, parallelism, work);
    }
  }

  /**
   * Starts the dispatcher: this node's jobs that a previous run left RUNNING become claimable at
   * once, then every due job runs. Called once the modules have done their start-up recovery.
   */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    stopping = false;
    int released = store.releaseLeases(settings.node(), clock.instant());
    LOG.log(
        System.Logger.Level.INFO,
        "Job runner on node {0}: kinds {1}; {2} interrupted jobs resume",
        settings.node(),
        handlers.keySet(),
        released);
    checkExecutor();
    executor.submit(this::dispatch);
  }

  /**
   * Warns when the executor cannot run several tasks at once (Payara's default managed executor,
   * core size 0 with an unbounded queue, runs one): jobs would then wait behind each other.
   */
  private void checkExecutor() {
    int n = 4;
    CountDownLatch started = new CountDownLatch(n);
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < n; i++) {
      executor.submit(
          () -> {
            started.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
    try {
      if (!started.await(5, TimeUnit.SECONDS)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "The container''s executor ran only {0} of {1} tasks at once: background jobs will"
                + " wait behind each other (raise its core pool size)",
            n - started.getCount(),
            n);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      release.countDown();
    }
  }

  /**
   * Adds a job of {@code kind} on {@code subject} (or returns the unfinished one there is) and
   * wakes the dispatcher.
   */
  public Job enqueue(String kind, String subject) {
    JobHandler handler = handlers.get(kind);
    if (handler == null) {
      throw new IllegalArgumentException("No job handler for kind " + kind);
    }
    Job job = store.enqueue(kind, subject, handler.maxAttempts(), clock.instant());
    wake();
    return job;
  }

  /** Cancels the unfinished job of {@code kind} on {@code subject}, if there is one. */
  public java.util.Optional<Job> cancel(String kind, String subject) {
    java.util.Optional<Job> job = store.cancel(kind, subject, clock.instant());
    job.ifPresent(j -> wake());
    return job;
  }

  /** The latest job of {@code kind} on {@code subject}. */
  public java.util.Optional<Job> latest(String kind, String subject) {
    return store.latest(kind, subject);
  }

  /** Jobs, newest first, optionally of one kind and/or one state. */
  public List<Job> list(String kind, JobState state, int limit) {
    return store.list(kind, state, limit);
  }

  /**
   * Runs {@code task} every {@code period} (first after one period), never twice at a time, while
   * the runner runs. A failure is logged and the task runs again at the next period.
   */
  public void every(String name, Duration period, Runnable task) {
    periodic.put(name, new Periodic(task, period, clock.instant().plus(period)));
    wake();
  }

  /** Makes the dispatcher look for due jobs now. */
  public void wake() {
    synchronized (wakeUp) {
      woken = true;
      wakeUp.notifyAll();
    }
  }

  private void dispatch() {
    while (!stopping) {
      try {
        Instant now = clock.instant();
        renewLeases(now);
        for (JobHandler handler : handlers.values()) {
          claimAndRun(handler, now);
        }
        runDuePeriodic(now);
        synchronized (wakeUp) {
          if (!woken && !stopping) {
            wakeUp.wait(settings.poll().toMillis());
          }
          woken = false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        // the database may be unavailable for a moment: log, wait, try again
        LOG.log(System.Logger.Level.ERROR, "Job runner (ARCHIVE-500): " + e, e);
        pause(settings.poll());
      }
    }
  }

  private void claimAndRun(JobHandler handler, Instant now) {
    long mine = running.values().stream().filter(r -> r.handler == handler).count();
    int free = (int) (handler.concurrency() - mine);
    if (free <= 0) {
      return;
    }
    for (Job job :
        store.claim(handler.kind(), settings.node(), now, now.plus(settings.lease()), free)) {
      if (job.attempts() > handler.maxAttempts()) {
        // the previous runs were cut short (crashes, lost leases) as often as failures may be
        giveUp(handler, job, "Gave up after " + handler.maxAttempts() + " interrupted runs");
        continue;
      }
      Running r = new Running(job, handler);
      running.put(job.id(), r);
      executor.submit(() -> execute(r));
    }
  }

  private void execute(Running r) {
    Job job = r.job;
    String node = settings.node();
    try {
      JobResult result = r.handler.run(r);
      Instant now = clock.instant();
      if (result instanceof JobResult.Later later) {
        store.later(job.id(), node, now.plus(later.delay()), later.why(), true);
      } else {
        store.finish(
            job.id(),
            node,
            r.cancel ? JobState.CANCELLED : JobState.SUCCEEDED,
            r.cancel ? "Cancelled" : null,
            now);
      }
    } catch (RuntimeException | Error e) {
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.log(
          System.Logger.Level.WARNING,
          "Job {0} ({1} {2}) failed, attempt {3} of {4} (ARCHIVE-500): {5}",
          job.id(),
          job.kind(),
          job.subject(),
          job.attempts(),
          r.handler.maxAttempts(),
          reason);
      if (job.attempts() >= r.handler.maxAttempts()) {
        giveUp(r.handler, job, "Failed " + job.attempts() + " times; last: " + reason);
      } else {
        store.later(
            job.id(),
            node,
            clock.instant().plus(r.handler.backoff(job.attempts())),
            "Attempt " + job.attempts() + " failed: " + reason,
            false);
      }
    } finally {
      running.remove(job.id());
      wake();
    }
  }

  private void giveUp(JobHandler handler, Job job, String reason) {
    if (store.finish(job.id(), settings.node(), JobState.FAILED, reason, clock.instant())) {
      try {
        handler.givenUp(job, reason);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "Job " + job.id() + ": recording its failure failed", e);
      }
    }
  }

  private void renewLeases(Instant now) {
    if (now.isBefore(nextRenewal)) {
      return;
    }
    nextRenewal = now.plus(settings.lease().dividedBy(3));
    Set<String> ids = new HashSet<>(running.keySet());
    Set<String> held = new HashSet<>();
    Set<String> cancelled = store.renew(settings.node(), ids, now.plus(settings.lease()), held);
    for (String id : ids) {
      Running r = running.get(id);
      if (r == null) {
        continue;
      }
      if (cancelled.contains(id)) {
        r.cancel = true;
      }
      if (!held.contains(id)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Job {0} ({1} {2}): lease lost to another node",
            id,
            r.job.kind(),
            r.job.subject());
        r.cancel = true;
      }
    }
  }

  private void runDuePeriodic(Instant now) {
    for (Map.Entry<String, Periodic> e : periodic.entrySet()) {
      Periodic p = e.getValue();
      if (p.busy || now.isBefore(p.due)) {
        continue;
      }
      p.busy = true;
      p.due = now.plus(p.period);
      executor.submit(
          () -> {
            try {
              p.task.run();
            } catch (RuntimeException ex) {
              LOG.log(System.Logger.Level.ERROR, "Periodic task " + e.getKey() + " failed", ex);
            } finally {
              p.busy = false;
            }
          });
    }
  }

  private void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How many jobs this node runs now, by kind. */
  public Map<String, Integer> runningByKind() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Running r : new ArrayList<>(running.values())) {
      counts.merge(r.job.kind(), 1, Integer::sum);
    }
    return counts;
  }

  /**
   * Stops claiming, tells running jobs to stop at their next safe point and waits up to {@code
   * timeout} for them.
   */
  public void stop(Duration timeout) {
    stopping = true;
    wake();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      pause(Duration.ofMillis(50));
    }
    if (!running.isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Stopping with {0} jobs still running; they continue at the next start",
          running.size());
    }
  }

  @PreDestroy
  void shutdown() {
    stop(Duration.ofSeconds(20));
  }
}
