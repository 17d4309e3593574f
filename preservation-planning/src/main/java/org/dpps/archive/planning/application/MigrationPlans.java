package org.dpps.archive.planning.application;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.dpps.archive.planning.domain.FormatEntry;
import org.dpps.archive.planning.domain.MigrationAction;
import org.dpps.archive.planning.domain.PlanningEvent;
import org.dpps.archive.planning.infrastructure.jpa.MigrationItemEntity;
import org.dpps.archive.planning.infrastructure.jpa.MigrationPlanEntity;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.application.ArchivalStorage;
import org.dpps.archive.storage.domain.AipVersion;

/**
 * Migration plans: made (DRAFT), previewed (a dry run: affected products, bytes, one sample file
 * migrated and checked in a scratch directory, an estimate), executed (RUNNING: one item per
 * affected product, worked through in order by {@code archive.planning.threads} workers, each
 * product's state committed as soon as it is done), finished or cancelled. After a restart RUNNING
 * plans continue where they stopped; a product whose new version a crash left unrecorded is
 * recognised by its bag-info and not migrated twice.
 */
@ApplicationScoped
public class MigrationPlans {
  private static final System.Logger LOG = System.getLogger(MigrationPlans.class.getName());
  static final String AGENT = FormatRegistry.AGENT;
  static final int MAX_PRODUCTS = 100_000;

  /** Plan states. */
  public enum State {
    DRAFT,
    RUNNING,
    FINISHED,
    CANCELLED
  }

  private ArchiveDatabase database;
  private ArchivalStorage storage;
  private FormatRegistry registry;
  private RiskReports risks;
  private EventLog events;
  private Clock clock;
  private PlanningSettings settings;
  private ExecutorService worker;
  private final Map<String, MigrationAction> cwlActions = new ConcurrentHashMap<>();
  private final java.util.Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final java.util.Set<ExecutorService> pools = ConcurrentHashMap.newKeySet();

  protected MigrationPlans() {}

  @Inject
  public MigrationPlans(
      ArchiveDatabase database,
      ArchivalStorage storage,
      FormatRegistry registry,
      RiskReports risks,
      EventLog events,
      Clock clock,
      PlanningSettings settings) {
    this.database = database;
    this.storage = storage;
    this.registry = registry;
    this.risks = risks;
    this.events = events;
    this.clock = clock;
    this.settings = settings;
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "migration-worker");
              t.setDaemon(true);
              return t;
            });
  }

  /** What an archivist asks for. */
  public record Request(
      String name,
      String sourceFormat,
      String targetFormat,
      String action,
      String cwl,
      List<String> products) {}

  public record ActionView(
      String id, String description, String tool, String toolVersion, String runner) {}

  public record Counts(int total, int pending, int migrated, int failed, int skipped) {}

  /** Totals of the products done so far. */
  public record Progress(
      long bytesBefore,
      long bytesAfter,
      long workMillis,
      Double elapsedSeconds,
      Double megabytesPerSecond,
      Double productsPerSecond) {}

  public record PlanView(
      String id,
      String name,
      String sourceFormat,
      String targetFormat,
      ActionView action,
      String state,
      Instant createdAt,
      String createdBy,
      Instant startedAt,
      Instant finishedAt,
      List<String> products,
      Counts counts,
      Progress progress,
      String cwl) {}

  public record ItemView(
      String productId,
      int seq,
      String state,
      Integer fromVersion,
      Integer toVersion,
      int files,
      long bytesBefore,
      long bytesAfter,
      long millis,
      int attempts,
      Map<String, Object> detail,
      Instant updatedAt) {}

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
      ActionView action,
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
    String cwl = null;
    MigrationAction action;
    if (actionId.equals(CwlAction.ID)) {
      if (request.cwl() == null || request.cwl().isBlank()) {
        throw invalid("Action 'cwl' needs the CWL CommandLineTool document in 'cwl'");
      }
      if (request.cwl().length() > 1_000_000) {
        throw invalid("The CWL document is larger than 1 MB");
      }
      cwl = request.cwl();
      Path check = settings.work().resolve("check-" + id);
      try {
        action = CwlAction.of(cwl, settings.cwltool(), settings.cwlTimeout(), check);
      } finally {
        deleteQuietly(check);
      }
      cwlActions.put(id, action);
    } else {
      action =
          BuiltInActions.all().stream()
              .filter(a -> a.id().equals(actionId))
              .findFirst()
              .orElseThrow(
                  () ->
                      invalid(
                          "Unknown action '"
                              + request.action()
                              + "': use one of "
                              + BuiltInActions.all().stream().map(MigrationAction::id).toList()
                              + " or 'cwl' with a CWL CommandLineTool document"));
      if (request.cwl() != null) {
        throw invalid("'cwl' is only for action 'cwl'");
      }
    }
    MigrationPlanEntity row = new MigrationPlanEntity();
    row.id = id;
    row.name = name;
    row.sourceFormat = source.id();
    row.targetFormat = target.id();
    row.actionId = actionId;
    row.actionView = json(actionView(action));
    row.cwlDocument = cwl;
    row.products = products == null ? null : json(products);
    row.state = State.DRAFT.name();
    row.createdAt = now();
    row.createdBy = by;
    database.get().inTransaction(em -> em.persist(row));
    return view(row);
  }

  public List<PlanView> list(int limit) {
    return database
        .get()
        .fromTransaction(
            em ->
                em.createQuery(
                        "select p from MigrationPlanEntity p order by p.createdAt desc",
                        MigrationPlanEntity.class)
                    .setMaxResults(limit)
                    .getResultList())
        .stream()
        .map(this::view)
        .toList();
  }

  public PlanView get(String id) {
    return view(load(id));
  }

  public List<ItemView> items(String id, String state, int limit, int offset) {
    load(id);
    return database
        .get()
        .fromTransaction(
            em -> {
              var q =
                  em.createQuery(
                      "select i from MigrationItemEntity i where i.planId = :p"
                          + (state == null ? "" : " and i.state = :s")
                          + " order by i.seq",
                      MigrationItemEntity.class);
              q.setParameter("p", id);
              if (state != null) {
                q.setParameter("s", state);
              }
              return q.setFirstResult(offset).setMaxResults(limit).getResultList();
            })
        .stream()
        .map(MigrationPlans::itemView)
        .toList();
  }

  // ---------------------------------------------------------------- preview

  /** A dry run: nothing is stored; one sample file is migrated and checked in a scratch area. */
  public Preview preview(String id, int list) {
    MigrationPlanEntity row = load(id);
    Map<String, long[]> affected = affected(row);
    long files = affected.values().stream().mapToLong(c -> c[0]).sum();
    long bytes = affected.values().stream().mapToLong(c -> c[1]).sum();
    MigrationAction action = action(row);
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
        row.sourceFormat,
        row.targetFormat,
        actionView(action),
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
      MigrationPlanEntity row, MigrationAction action, Map<String, long[]> affected) {
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
      Migrator.Trial t = Migrator.trial(plan(row, action), head, scratch);
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
      deleteQuietly(scratch);
    }
  }

  // ---------------------------------------------------------------- execution

  /**
   * Starts (or continues) the plan: every product currently affected gets an item, except those it
   * already has; finished items are never redone. Returns the plan.
   */
  public synchronized PlanView execute(String id, String by) {
    MigrationPlanEntity row = load(id);
    if (State.valueOf(row.state) == State.RUNNING) {
      return view(row);
    }
    Map<String, long[]> affected = affected(row);
    Instant now = now();
    int added =
        database
            .get()
            .fromTransaction(
                em -> {
                  Integer max =
                      em.createQuery(
                              "select max(i.seq) from MigrationItemEntity i where i.planId = :p",
                              Integer.class)
                          .setParameter("p", id)
                          .getSingleResult();
                  int seq = max == null ? 0 : max;
                  java.util.Set<String> known =
                      new java.util.HashSet<>(
                          em.createQuery(
                                  "select i.productId from MigrationItemEntity i where i.planId ="
                                      + " :p",
                                  String.class)
                              .setParameter("p", id)
                              .getResultList());
                  int n = 0;
                  for (var e : affected.entrySet()) {
                    if (!known.contains(e.getKey())) {
                      MigrationItemEntity item = new MigrationItemEntity();
                      item.planId = id;
                      item.productId = e.getKey();
                      item.seq = ++seq;
                      item.state = "PENDING";
                      item.files = (int) e.getValue()[0];
                      item.bytesBefore = e.getValue()[1];
                      item.updatedAt = now;
                      em.persist(item);
                      n++;
                    }
                  }
                  MigrationPlanEntity p = em.find(MigrationPlanEntity.class, id);
                  p.state = State.RUNNING.name();
                  p.startedAt = now;
                  p.finishedAt = null;
                  return n;
                });
    events.append(
        PlanningEvent.PLAN_STARTED,
        ArchiveEvent.Outcome.SUCCESS,
        null,
        null,
        AGENT,
        Map.of("plan", id, "name", row.name, "by", by, "newItems", added, "action", row.actionId));
    worker.submit(() -> run(id));
    return get(id);
  }

  /** Stops a plan before its next product; its pending items stay pending. */
  public synchronized PlanView cancel(String id) {
    MigrationPlanEntity row = load(id);
    State state = State.valueOf(row.state);
    if (state == State.FINISHED || state == State.CANCELLED) {
      throw new ArchiveException(ErrorCode.PLAN_STATE, "The plan is already " + state);
    }
    database
        .get()
        .inTransaction(
            em -> {
              MigrationPlanEntity p = em.find(MigrationPlanEntity.class, id);
              p.state = State.CANCELLED.name();
              p.finishedAt = now();
            });
    return get(id);
  }

  /** At start-up: empties the work area and continues RUNNING plans; returns how many. */
  public int resume() {
    deleteQuietly(settings.work());
    List<String> running =
        database
            .get()
            .fromTransaction(
                em ->
                    em.createQuery(
                            "select p.id from MigrationPlanEntity p where p.state = 'RUNNING'"
                                + " order by p.startedAt",
                            String.class)
                        .getResultList());
    running.forEach(id -> worker.submit(() -> run(id)));
    return running.size();
  }

  /**
   * Works through the plan's pending items with {@code archive.planning.threads} products at a
   * time, then marks the plan FINISHED if nothing is left.
   */
  void run(String id) {
    int threads = Math.max(1, settings.threads());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "migration-" + id.substring(0, Math.min(8, id.length())));
              t.setDaemon(true);
              return t;
            });
    pools.add(pool);
    try {
      List<java.util.concurrent.Future<?>> loops = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        loops.add(pool.submit(() -> work(id)));
      }
      for (var loop : loops) {
        loop.get();
      }
      MigrationPlanEntity row = load(id);
      if (State.valueOf(row.state) == State.RUNNING && claim(id, false) == null) {
        finish(row);
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR, "Migration plan " + id + " stopped; a restart resumes it", e);
    } finally {
      pool.shutdown();
      pools.remove(pool);
    }
  }

  /** One worker's loop: claims the next pending product nobody works on, until none is left. */
  private void work(String id) {
    MigrationAction action = action(load(id));
    Migrator migrator = new Migrator(storage, clock);
    while (!Thread.currentThread().isInterrupted()) {
      MigrationPlanEntity row = load(id);
      if (State.valueOf(row.state) != State.RUNNING) {
        return;
      }
      MigrationItemEntity item = claim(id, true);
      if (item == null) {
        return;
      }
      try {
        migrateOne(row, item, action, migrator);
      } finally {
        inFlight.remove(id + "/" + item.productId);
      }
    }
  }

  private void migrateOne(
      MigrationPlanEntity row,
      MigrationItemEntity item,
      MigrationAction action,
      Migrator migrator) {
    String id = row.id;
    if (item.attempts >= settings.maxAttempts()) {
      Migrator.Outcome gaveUp =
          Migrator.Outcome.failed(
              item.fromVersion == null ? 0 : item.fromVersion,
              ErrorCode.STORAGE_FAILURE,
              null,
              "Gave up after " + item.attempts + " attempts",
              List.of());
      record(row, item, gaveUp, 0);
      return;
    }
    item.attempts++;
    save(item);
    long t0 = System.nanoTime();
    Migrator.Outcome outcome;
    try {
      outcome =
          migrator.migrate(
              plan(row, action),
              new ProductId(item.productId),
              settings.work().resolve(id).resolve(safeName(item.productId)));
    } catch (ArchiveException e) {
      if (e.code() == ErrorCode.REPLICA_UNAVAILABLE || e.code() == ErrorCode.STORAGE_CONFLICT) {
        // REPLICA_UNAVAILABLE: stored on the available replicas (audits copy it to the others
        // when they return), the next attempt finds the version this plan wrote and records it;
        // STORAGE_CONFLICT: a deposit made a version meanwhile, the next attempt starts from it
        LOG.log(
            System.Logger.Level.WARNING, "{0}: {1}; trying again", item.productId, e.getMessage());
        return;
      }
      outcome =
          Migrator.Outcome.failed(
              item.fromVersion == null ? 0 : item.fromVersion,
              e.code(),
              e.path().orElse(null),
              e.getMessage(),
              List.of());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "Migration of " + item.productId + " failed", e);
      outcome =
          Migrator.Outcome.failed(
              item.fromVersion == null ? 0 : item.fromVersion,
              ErrorCode.INTERNAL,
              null,
              e.getClass().getSimpleName() + ": " + e.getMessage(),
              List.of());
    }
    record(row, item, outcome, (System.nanoTime() - t0) / 1_000_000);
  }

  private void record(
      MigrationPlanEntity plan, MigrationItemEntity item, Migrator.Outcome o, long millis) {
    item.state = o.state();
    item.fromVersion = o.fromVersion();
    item.toVersion = o.toVersion();
    if (o.state().equals("MIGRATED") && o.files() > 0) {
      item.files = o.files();
      item.bytesBefore = o.bytesBefore();
      item.bytesAfter = o.bytesAfter();
    }
    item.millis = millis;
    item.detail = json(o.detail());
    item.updatedAt = now();
    save(item);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("plan", plan.id);
    detail.put("state", o.state());
    detail.put("fromVersion", String.valueOf(o.fromVersion()));
    detail.put("toVersion", String.valueOf(o.toVersion()));
    detail.putAll(o.detail());
    if (o.state().equals("MIGRATED") && o.files() > 0) {
      events.append(
          PlanningEvent.MIGRATION,
          ArchiveEvent.Outcome.SUCCESS,
          item.productId,
          null,
          AGENT,
          detail);
    } else if (o.state().equals("FAILED")) {
      events.append(
          PlanningEvent.MIGRATION_REJECTED,
          ArchiveEvent.Outcome.FAILURE,
          item.productId,
          null,
          AGENT,
          detail);
    }
  }

  private void finish(MigrationPlanEntity row) {
    Instant now = now();
    database
        .get()
        .inTransaction(
            em -> {
              MigrationPlanEntity p = em.find(MigrationPlanEntity.class, row.id);
              p.state = State.FINISHED.name();
              p.finishedAt = now;
            });
    Counts c = counts(row.id);
    events.append(
        PlanningEvent.PLAN_FINISHED,
        c.failed() == 0 ? ArchiveEvent.Outcome.SUCCESS : ArchiveEvent.Outcome.FAILURE,
        null,
        null,
        AGENT,
        Map.of(
            "plan", row.id,
            "migrated", c.migrated(),
            "failed", c.failed(),
            "skipped", c.skipped()));
  }

  /**
   * The first pending item (in plan order) no worker has claimed; with {@code take} it is claimed.
   */
  private MigrationItemEntity claim(String id, boolean take) {
    synchronized (inFlight) {
      List<MigrationItemEntity> next =
          database
              .get()
              .fromTransaction(
                  em ->
                      em.createQuery(
                              "select i from MigrationItemEntity i where i.planId = :p and"
                                  + " i.state = 'PENDING' order by i.seq",
                              MigrationItemEntity.class)
                          .setParameter("p", id)
                          .setMaxResults(inFlight.size() + 1)
                          .getResultList());
      for (MigrationItemEntity item : next) {
        if (!inFlight.contains(id + "/" + item.productId)) {
          if (take) {
            inFlight.add(id + "/" + item.productId);
          }
          return item;
        }
      }
      return null;
    }
  }

  private void save(MigrationItemEntity item) {
    database.get().inTransaction(em -> em.merge(item));
  }

  // ---------------------------------------------------------------- helpers

  /** Affected products of the plan: product id → [files, bytes] in the source format. */
  private Map<String, long[]> affected(MigrationPlanEntity row) {
    Map<String, long[]> all = risks.productsOf(row.sourceFormat);
    if (row.products == null) {
      return all;
    }
    Map<String, long[]> limited = new LinkedHashMap<>();
    for (String p : strings(row.products)) {
      if (all.containsKey(p)) {
        limited.put(p, all.get(p));
      }
    }
    return limited;
  }

  private Migrator.Plan plan(MigrationPlanEntity row, MigrationAction action) {
    return new Migrator.Plan(
        row.id, row.name, row.sourceFormat, row.targetFormat, action, registry.list());
  }

  private MigrationAction action(MigrationPlanEntity row) {
    if (row.actionId.equals(CwlAction.ID)) {
      return cwlActions.computeIfAbsent(
          row.id,
          k -> {
            Path check = settings.work().resolve("check-" + UUID.randomUUID());
            try {
              return CwlAction.of(
                  row.cwlDocument, settings.cwltool(), settings.cwlTimeout(), check);
            } finally {
              deleteQuietly(check);
            }
          });
    }
    return BuiltInActions.all().stream()
        .filter(a -> a.id().equals(row.actionId))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Unknown action " + row.actionId));
  }

  private static ActionView actionView(MigrationAction action) {
    MigrationAction.Tool t = action.tool();
    return new ActionView(action.id(), action.description(), t.name(), t.version(), t.runner());
  }

  private PlanView view(MigrationPlanEntity row) {
    ActionView action;
    try {
      action = FormatRegistry.JSON.readValue(row.actionView, ActionView.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Counts counts = counts(row.id);
    Object[] sums = sums(row.id, null);
    long before = sums[0] == null ? 0 : ((Number) sums[0]).longValue();
    long after = sums[1] == null ? 0 : ((Number) sums[1]).longValue();
    long millis = sums[2] == null ? 0 : ((Number) sums[2]).longValue();
    Double elapsed = null;
    Double mbps = null;
    Double pps = null;
    if (row.startedAt != null) {
      Instant end = row.finishedAt != null ? row.finishedAt : clock.instant();
      elapsed = Math.max(0, ChronoUnit.MILLIS.between(row.startedAt, end)) / 1000.0;
      // rates over the products of the current run, by wall time (workers run in parallel)
      Object[] run = sums(row.id, row.startedAt);
      long runBytes = run[0] == null ? 0 : ((Number) run[0]).longValue();
      long runProducts = ((Number) run[3]).longValue();
      if (elapsed > 0 && runProducts > 0) {
        mbps = runBytes / 1e6 / elapsed;
        pps = runProducts / elapsed;
      }
    }
    Progress progress = new Progress(before, after, millis, elapsed, mbps, pps);
    return new PlanView(
        row.id,
        row.name,
        row.sourceFormat,
        row.targetFormat,
        action,
        row.state,
        row.createdAt,
        row.createdBy,
        row.startedAt,
        row.finishedAt,
        row.products == null ? null : strings(row.products),
        counts,
        progress,
        row.cwlDocument);
  }

  /** [bytes before, bytes after, work millis, products] of the migrated items (since a time). */
  private Object[] sums(String id, Instant since) {
    return database
        .get()
        .fromTransaction(
            em -> {
              var q =
                  em.createQuery(
                      "select sum(i.bytesBefore), sum(i.bytesAfter), sum(i.millis), count(i)"
                          + " from MigrationItemEntity i where i.planId = :p and i.state ="
                          + " 'MIGRATED' and i.files > 0"
                          + (since == null ? "" : " and i.updatedAt >= :since"),
                      Object[].class);
              q.setParameter("p", id);
              if (since != null) {
                q.setParameter("since", since);
              }
              return q.getSingleResult();
            });
  }

  private Counts counts(String id) {
    List<Object[]> rows =
        database
            .get()
            .fromTransaction(
                em ->
                    em.createQuery(
                            "select i.state, count(i) from MigrationItemEntity i where i.planId ="
                                + " :p group by i.state",
                            Object[].class)
                        .setParameter("p", id)
                        .getResultList());
    Map<String, Integer> by = new LinkedHashMap<>();
    int total = 0;
    for (Object[] r : rows) {
      int n = ((Number) r[1]).intValue();
      by.put((String) r[0], n);
      total += n;
    }
    return new Counts(
        total,
        by.getOrDefault("PENDING", 0),
        by.getOrDefault("MIGRATED", 0),
        by.getOrDefault("FAILED", 0),
        by.getOrDefault("SKIPPED", 0));
  }

  private static ItemView itemView(MigrationItemEntity i) {
    Map<String, Object> detail = null;
    try {
      detail =
          i.detail == null ? null : FormatRegistry.JSON.readValue(i.detail, FormatRegistry.MAP);
    } catch (IOException e) {
      // shown as null
    }
    return new ItemView(
        i.productId,
        i.seq,
        i.state,
        i.fromVersion,
        i.toVersion,
        i.files,
        i.bytesBefore,
        i.bytesAfter,
        i.millis,
        i.attempts,
        detail,
        i.updatedAt);
  }

  private MigrationPlanEntity load(String id) {
    MigrationPlanEntity row =
        id == null
            ? null
            : database.get().fromTransaction(em -> em.find(MigrationPlanEntity.class, id));
    if (row == null) {
      throw new ArchiveException(ErrorCode.PLAN_NOT_FOUND, "No migration plan '" + id + "'");
    }
    return row;
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

  static String safeName(String productId) {
    return productId.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static String json(Object value) {
    try {
      return FormatRegistry.JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> strings(String json) {
    try {
      List<String> out = new ArrayList<>();
      FormatRegistry.JSON.readTree(json).forEach(n -> out.add(n.asText()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ArchiveException invalid(String message) {
    return new ArchiveException(ErrorCode.PLAN_REQUEST_INVALID, message);
  }

  static void deleteQuietly(Path dir) {
    try {
      Migrator.deleteTree(dir);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Cannot remove " + dir + ": " + e.getMessage());
    }
  }

  @PreDestroy
  void stop() {
    pools.forEach(ExecutorService::shutdownNow);
    worker.shutdownNow();
    try {
      worker.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
