package org.dpps.archive.storage.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.jobs.Job;
import org.dpps.archive.platform.jobs.JobState;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.Audit;
import org.dpps.archive.storage.domain.Audit.Kind;
import org.dpps.archive.storage.domain.Audit.Report;
import org.dpps.archive.storage.domain.Audit.State;
import org.dpps.archive.storage.domain.Audit.Trigger;
import org.dpps.archive.storage.domain.StorageEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audits as jobs of the job runner: progress, resuming an audit a restart cut short, cancel. */
class AuditJobsTest {
  @TempDir Path tmp;
  private StorageFixture f;

  @BeforeEach
  void open() {
    f = new StorageFixture(tmp);
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void anAuditRunsAsAJobThatShowsItsProgress() {
    List<ProductId> products = store(5, 1_000);
    Report queued =
        f.audits.start(new Audit.Request(Kind.FULL, null, null, null, null), Trigger.API);

    Report done = f.awaitAudit(queued.id());

    assertThat(done.state()).isEqualTo(State.COMPLETED);
    assertThat(done.objectsChecked()).isEqualTo(5);
    assertThat(done.failures()).isEmpty();
    Job job = f.jobs.latest(AuditJobs.KIND, queued.id()).orElseThrow();
    awaitJobFinished(job);
    job = f.jobs.latest(AuditJobs.KIND, queued.id()).orElseThrow();
    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job.progressDone()).isEqualTo(5);
    assertThat(job.progressTotal()).isEqualTo(5);
    for (ProductId p : products) {
      assertThat(f.audits.integrityOf(p.value())).contains("OK");
    }
  }

  @Test
  void anAuditARestartInterruptedGetsItsJobAgainAndChecksOnlyWhatIsLeft() {
    List<ProductId> products = store(6, 1_000);
    Report queued =
        f.audits.start(new Audit.Request(Kind.FULL, null, null, null, null), Trigger.API);
    // as a data directory of release 0.1 leaves it: the audit RUNNING with two objects recorded,
    // and no job (the release ran audits on a thread of their own)
    f.database.inTransaction(em -> em.createQuery("delete from JobEntity").executeUpdate());
    assertThat(f.auditRepository.begin(queued.id(), f.clock.instant())).contains(0);
    List<Audit.Item> firstTwo = f.auditRepository.pending(queued.id(), 2);
    for (Audit.Item item : firstTwo) {
      assertThat(
              f.auditRepository.record(
                  queued.id(),
                  item,
                  new Audit.Outcome(item.productId(), 3, 300, List.of(), 0, false),
                  true,
                  10,
                  f.clock.instant()))
          .isTrue();
    }

    assertThat(f.audits.resume()).isEqualTo(1);
    assertThat(f.audits.resume()).as("resuming again adds no second job").isEqualTo(1);
    assertThat(f.jobs.list(AuditJobs.KIND, null, 10)).hasSize(1);
    Report done = f.awaitAudit(queued.id());

    assertThat(done.state()).isEqualTo(State.COMPLETED);
    assertThat(done.objectsChecked()).isEqualTo(6);
    for (ProductId p : products) {
      long checks =
          f.events.forProduct(p.value()).stream()
              .filter(e -> e.is(StorageEvent.FIXITY_CHECK))
              .count();
      boolean recordedBefore = firstTwo.stream().anyMatch(i -> i.productId().equals(p.value()));
      assertThat(checks)
          .as("fixity checks of %s (recorded before the restart: %s)", p, recordedBefore)
          .isEqualTo(recordedBefore ? 0 : 2);
    }
  }

  @Test
  void aCancelledAuditStopsBeforeItsNextObjectAndKeepsWhatItChecked() throws Exception {
    store(10, 100_000);
    // 0.2 MB/s: each object (100 kB on each of two replicas) takes about a second
    Report queued =
        f.audits.start(new Audit.Request(Kind.FULL, null, null, 0.2, null), Trigger.API);
    f.jobs.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (f.audits.report(queued.id(), 0).objectsChecked() < 1) {
      assertThat(System.nanoTime()).as("first object checked within 60 s").isLessThan(deadline);
      Thread.sleep(20);
    }

    Report cancelled = f.audits.cancel(queued.id());
    awaitJobFinished(f.jobs.latest(AuditJobs.KIND, queued.id()).orElseThrow());
    Report after = f.audits.report(queued.id(), 100);

    assertThat(cancelled.state()).isEqualTo(State.CANCELLED);
    assertThat(cancelled.message()).startsWith("Cancelled after ");
    assertThat(after.state()).isEqualTo(State.CANCELLED);
    assertThat(after.objectsChecked()).isBetween(1, 9);
    assertThat(after.objectsChecked()).isEqualTo(cancelled.objectsChecked());
    assertThat(f.jobs.latest(AuditJobs.KIND, queued.id()).orElseThrow().state())
        .isEqualTo(JobState.CANCELLED);
    assertThat(f.events.recent(StorageEvent.AUDIT_FINISHED, 10))
        .as("a cancelled audit does not finish")
        .isEmpty();
    long checks =
        f.events.recent(StorageEvent.FIXITY_CHECK, 100).stream()
            .filter(e -> e.outcome() == ArchiveEvent.Outcome.SUCCESS)
            .count();
    // two replicas per recorded object, and perhaps the object being checked when the cancel came
    // (its checks are logged, its outcome is not recorded)
    assertThat(checks)
        .as("fixity checks logged")
        .isBetween(2L * after.objectsChecked(), 2L * after.objectsChecked() + 2);
  }

  private List<ProductId> store(int n, int bytes) {
    List<ProductId> ids = new java.util.ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ProductId id = new ProductId("audit-job-" + i);
      f.store(id, ("object " + i + " ").repeat(bytes / 10));
      ids.add(id);
    }
    return ids;
  }

  private void awaitJobFinished(Job job) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!f.jobs.latest(job.kind(), job.subject()).orElseThrow().state().isFinal()) {
      assertThat(System.nanoTime()).as("job finished within 60 s").isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
