package org.dpps.archive.storage.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.platform.jobs.HelperExecutor;
import org.dpps.archive.platform.jobs.Job;
import org.dpps.archive.platform.jobs.JobContext;
import org.dpps.archive.platform.jobs.JobHandler;
import org.dpps.archive.platform.jobs.JobResult;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.Audit;
import org.dpps.archive.storage.domain.AuditRepository;
import org.dpps.archive.storage.domain.CatalogueListing;
import org.dpps.archive.storage.domain.DerivedStores;
import org.dpps.archive.storage.domain.StorageEvent;

/**
 * Audits as jobs of kind {@code audit}, one audit at a time. A run checks the audit's objects in
 * order, {@code archive.audit.threads} at a time, and records each object's outcome as soon as it
 * is known, so a restart (or another node) continues after the last recorded object. Reads are held
 * to the audit's I/O budget. A cancelled audit stops before its next object; a shutdown stops it at
 * the same point and it continues at the next start. An audit whose run fails {@value
 * #MAX_ATTEMPTS} times is marked FAILED with the last error.
 */
@ApplicationScoped
public class AuditJobs implements JobHandler {
  public static final String KIND = "audit";
  static final int MAX_ATTEMPTS = 5;
  private static final System.Logger LOG = System.getLogger(AuditJobs.class.getName());
  private ArchivalStorage storage;
  private AuditRepository audits;
  private AuditSettings settings;
  private Instance<CatalogueListing> catalogue;
  private Instance<DerivedStores> derived;
  private EventLog events;
  private HelperExecutor helpers;
  private Clock clock;

  protected AuditJobs() {}

  @Inject
  public AuditJobs(
      ArchivalStorage storage,
      AuditRepository audits,
      AuditSettings settings,
      Instance<CatalogueListing> catalogue,
      Instance<DerivedStores> derived,
      EventLog events,
      HelperExecutor helpers,
      Clock clock) {
    this.derived = derived;
    this.helpers = helpers;
    this.storage = storage;
    this.audits = audits;
    this.settings = settings;
    this.catalogue = catalogue;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int maxAttempts() {
    return MAX_ATTEMPTS;
  }

  @Override
  public JobResult run(JobContext context) {
    String id = context.subject();
    Audit.Definition audit = audits.definition(id).orElse(null);
    Optional<Integer> done = audit == null ? Optional.empty() : audits.begin(id, clock.instant());
    if (done.isEmpty()) {
      return JobResult.done(); // finished, cancelled or gone meanwhile
    }
    LOG.log(
        System.Logger.Level.INFO,
        "Audit {0} {1} ({2} objects done)",
        id,
        done.get() > 0 || context.job().attempts() > 1 ? "resumed" : "started",
        done.get());
    Set<String> scope = new LinkedHashSet<>(audit.replicas());
    boolean full = audit.kind() == Audit.Kind.FULL;
    IoBudget budget = new IoBudget(audit.budgetBytesPerSecond());
    Auditor auditor = new Auditor(storage);
    Recorder recorder = new Recorder(id, full);
    int threads = settings.threads();
    while (true) {
      if (context.stopping()) {
        return JobResult.stopped();
      }
      if (context.cancelRequested() || !audits.isRunning(id)) {
        return JobResult.done();
      }
      List<Audit.Item> batch = audits.pending(id, Math.max(4, threads * 4));
      if (batch.isEmpty()) {
        break;
      }
      context.parallel(
          batch,
          threads,
          item -> {
            if (context.stopping() || context.cancelRequested() || !audits.isRunning(id)) {
              return false; // check nothing more
            }
            recorder.record(item, check(auditor, item.productId(), scope, full, budget));
            return true;
          });
      recorder.drain();
      audits
          .report(id, 0)
          .ifPresent(r -> context.progress(r.objectsChecked(), r.objectsTotal(), "objects"));
    }
    if (audit.wholeRoots()) {
      List<Audit.Finding> stray = new ArrayList<>();
      for (String name : scope) {
        storage
            .replica(name)
            .filter(Replica::available)
            .ifPresent(r -> stray.addAll(StrayFiles.in(r)));
      }
      audits.addFindings(id, stray, clock.instant());
    }
    if (!full && derived.isResolvable()) {
      // a quick audit also brings the catalogue, search index and graph back in line with storage
      try {
        derived.get().reconcile();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Audit " + id + ": cannot reconcile the catalogue", e);
      }
    }
    audits.complete(id, clock.instant()).ifPresent(this::finished);
    return JobResult.done();
  }

  @Override
  public void givenUp(Job job, String reason) {
    audits.fail(job.subject(), reason, clock.instant());
  }

  /** Audits one object; an error becomes a CHECK_ERROR finding rather than stopping the audit. */
  private Audit.Outcome check(
      Auditor auditor, String productId, Set<String> scope, boolean full, IoBudget budget) {
    try {
      return withCatalogueFindings(
          auditor.audit(ProductId.parse(productId), scope, full, budget), productId, scope);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "Audit of " + productId, e);
      return new Audit.Outcome(
          productId,
          0,
          0,
          List.of(
              new Audit.Finding(productId, "", "", "CHECK_ERROR", null, String.valueOf(e), "NONE")),
          0,
          false);
    }
  }

  /** Adds DARK_OBJECT when the object is stored but unknown to the catalogue. */
  private Audit.Outcome withCatalogueFindings(
      Audit.Outcome o, String productId, Set<String> scope) {
    if (!catalogue.isResolvable() || catalogue.get().isCatalogued(ProductId.parse(productId))) {
      return o;
    }
    List<Audit.Finding> failures = new ArrayList<>(o.failures());
    failures.add(
        new Audit.Finding(
            productId,
            String.join(",", scope),
            "",
            "DARK_OBJECT",
            "a catalogue entry",
            null,
            "REPORTED"));
    return new Audit.Outcome(
        o.productId(), o.filesRead(), o.bytesRead(), failures, o.repaired(), o.damaged());
  }

  /**
   * Records outcomes one at a time, in the order they are handed over (they update the audit's
   * totals), as helper tasks: the database commit of one object overlaps the check of the next. The
   * time spent is counted object by object, since the previous one was recorded, so a crash loses
   * at most the time of the objects it interrupted.
   */
  private final class Recorder {
    private final String id;
    private final boolean full;
    private long mark = System.nanoTime();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    Recorder(String id, boolean full) {
      this.id = id;
      this.full = full;
    }

    synchronized void record(Audit.Item item, Audit.Outcome outcome) {
      tail = tail.thenRunAsync(() -> write(item, outcome), helpers.executor());
    }

    private void write(Audit.Item item, Audit.Outcome outcome) {
      long elapsedMillis = (System.nanoTime() - mark) / 1_000_000;
      if (audits.record(id, item, outcome, full, elapsedMillis, clock.instant())) {
        mark += elapsedMillis * 1_000_000;
      }
    }

    /** Waits until every outcome handed over is recorded; throws if recording one failed. */
    void drain() {
      CompletableFuture<Void> last;
      synchronized (this) {
        last = tail;
      }
      last.join();
    }
  }

  private void finished(Audit.Report r) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("audit", r.id());
    detail.put("objects", r.objectsChecked());
    detail.put("bytes", r.bytesChecked());
    detail.put("failures", r.failuresTotal());
    detail.put("repaired", r.repaired());
    detail.put("damaged", r.damaged());
    events.append(
        StorageEvent.AUDIT_FINISHED,
        r.damaged() == 0 ? ArchiveEvent.Outcome.SUCCESS : ArchiveEvent.Outcome.FAILURE,
        null,
        null,
        Auditor.AGENT,
        detail);
    events.checkpoint();
    LOG.log(System.Logger.Level.INFO, "Audit {0} completed: {1}", r.id(), r.message());
  }
}
