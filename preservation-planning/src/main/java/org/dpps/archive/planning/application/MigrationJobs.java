package org.dpps.archive.planning.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.dpps.archive.planning.domain.MigrationAction;
import org.dpps.archive.planning.domain.MigrationPlan;
import org.dpps.archive.planning.domain.MigrationPlanRepository;
import org.dpps.archive.planning.domain.PlanningEvent;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.platform.jobs.Job;
import org.dpps.archive.platform.jobs.JobContext;
import org.dpps.archive.platform.jobs.JobHandler;
import org.dpps.archive.platform.jobs.JobResult;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.api.AipWriter;
import org.dpps.archive.storage.api.Storage;

/**
 * Executing migration plans, as jobs of kind {@code migration}: one plan at a time, its products
 * worked through in plan order by {@code archive.planning.threads} workers, each product's outcome
 * committed as soon as it is known. A plan whose state is no longer RUNNING (cancelled) stops
 * before its next product; a shutdown stops it at the same point and it continues at the next
 * start. A product whose new version a crash left unrecorded is recognised by its bag-info and not
 * migrated twice.
 */
@ApplicationScoped
public class MigrationJobs implements JobHandler {
  public static final String KIND = "migration";
  private static final System.Logger LOG = System.getLogger(MigrationJobs.class.getName());
  private MigrationPlanRepository plans;
  private PlanActions actions;
  private Storage storage;
  private EventLog events;
  private Clock clock;
  private PlanningSettings settings;
  private MigrationCheck check;
  private AipWriter writer;

  protected MigrationJobs() {}

  @Inject
  public MigrationJobs(
      MigrationPlanRepository plans,
      PlanActions actions,
      Storage storage,
      AipWriter writer,
      EventLog events,
      Clock clock,
      PlanningSettings settings,
      MigrationCheck check) {
    this.plans = plans;
    this.actions = actions;
    this.storage = storage;
    this.writer = writer;
    this.events = events;
    this.clock = clock;
    this.settings = settings;
    this.check = check;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public JobResult run(JobContext context) {
    String id = context.subject();
    MigrationPlan.Stored plan = plans.find(id).orElse(null);
    if (plan == null || plan.state() != MigrationPlan.State.RUNNING) {
      return JobResult.done();
    }
    MigrationAction action = actions.of(plan);
    Migrator migrator = new Migrator(storage, writer, clock, check);
    Set<String> inFlight = ConcurrentHashMap.newKeySet();
    ProgressClock progress = new ProgressClock();
    int threads = Math.max(1, settings.threads());
    context.parallel(
        IntStream.range(0, threads).boxed().toList(),
        threads,
        worker -> {
          work(context, id, action, migrator, inFlight, progress);
          return worker;
        });
    reportProgress(context, id);
    if (context.stopping()) {
      return JobResult.stopped();
    }
    MigrationPlan.Stored now = plans.find(id).orElseThrow();
    if (now.state() == MigrationPlan.State.RUNNING && claim(id, inFlight, false) == null) {
      finish(now);
    }
    return JobResult.done();
  }

  @Override
  public void givenUp(Job job, String reason) {
    LOG.log(
        System.Logger.Level.ERROR,
        "Migration plan {0} stopped (ARCHIVE-500): {1}; executing it again, or a restart,"
            + " continues it",
        job.subject(),
        reason);
  }

  /** One worker's loop: claims the next pending product nobody works on, until none is left. */
  private void work(
      JobContext context,
      String id,
      MigrationAction action,
      Migrator migrator,
      Set<String> inFlight,
      ProgressClock progress) {
    while (!context.stopping()) {
      MigrationPlan.Stored plan = plans.find(id).orElse(null);
      if (plan == null || plan.state() != MigrationPlan.State.RUNNING) {
        return;
      }
      MigrationPlan.ItemView item = claim(id, inFlight, true);
      if (item == null) {
        return;
      }
      try {
        migrateOne(plan, item, action, migrator);
      } finally {
        inFlight.remove(item.productId());
      }
      if (progress.due()) {
        reportProgress(context, id);
      }
    }
  }

  /** Counts the plan's items (one query over all of them) and shows how many are done. */
  private void reportProgress(JobContext context, String id) {
    MigrationPlan.Counts c = plans.counts(id);
    context.progress(c.total() - c.pending(), c.total(), "products");
  }

  /**
   * At most one progress report every two seconds: counting a plan's items is a query over all of
   * them, too much after every product of a plan of 100,000.
   */
  private static final class ProgressClock {
    private static final long EVERY_NANOS = 2_000_000_000L;
    private final AtomicLong next = new AtomicLong(System.nanoTime());

    boolean due() {
      long now = System.nanoTime();
      long due = next.get();
      return now - due >= 0 && next.compareAndSet(due, now + EVERY_NANOS);
    }
  }

  private void migrateOne(
      MigrationPlan.Stored plan,
      MigrationPlan.ItemView item,
      MigrationAction action,
      Migrator migrator) {
    int fromVersion = item.fromVersion() == null ? 0 : item.fromVersion();
    if (item.attempts() >= settings.maxAttempts()) {
      Migrator.Outcome gaveUp =
          Migrator.Outcome.failed(
              fromVersion,
              ErrorCode.STORAGE_FAILURE,
              null,
              "Gave up after " + item.attempts() + " attempts",
              List.of());
      record(plan, item.productId(), gaveUp, 0);
      return;
    }
    plans.attempt(plan.id(), item.productId(), now());
    long t0 = System.nanoTime();
    Migrator.Outcome outcome;
    try {
      outcome =
          migrator.migrate(
              actions.plan(plan, action),
              new ProductId(item.productId()),
              settings.work().resolve(plan.id()).resolve(safeName(item.productId())));
    } catch (ArchiveException e) {
      if (e.code() == ErrorCode.REPLICA_UNAVAILABLE || e.code() == ErrorCode.STORAGE_CONFLICT) {
        // REPLICA_UNAVAILABLE: stored on the available replicas (audits copy it to the others
        // when they return), the next attempt finds the version this plan wrote and records it;
        // STORAGE_CONFLICT: a deposit made a version meanwhile, the next attempt starts from it
        LOG.log(
            System.Logger.Level.WARNING,
            "{0}: {1}; trying again",
            item.productId(),
            e.getMessage());
        return;
      }
      outcome =
          Migrator.Outcome.failed(
              fromVersion, e.code(), e.path().orElse(null), e.getMessage(), List.of());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "Migration of " + item.productId() + " failed", e);
      outcome =
          Migrator.Outcome.failed(
              fromVersion,
              ErrorCode.INTERNAL,
              null,
              e.getClass().getSimpleName() + ": " + e.getMessage(),
              List.of());
    }
    record(plan, item.productId(), outcome, (System.nanoTime() - t0) / 1_000_000);
  }

  private void record(
      MigrationPlan.Stored plan, String productId, Migrator.Outcome o, long millis) {
    plans.record(
        plan.id(),
        productId,
        new MigrationPlan.ItemOutcome(
            o.state(),
            o.fromVersion(),
            o.toVersion(),
            o.files(),
            o.bytesBefore(),
            o.bytesAfter(),
            millis,
            o.detail()),
        now());
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("plan", plan.id());
    detail.put("state", o.state());
    detail.put("fromVersion", String.valueOf(o.fromVersion()));
    detail.put("toVersion", String.valueOf(o.toVersion()));
    detail.putAll(o.detail());
    if (o.state().equals("MIGRATED") && o.files() > 0) {
      events.append(
          PlanningEvent.MIGRATION,
          ArchiveEvent.Outcome.SUCCESS,
          productId,
          null,
          MigrationPlans.AGENT,
          detail);
    } else if (o.state().equals("FAILED")) {
      events.append(
          PlanningEvent.MIGRATION_REJECTED,
          ArchiveEvent.Outcome.FAILURE,
          productId,
          null,
          MigrationPlans.AGENT,
          detail);
    }
  }

  private void finish(MigrationPlan.Stored plan) {
    plans.end(plan.id(), MigrationPlan.State.FINISHED, now());
    MigrationPlan.Counts c = plans.counts(plan.id());
    events.append(
        PlanningEvent.PLAN_FINISHED,
        c.failed() == 0 ? ArchiveEvent.Outcome.SUCCESS : ArchiveEvent.Outcome.FAILURE,
        null,
        null,
        MigrationPlans.AGENT,
        Map.of(
            "plan", plan.id(),
            "migrated", c.migrated(),
            "failed", c.failed(),
            "skipped", c.skipped()));
  }

  /**
   * The first pending item (in plan order) no worker has claimed; with {@code take} it is claimed.
   */
  private MigrationPlan.ItemView claim(String id, Set<String> inFlight, boolean take) {
    synchronized (inFlight) {
      for (MigrationPlan.ItemView item : plans.pending(id, inFlight.size() + 1)) {
        if (!inFlight.contains(item.productId())) {
          if (take) {
            inFlight.add(item.productId());
          }
          return item;
        }
      }
      return null;
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  static String safeName(String productId) {
    return productId.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
