package org.dpps.archive.planning.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dpps.archive.planning.domain.FormatEntry;
import org.dpps.archive.planning.domain.MigrationAction;
import org.dpps.archive.planning.domain.MigrationPlan;
import org.dpps.archive.planning.domain.MigrationPlan.ItemView;
import org.dpps.archive.planning.domain.MigrationPlan.PlanView;
import org.dpps.archive.planning.domain.MigrationPlan.Request;
import org.dpps.archive.planning.domain.MigrationPlan.State;
import org.dpps.archive.planning.domain.MigrationPlanRepository;
import org.dpps.archive.planning.domain.PlanningEvent;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.platform.jobs.Job;
import org.dpps.archive.platform.jobs.JobRunner;
import org.dpps.archive.platform.jobs.JobState;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.api.Storage;
import org.dpps.archive.storage.domain.AipVersion;

/**
 * Migration plans as the archivist works with them: made (DRAFT), previewed (a dry run: affected
 * products, bytes, one sample file migrated and checked in a scratch directory, an estimate),
 * executed (RUNNING: one item per affected product, worked through by a job of kind {@code
 * migration}, see {@link MigrationJobs}), finished or cancelled. After a restart RUNNING plans
 * continue where they stopped.
 */
@ApplicationScoped
public class MigrationPlans {
  static final String AGENT = FormatRegistry.AGENT;
  static final int MAX_PRODUCTS = 100_000;

  private MigrationPlanRepository plans;
  private PlanActions actions;
  private Storage storage;
  private FormatRegistry registry;
  private RiskReports risks;
  private EventLog events;
  private JobRunner jobs;
  private Clock clock;
  private PlanningSettings settings;
  private MigrationCheck check;

  protected MigrationPlans() {}

  @Inject
  public MigrationPlans(
      MigrationPlanRepository plans,
      PlanActions actions,
      Storage storage,
      FormatRegistry registry,
      RiskReports risks,
      EventLog events,
      JobRunner jobs,
      Clock clock,
      PlanningSettings settings,
      MigrationCheck check) {
    this.plans = plans;
    this.actions = actions;
    this.storage = storage;
    this.registry = registry;
    this.risks = risks;
    this.events = events;
    this.jobs = jobs;
    this.clock = clock;
    this.settings = settings;
    this.check = check;
  }

  public record Sample(
      String productId,
      String path,
      long bytes,
      Long outputBytes,
      double seconds,
      boolean accepted,
      List<String> differences) {}

  public record Estimate(double seconds, String basis) {}

  public record Preview(
      String planId,
      String sourceFormat,
      String targetFormat,
      MigrationPlan.ActionView action,
      long products,
      long files,
      long bytes,
      List<String> productIds,
      boolean truncated,
      Sample sample,
      Estimate estimate) {}

  // ---------------------------------------------------------------- making and reading plans

  public PlanView create(Request request, String by) {
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty() || name.length() > 200) {
      throw invalid("'name' is required (at most 200 characters)");
    }
    FormatEntry source = format(request.sourceFormat(), "sourceFormat");
    FormatEntry target = format(request.targetFormat(), "targetFormat");
    if (source.id().equals(target.id())) {
      throw invalid("sourceFormat and targetFormat are the same");
    }
    if (!source.mediaType().equals(Profiles.FITS) || !target.mediaType().equals(Profiles.FITS)) {
      throw invalid(
          "Only FITS to FITS migrations can be validated here (significant properties are"
              + " defined for FITS); "
              + source.id()
              + " is "
              + source.mediaType()
              + ", "
              + target.id()
              + " is "
              + target.mediaType());
    }
    List<String> products = request.products() == null ? null : List.copyOf(request.products());
    if (products != null) {
      if (products.isEmpty() || products.size() > MAX_PRODUCTS) {
        throw invalid("'products' must list 1 to " + MAX_PRODUCTS + " product ids");
      }
      for (String p : products) {
        try {
          new ProductId(p);
        } catch (RuntimeException e) {
          throw invalid("Not a product id: " + p);
        }
      }
    }
    String id = UUID.randomUUID().toString();
    String actionId = request.action() == null ? "" : request.action().strip();
    MigrationAction action = actions.forNewPlan(id, request.action(), request.cwl());
    MigrationPlan.Stored plan =
        new MigrationPlan.Stored(
            id,
            name,
            source.id(),
            target.id(),
            actionId,
            PlanActions.view(action),
            actionId.equals(CwlAction.ID) ? request.cwl() : null,
            products,
            State.DRAFT,
            now(),
            by,
            null,
            null);
    plans.create(plan);
    return view(plan);
  }

  public List<PlanView> list(int limit) {
    return plans.list(limit).stream().map(this::view).toList();
  }

  public PlanView get(String id) {
    return view(load(id));
  }

  public List<ItemView> items(String id, String state, int limit, int offset) {
    load(id);
    return plans.items(id, state, limit, offset);
  }

  // ---------------------------------------------------------------- preview

  /** A dry run: nothing is stored; one sample file is migrated and checked in a scratch area. */
  public Preview preview(String id, int list) {
    MigrationPlan.Stored row = load(id);
    Map<String, long[]> affected = affected(row);
    long files = affected.values().stream().mapToLong(c -> c[0]).sum();
    long bytes = affected.values().stream().mapToLong(c -> c[1]).sum();
    MigrationAction action = actions.of(row);
    Sample sample = null;
    Estimate estimate = new Estimate(0, "nothing to migrate");
    if (!affected.isEmpty()) {
      sample = sample(row, action, affected);
      if (sample != null && sample.bytes() > 0) {
        double seconds = sample.seconds() * ((double) bytes / sample.bytes());
        estimate =
            new Estimate(
                seconds,
                String.format(
                    java.util.Locale.ROOT,
                    "scaled from the sample (%d bytes migrated and checked in %.3f s), one"
                        + " product at a time; storage commits not included, %d workers in"
                        + " parallel shorten it",
                    sample.bytes(),
                    sample.seconds(),
                    settings.threads()));
      }
    }
    List<String> ids = affected.keySet().stream().limit(Math.max(0, list)).toList();
    return new Preview(
        id,
        row.sourceFormat(),
        row.targetFormat(),
        PlanActions.view(action),
        affected.size(),
        files,
        bytes,
        ids,
        ids.size() < affected.size(),
        sample,
        estimate);
  }

  /** The affected product with the fewest affected bytes, tried for real in a scratch area. */
  private Sample sample(
      MigrationPlan.Stored row, MigrationAction action, Map<String, long[]> affected) {
    String productId =
        affected.entrySet().stream()
            .min(java.util.Comparator.comparingLong(e -> e.getValue()[1]))
            .orElseThrow()
            .getKey();
    AipVersion head = storage.head(new ProductId(productId)).orElse(null);
    if (head == null) {
      return null;
    }
    Path scratch = settings.work().resolve("preview-" + UUID.randomUUID());
    try {
      MigrationCheck.Trial t = check.trial(actions.plan(row, action), head, scratch);
      return t == null
          ? null
          : new Sample(
              productId,
              t.path(),
              t.bytes(),
              t.outputBytes(),
              t.seconds(),
              t.differences().isEmpty(),
              t.differences());
    } finally {
      PlanActions.deleteQuietly(scratch);
    }
  }

  // ---------------------------------------------------------------- execution

  /**
   * Starts (or continues) the plan: every product currently affected gets an item, except those it
   * already has; finished items are never redone. Executing a RUNNING plan again makes sure it has
   * its job (one that stopped after failed runs starts again). Returns the plan.
   */
  public synchronized PlanView execute(String id, String by) {
    MigrationPlan.Stored row = load(id);
    if (row.state() == State.RUNNING) {
      jobs.enqueue(MigrationJobs.KIND, id);
      return view(row);
    }
    int added = plans.start(id, affected(row), now());
    events.append(
        PlanningEvent.PLAN_STARTED,
        ArchiveEvent.Outcome.SUCCESS,
        null,
        null,
        AGENT,
        Map.of(
            "plan", id, "name", row.name(), "by", by, "newItems", added, "action", row.actionId()));
    jobs.enqueue(MigrationJobs.KIND, id);
    return get(id);
  }

  /** Stops a plan before its next product; its pending items stay pending. */
  public synchronized PlanView cancel(String id) {
    MigrationPlan.Stored row = load(id);
    if (row.state() == State.FINISHED || row.state() == State.CANCELLED) {
      throw new ArchiveException(ErrorCode.PLAN_STATE, "The plan is already " + row.state());
    }
    plans.end(id, State.CANCELLED, now());
    jobs.cancel(MigrationJobs.KIND, id);
    return get(id);
  }

  /**
   * At start-up: empties the work area and gives every RUNNING plan its job (plans from before the
   * job runner had none); then, every minute, gives a job to a RUNNING plan whose last job was
   * cancelled (a plan executed again while its cancelled run was ending). Returns how many plans
   * are RUNNING.
   */
  public int resume() {
    PlanActions.deleteQuietly(settings.work());
    List<String> running = plans.running();
    running.forEach(id -> jobs.enqueue(MigrationJobs.KIND, id));
    jobs.every("migration-plans", Duration.ofMinutes(1), this::giveRunningPlansTheirJob);
    return running.size();
  }

  private synchronized void giveRunningPlansTheirJob() {
    for (String id : plans.running()) {
      Job last = jobs.latest(MigrationJobs.KIND, id).orElse(null);
      if (last == null || last.state() == JobState.CANCELLED) {
        jobs.enqueue(MigrationJobs.KIND, id);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Affected products of the plan: product id → [files, bytes] in the source format. */
  private Map<String, long[]> affected(MigrationPlan.Stored row) {
    Map<String, long[]> all = risks.productsOf(row.sourceFormat());
    if (row.products() == null) {
      return all;
    }
    Map<String, long[]> limited = new LinkedHashMap<>();
    for (String p : row.products()) {
      if (all.containsKey(p)) {
        limited.put(p, all.get(p));
      }
    }
    return limited;
  }

  private PlanView view(MigrationPlan.Stored row) {
    MigrationPlan.Counts counts = plans.counts(row.id());
    MigrationPlan.Totals all = plans.totals(row.id(), null);
    Double elapsed = null;
    Double mbps = null;
    Double pps = null;
    if (row.startedAt() != null) {
      Instant end = row.finishedAt() != null ? row.finishedAt() : clock.instant();
      elapsed = Math.max(0, ChronoUnit.MILLIS.between(row.startedAt(), end)) / 1000.0;
      // rates over the products of the current run, by wall time (workers run in parallel)
      MigrationPlan.Totals run = plans.totals(row.id(), row.startedAt());
      if (elapsed > 0 && run.products() > 0) {
        mbps = run.bytesBefore() / 1e6 / elapsed;
        pps = run.products() / elapsed;
      }
    }
    MigrationPlan.Progress progress =
        new MigrationPlan.Progress(
            all.bytesBefore(), all.bytesAfter(), all.millis(), elapsed, mbps, pps);
    return new PlanView(
        row.id(),
        row.name(),
        row.sourceFormat(),
        row.targetFormat(),
        row.action(),
        row.state().name(),
        row.createdAt(),
        row.createdBy(),
        row.startedAt(),
        row.finishedAt(),
        row.products(),
        counts,
        progress,
        row.cwlDocument());
  }

  private MigrationPlan.Stored load(String id) {
    return (id == null ? java.util.Optional.<MigrationPlan.Stored>empty() : plans.find(id))
        .orElseThrow(
            () -> new ArchiveException(ErrorCode.PLAN_NOT_FOUND, "No migration plan '" + id + "'"));
  }

  private FormatEntry format(String id, String field) {
    if (id == null || id.isBlank()) {
      throw invalid("'" + field + "' is required: the id of a format in the registry");
    }
    return registry
        .find(id)
        .orElseThrow(() -> invalid(field + ": no format '" + id + "' in the registry"));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  static ArchiveException invalid(String message) {
    return new ArchiveException(ErrorCode.PLAN_REQUEST_INVALID, message);
  }
}
