package org.dpps.archive.storage.application;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.CatalogueListing;
import org.dpps.archive.storage.domain.StorageEvent;
import org.dpps.archive.storage.infrastructure.jpa.AuditEntity;
import org.dpps.archive.storage.infrastructure.jpa.AuditFailureEntity;
import org.dpps.archive.storage.infrastructure.jpa.AuditItemEntity;
import org.dpps.archive.storage.infrastructure.jpa.IntegrityEntity;

/**
 * Fixity audits: created on demand or by the scheduler, persisted with the list of objects they
 * cover, and run by one background runner object after object. Progress is committed after every
 * object, so a restart continues where the audit stopped. Reads are held to the audit's I/O budget.
 */
@ApplicationScoped
public class AuditService {
  private static final System.Logger LOG = System.getLogger(AuditService.class.getName());
  private ArchivalStorage storage;
  private ArchiveDatabase database;
  private AuditSettings settings;
  private Instance<CatalogueListing> catalogue;
  private Clock clock;
  private Thread runner;
  private volatile boolean stopping;
  private final Object wakeUp = new Object();

  protected AuditService() {}

  @Inject
  public AuditService(
      ArchivalStorage storage,
      ArchiveDatabase database,
      AuditSettings settings,
      Instance<CatalogueListing> catalogue,
      Clock clock) {
    this.storage = storage;
    this.database = database;
    this.settings = settings;
    this.catalogue = catalogue;
    this.clock = clock;
  }

  /** Full (every byte) or quick (existence, size, OCFL structure). */
  public enum Kind {
    FULL,
    QUICK
  }

  /** What started an audit. */
  public enum Trigger {
    API,
    SCHEDULE
  }

  /** The states of an audit. */
  public enum State {
    QUEUED,
    RUNNING,
    COMPLETED,
    CANCELLED,
    FAILED
  }

  /** An audit request: all objects, or some replicas and/or some products. */
  public record Request(
      Kind kind, List<String> replicas, List<String> products, Double budgetMBps, Integer limit) {}

  /** One failure in a report. */
  public record FailureView(
      String productId,
      String replica,
      String path,
      String kind,
      String expected,
      String actual,
      String action,
      Instant detectedAt) {}

  /** An audit report, as GET /api/v1/audits/{id} returns it. */
  public record Report(
      String id,
      Kind kind,
      Trigger trigger,
      State state,
      List<String> replicas,
      List<String> products,
      Instant createdAt,
      Instant startedAt,
      Instant finishedAt,
      int objectsTotal,
      int objectsChecked,
      long filesChecked,
      long bytesChecked,
      double elapsedSeconds,
      double rateMBps,
      double budgetMBps,
      int failuresTotal,
      int repaired,
      int damaged,
      String message,
      List<FailureView> failures) {}

  /** Starts the background runner; audits left RUNNING by a restart continue. */
  public synchronized void startRunner() {
    if (runner != null) {
      return;
    }
    stopping = false;
    runner = new Thread(this::runLoop, "audit-runner");
    runner.setDaemon(true);
    runner.start();
  }

  /** Creates and queues an audit; returns its report (QUEUED). */
  public Report start(Request request, Trigger trigger) {
    Kind kind = request.kind() == null ? Kind.FULL : request.kind();
    List<String> replicaNames =
        request.replicas() == null || request.replicas().isEmpty()
            ? storage.replicas().stream().map(Replica::name).toList()
            : List.copyOf(new LinkedHashSet<>(request.replicas()));
    for (String name : replicaNames) {
      if (storage.replica(name).isEmpty()) {
        throw new ArchiveException(
            ErrorCode.AUDIT_REQUEST_INVALID,
            "No replica named '"
                + name
                + "'; configured: "
                + storage.replicas().stream().map(Replica::name).toList());
      }
    }
    List<ProductId> objects = new ArrayList<>();
    if (request.products() != null && !request.products().isEmpty()) {
      for (String p : new LinkedHashSet<>(request.products())) {
        try {
          objects.add(ProductId.parse(p));
        } catch (RuntimeException e) {
          throw new ArchiveException(
              ErrorCode.AUDIT_REQUEST_INVALID, "Not a product id: '" + p + "'", "products");
        }
      }
    } else {
      objects.addAll(leastRecentlyAuditedFirst(allObjects(replicaNames), kind));
    }
    if (request.limit() != null) {
      if (request.limit() < 1) {
        throw new ArchiveException(ErrorCode.AUDIT_REQUEST_INVALID, "limit must be positive");
      }
      objects = objects.subList(0, Math.min(objects.size(), request.limit()));
    }
    if (request.budgetMBps() != null && (request.budgetMBps() < 0 || request.budgetMBps() > 1e6)) {
      throw new ArchiveException(
          ErrorCode.AUDIT_REQUEST_INVALID, "budgetMBps must be between 0 (unlimited) and 1e6");
    }
    long budget =
        request.budgetMBps() == null
            ? settings.budgetBytesPerSecond()
            : (long) (request.budgetMBps() * 1_000_000);
    String id = "aud-" + UUID.randomUUID();
    Instant now = clock.instant();
    List<ProductId> items = objects;
    database
        .get()
        .inTransaction(
            em -> {
              AuditEntity a = new AuditEntity();
              a.id = id;
              a.kind = kind.name();
              a.trigger = trigger.name();
              a.state = State.QUEUED.name();
              a.replicas = String.join(",", replicaNames);
              a.products =
                  request.products() == null || request.products().isEmpty()
                      ? null
                      : String.join(",", items.stream().map(ProductId::value).toList());
              a.wholeRoots =
                  (request.products() == null || request.products().isEmpty())
                      && request.limit() == null;
              a.budgetBytesPerSecond = budget;
              a.createdAt = now;
              a.objectsTotal = items.size();
              em.persist(a);
              int position = 0;
              for (ProductId p : items) {
                AuditItemEntity item = new AuditItemEntity();
                item.auditId = id;
                item.position = position++;
                item.productId = p.value();
                em.persist(item);
                if (position % 500 == 0) {
                  em.flush();
                  em.clear();
                }
              }
            });
    storage
        .events()
        .append(
            StorageEvent.AUDIT_STARTED,
            ArchiveEvent.Outcome.SUCCESS,
            null,
            null,
            Auditor.AGENT,
            Map.of(
                "audit", id,
                "kind", kind.name(),
                "trigger", trigger.name(),
                "objects", items.size(),
                "replicas", replicaNames));
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
    return report(id, 100);
  }

  /** How many objects a full audit of everything would check. */
  public int countObjects() {
    return allObjects(storage.replicas().stream().map(Replica::name).toList()).size();
  }

  /** Products stored on any replica in scope, and every catalogued product. */
  private Set<ProductId> allObjects(List<String> replicaNames) {
    Set<ProductId> all = new LinkedHashSet<>();
    for (String name : replicaNames) {
      Replica r = storage.replica(name).orElseThrow();
      if (r.available()) {
        try (Stream<ProductId> ids = storage.open(r).productIds()) {
          ids.forEach(all::add);
        }
      }
    }
    if (catalogue.isResolvable()) {
      try (Stream<ProductId> ids = catalogue.get().catalogued()) {
        ids.forEach(all::add);
      }
    }
    return all;
  }

  private List<ProductId> leastRecentlyAuditedFirst(Set<ProductId> objects, Kind kind) {
    Map<String, Instant> last = new HashMap<>();
    database
        .get()
        .inTransaction(
            em ->
                em.createQuery("select i from IntegrityEntity i", IntegrityEntity.class)
                    .getResultStream()
                    .forEach(
                        i -> {
                          Instant t = kind == Kind.FULL ? i.lastFullAt : i.lastQuickAt;
                          if (t != null) {
                            last.put(i.productId, t);
                          }
                        }));
    List<ProductId> ordered = new ArrayList<>(objects);
    ordered.sort(
        Comparator.comparing((ProductId p) -> last.getOrDefault(p.value(), Instant.EPOCH))
            .thenComparing(ProductId::value));
    return ordered;
  }

  public Report report(String id, int failureLimit) {
    return database
        .get()
        .fromTransaction(
            em -> {
              AuditEntity a = em.find(AuditEntity.class, id);
              if (a == null) {
                throw new ArchiveException(ErrorCode.AUDIT_NOT_FOUND, "No audit " + id);
              }
              List<FailureView> failures =
                  em.createQuery(
                          "select f from AuditFailureEntity f where f.auditId = :a order by f.id",
                          AuditFailureEntity.class)
                      .setParameter("a", id)
                      .setMaxResults(Math.max(0, failureLimit))
                      .getResultStream()
                      .map(
                          f ->
                              new FailureView(
                                  f.productId,
                                  f.replica,
                                  f.path,
                                  f.kind,
                                  f.expected,
                                  f.actual,
                                  f.action,
                                  f.detectedAt))
                      .toList();
              return toReport(a, failures);
            });
  }

  public List<Report> recent(int limit) {
    return database
        .get()
        .fromTransaction(
            em ->
                em.createQuery(
                        "select a from AuditEntity a order by a.createdAt desc", AuditEntity.class)
                    .setMaxResults(limit)
                    .getResultStream()
                    .map(a -> toReport(a, List.of()))
                    .toList());
  }

  /** Cancels a queued or running audit; what it already checked stays recorded. */
  public Report cancel(String id) {
    database
        .get()
        .inTransaction(
            em -> {
              AuditEntity a = em.find(AuditEntity.class, id);
              if (a == null) {
                throw new ArchiveException(ErrorCode.AUDIT_NOT_FOUND, "No audit " + id);
              }
              if (a.state.equals(State.QUEUED.name()) || a.state.equals(State.RUNNING.name())) {
                a.state = State.CANCELLED.name();
                a.finishedAt = clock.instant();
                a.message = "Cancelled after " + a.objectsChecked + " of " + a.objectsTotal;
              }
            });
    return report(id, 100);
  }

  private static Report toReport(AuditEntity a, List<FailureView> failures) {
    double seconds = a.busyMillis / 1000.0;
    return new Report(
        a.id,
        Kind.valueOf(a.kind),
        Trigger.valueOf(a.trigger),
        State.valueOf(a.state),
        a.replicas == null || a.replicas.isEmpty() ? List.of() : List.of(a.replicas.split(",")),
        a.products == null ? List.of() : List.of(a.products.split(",")),
        a.createdAt,
        a.startedAt,
        a.finishedAt,
        a.objectsTotal,
        a.objectsChecked,
        a.filesChecked,
        a.bytesChecked,
        seconds,
        seconds > 0 ? round(a.bytesChecked / 1e6 / seconds) : 0,
        a.budgetBytesPerSecond / 1e6,
        a.failures,
        a.repaired,
        a.damaged,
        a.message,
        failures);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  // ---------------------------------------------------------------- runner

  private void runLoop() {
    while (!stopping) {
      try {
        Optional<String> next = nextAudit();
        if (next.isPresent()) {
          run(next.get());
          continue;
        }
        synchronized (wakeUp) {
          wakeUp.wait(5_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "Audit runner error", e);
        failRepeated(e);
        try {
          Thread.sleep(2_000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private String lastFailedAudit;
  private int consecutiveErrors;

  /** An audit whose progress cannot be recorded five times in a row is marked FAILED. */
  private void failRepeated(RuntimeException e) {
    Optional<String> current = nextAudit();
    if (current.isEmpty()) {
      return;
    }
    if (current.get().equals(lastFailedAudit)) {
      consecutiveErrors++;
    } else {
      lastFailedAudit = current.get();
      consecutiveErrors = 1;
    }
    if (consecutiveErrors >= 5) {
      database
          .get()
          .inTransaction(
              em -> {
                AuditEntity a = em.find(AuditEntity.class, current.get());
                a.state = State.FAILED.name();
                a.finishedAt = clock.instant();
                a.message = truncate("Failed: " + e, 4000);
              });
      consecutiveErrors = 0;
    }
  }

  private Optional<String> nextAudit() {
    return database
        .get()
        .fromTransaction(
            em ->
                em.createQuery(
                        "select a.id from AuditEntity a where a.state in ('RUNNING', 'QUEUED')"
                            + " order by a.state desc, a.createdAt",
                        String.class)
                    .setMaxResults(1)
                    .getResultStream()
                    .findFirst());
  }

  /** Runs (or resumes) one audit to the end, committing progress after every object. */
  public void run(String id) {
    AuditEntity a = database.get().fromTransaction(em -> em.find(AuditEntity.class, id));
    if (a == null || !(a.state.equals("QUEUED") || a.state.equals("RUNNING"))) {
      return;
    }
    boolean resumed = a.state.equals("RUNNING");
    database
        .get()
        .inTransaction(
            em -> {
              AuditEntity row = em.find(AuditEntity.class, id);
              row.state = State.RUNNING.name();
              if (row.startedAt == null) {
                row.startedAt = clock.instant();
              }
            });
    LOG.log(
        System.Logger.Level.INFO,
        "Audit {0} {1} ({2} of {3} objects done)",
        id,
        resumed ? "resumed" : "started",
        a.objectsChecked,
        a.objectsTotal);
    Set<String> scope = new LinkedHashSet<>(List.of(a.replicas.split(",")));
    boolean full = a.kind.equals(Kind.FULL.name());
    IoBudget budget = new IoBudget(a.budgetBytesPerSecond);
    Auditor auditor = new Auditor(storage);
    int threads = settings.threads();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "audit-worker");
              t.setDaemon(true);
              return t;
            });
    // the time spent is counted object by object (since the previous one was recorded), so a
    // crash loses at most the time of the objects it interrupted
    long[] mark = {System.nanoTime()};
    try {
      while (!stopping) {
        if (!stillRunning(id)) {
          return;
        }
        List<AuditItemEntity> batch = pending(id, Math.max(4, threads * 4));
        if (batch.isEmpty()) {
          break;
        }
        List<Future<Auditor.Outcome>> futures = new ArrayList<>();
        for (AuditItemEntity item : batch) {
          futures.add(
              pool.submit(
                  () -> {
                    if (stopping || !stillRunning(id)) {
                      return null; // cancelled: check nothing more
                    }
                    Auditor.Outcome o =
                        auditor.audit(ProductId.parse(item.productId), scope, full, budget);
                    return withCatalogueFindings(o, item.productId, scope);
                  }));
        }
        for (int i = 0; i < batch.size(); i++) {
          Auditor.Outcome outcome;
          try {
            outcome = futures.get(i).get();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          } catch (java.util.concurrent.ExecutionException e) {
            LOG.log(System.Logger.Level.ERROR, "Audit of " + batch.get(i).productId, e.getCause());
            outcome =
                new Auditor.Outcome(
                    batch.get(i).productId,
                    0,
                    0,
                    List.of(
                        new Auditor.Failure(
                            batch.get(i).productId,
                            "",
                            "",
                            "CHECK_ERROR",
                            null,
                            String.valueOf(e.getCause()),
                            "NONE")),
                    0,
                    false);
          }
          if (outcome == null) {
            continue;
          }
          long now = System.nanoTime();
          long elapsedMillis = (now - mark[0]) / 1_000_000;
          if (record(id, batch.get(i), outcome, full, elapsedMillis)) {
            mark[0] += elapsedMillis * 1_000_000;
          }
        }
      }
      if (stopping) {
        return;
      }
      if (a.wholeRoots) {
        reportStrayFiles(id, scope);
      }
      finish(id);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Adds DARK_OBJECT when the object is stored but unknown to the catalogue. */
  private Auditor.Outcome withCatalogueFindings(
      Auditor.Outcome o, String productId, Set<String> scope) {
    if (!catalogue.isResolvable() || catalogue.get().isCatalogued(ProductId.parse(productId))) {
      return o;
    }
    List<Auditor.Failure> failures = new ArrayList<>(o.failures());
    failures.add(
        new Auditor.Failure(
            productId,
            String.join(",", scope),
            "",
            "DARK_OBJECT",
            "a catalogue entry",
            null,
            "REPORTED"));
    return new Auditor.Outcome(
        o.productId(), o.filesRead(), o.bytesRead(), failures, o.repaired(), o.damaged());
  }

  private boolean stillRunning(String id) {
    return database
        .get()
        .fromTransaction(
            em -> {
              AuditEntity a = em.find(AuditEntity.class, id);
              return a != null && a.state.equals(State.RUNNING.name());
            });
  }

  private List<AuditItemEntity> pending(String id, int n) {
    return database
        .get()
        .fromTransaction(
            em ->
                em.createQuery(
                        "select i from AuditItemEntity i where i.auditId = :a and i.done = false"
                            + " order by i.position",
                        AuditItemEntity.class)
                    .setParameter("a", id)
                    .setMaxResults(n)
                    .getResultList());
  }

  /** Records one object's outcome, unless the audit was cancelled meanwhile; true if recorded. */
  private boolean record(
      String id, AuditItemEntity item, Auditor.Outcome o, boolean full, long elapsedMillis) {
    Instant now = clock.instant();
    return database
        .get()
        .fromTransaction(
            em -> {
              AuditEntity a = em.find(AuditEntity.class, id);
              if (a == null || !a.state.equals(State.RUNNING.name())) {
                return false;
              }
              AuditItemEntity row =
                  em.find(AuditItemEntity.class, new AuditItemEntity.Key(id, item.position));
              if (row == null || row.done) {
                return false;
              }
              row.done = true;
              a.objectsChecked++;
              a.filesChecked += o.filesRead();
              a.bytesChecked += o.bytesRead();
              a.busyMillis += elapsedMillis;
              a.repaired += o.repaired();
              a.damaged += o.damaged() ? 1 : 0;
              a.failures += o.failures().size();
              for (Auditor.Failure f : o.failures()) {
                AuditFailureEntity row2 = new AuditFailureEntity();
                row2.auditId = id;
                row2.productId = f.productId();
                row2.replica = f.replica();
                row2.path = truncate(f.path(), 4096);
                row2.kind = f.kind();
                row2.expected = truncate(f.expected(), 300);
                row2.actual = truncate(f.actual(), 300);
                row2.action = f.action();
                row2.detectedAt = now;
                em.persist(row2);
              }
              updateIntegrity(em, o, full, now);
              return true;
            });
  }

  private static void updateIntegrity(
      EntityManager em, Auditor.Outcome o, boolean full, Instant now) {
    IntegrityEntity i = em.find(IntegrityEntity.class, o.productId());
    if (i == null) {
      i = new IntegrityEntity();
      i.productId = o.productId();
      i.state = "UNKNOWN";
      em.persist(i);
    }
    boolean escalated = o.bytesRead() > 0;
    if (full || escalated) {
      i.lastFullAt = now;
    }
    i.lastQuickAt = now;
    if (o.damaged()) {
      i.state = "DAMAGED";
      i.detail =
          truncate(
              o.failures().stream()
                  .filter(f -> f.action().equals("DAMAGED"))
                  .map(f -> f.replica() + ":" + f.kind() + " " + f.path())
                  .distinct()
                  .limit(20)
                  .toList()
                  .toString(),
              4000);
    } else if (o.failures().stream().noneMatch(f -> f.action().equals("SKIPPED"))) {
      i.state = "OK";
      i.detail = null;
    } else if (i.state == null) {
      i.state = "UNKNOWN";
    }
  }

  /**
   * Files in a storage root that belong to no OCFL object and are not the root's own files (dark
   * files outside any object): reported, never touched. Object directories are not entered.
   */
  private void reportStrayFiles(String id, Set<String> scope) {
    List<Auditor.Failure> stray = new ArrayList<>();
    for (String name : scope) {
      Replica r = storage.replica(name).orElse(null);
      if (r == null || !r.available()) {
        continue;
      }
      Path root = r.root();
      try {
        Files.walkFileTree(
            root,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root.resolve("extensions"))
                    || Files.exists(dir.resolve("0=ocfl_object_1.1"))
                    || Files.exists(dir.resolve("0=ocfl_object_1.0"))) {
                  return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = root.relativize(file).toString().replace('\\', '/');
                if (!isRootFile(rel) && stray.size() < 10_000) {
                  stray.add(
                      new Auditor.Failure(
                          null, name, rel, "DARK_FILE", null, attrs.size() + " bytes", "REPORTED"));
                }
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "Cannot walk {0}: {1}", root, e.getMessage());
      }
    }
    if (stray.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    database
        .get()
        .inTransaction(
            em -> {
              AuditEntity a = em.find(AuditEntity.class, id);
              a.failures += stray.size();
              for (Auditor.Failure f : stray) {
                AuditFailureEntity row = new AuditFailureEntity();
                row.auditId = id;
                row.replica = f.replica();
                row.path = truncate(f.path(), 4096);
                row.kind = f.kind();
                row.actual = f.actual();
                row.action = f.action();
                row.detectedAt = now;
                em.persist(row);
              }
            });
  }

  /**
   * The storage root's own files: the declaration, the specification and layout documents and the
   * layout description ocfl-java writes there.
   */
  static boolean isRootFile(String relativePath) {
    return !relativePath.contains("/")
        && (relativePath.startsWith("0=ocfl_")
            || relativePath.startsWith("ocfl_")
            || relativePath.matches("\\d{4}-[a-z0-9-]+\\.md"));
  }

  private void finish(String id) {
    Report[] finished = new Report[1];
    database
        .get()
        .inTransaction(
            em -> {
              AuditEntity a = em.find(AuditEntity.class, id);
              if (!a.state.equals(State.RUNNING.name())) {
                return;
              }
              a.state = State.COMPLETED.name();
              a.finishedAt = clock.instant();
              a.message =
                  String.format(
                      Locale.ROOT,
                      "%d objects, %d files, %.1f MB checked; %d failures, %d repaired, %d"
                          + " damaged",
                      a.objectsChecked,
                      a.filesChecked,
                      a.bytesChecked / 1e6,
                      a.failures,
                      a.repaired,
                      a.damaged);
              finished[0] = toReport(a, List.of());
            });
    if (finished[0] == null) {
      return;
    }
    Report r = finished[0];
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("audit", id);
    detail.put("objects", r.objectsChecked());
    detail.put("bytes", r.bytesChecked());
    detail.put("failures", r.failuresTotal());
    detail.put("repaired", r.repaired());
    detail.put("damaged", r.damaged());
    storage
        .events()
        .append(
            StorageEvent.AUDIT_FINISHED,
            r.damaged() == 0 ? ArchiveEvent.Outcome.SUCCESS : ArchiveEvent.Outcome.FAILURE,
            null,
            null,
            Auditor.AGENT,
            detail);
    storage.events().checkpoint();
    LOG.log(System.Logger.Level.INFO, "Audit {0} completed: {1}", id, r.message());
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  /** Objects marked DAMAGED, with what was found. */
  public Map<String, String> damaged() {
    Map<String, String> out = new LinkedHashMap<>();
    database
        .get()
        .inTransaction(
            em ->
                em.createQuery(
                        "select i from IntegrityEntity i where i.state = 'DAMAGED' order by"
                            + " i.productId",
                        IntegrityEntity.class)
                    .getResultStream()
                    .forEach(i -> out.put(i.productId, String.valueOf(i.detail))));
    return out;
  }

  /** The integrity state of one object: OK, DAMAGED, UNKNOWN or never audited. */
  public Optional<String> integrityOf(String productId) {
    return database
        .get()
        .fromTransaction(
            em -> Optional.ofNullable(em.find(IntegrityEntity.class, productId)).map(i -> i.state));
  }

  @PreDestroy
  public void stop() {
    stopping = true;
    Thread t;
    synchronized (this) {
      t = runner;
      runner = null;
    }
    if (t != null) {
      synchronized (wakeUp) {
        wakeUp.notifyAll();
      }
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
