package org.dpps.archive.storage.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.platform.jobs.JobRunner;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.api.Integrity;
import org.dpps.archive.storage.domain.Audit;
import org.dpps.archive.storage.domain.Audit.Kind;
import org.dpps.archive.storage.domain.Audit.Report;
import org.dpps.archive.storage.domain.Audit.Request;
import org.dpps.archive.storage.domain.Audit.Trigger;
import org.dpps.archive.storage.domain.AuditRepository;
import org.dpps.archive.storage.domain.CatalogueListing;
import org.dpps.archive.storage.domain.StorageEvent;

/**
 * Fixity audits as the archivist asks for them: created on demand or by the scheduler, persisted
 * with the list of objects they cover, and run as jobs ({@link AuditJobs}); their reports, the
 * objects found damaged, each object's integrity state.
 */
@ApplicationScoped
public class AuditService implements Integrity {
  private ArchivalStorage storage;
  private AuditRepository audits;
  private AuditSettings settings;
  private Instance<CatalogueListing> catalogue;
  private EventLog events;
  private JobRunner jobs;
  private Clock clock;

  protected AuditService() {}

  @Inject
  public AuditService(
      ArchivalStorage storage,
      AuditRepository audits,
      AuditSettings settings,
      Instance<CatalogueListing> catalogue,
      EventLog events,
      JobRunner jobs,
      Clock clock) {
    this.storage = storage;
    this.audits = audits;
    this.settings = settings;
    this.catalogue = catalogue;
    this.events = events;
    this.jobs = jobs;
    this.clock = clock;
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
    boolean named = request.products() != null && !request.products().isEmpty();
    List<ProductId> objects = new ArrayList<>();
    if (named) {
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
    audits.create(
        new Audit.Definition(
            id,
            kind,
            trigger,
            replicaNames,
            named ? objects.stream().map(ProductId::value).toList() : null,
            !named && request.limit() == null,
            budget,
            clock.instant()),
        objects);
    events.append(
        StorageEvent.AUDIT_STARTED,
        ArchiveEvent.Outcome.SUCCESS,
        null,
        null,
        Auditor.AGENT,
        Map.of(
            "audit", id,
            "kind", kind.name(),
            "trigger", trigger.name(),
            "objects", objects.size(),
            "replicas", replicaNames));
    jobs.enqueue(AuditJobs.KIND, id);
    return report(id, 100);
  }

  /**
   * Gives every QUEUED or RUNNING audit its job (audits from before the job runner had none; the
   * others keep the one they have). Returns how many there are.
   */
  public int resume() {
    List<String> unfinished = audits.unfinished();
    unfinished.forEach(id -> jobs.enqueue(AuditJobs.KIND, id));
    return unfinished.size();
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
    Map<String, Instant> last = audits.lastAudited(kind);
    List<ProductId> ordered = new ArrayList<>(objects);
    ordered.sort(
        Comparator.comparing((ProductId p) -> last.getOrDefault(p.value(), Instant.EPOCH))
            .thenComparing(ProductId::value));
    return ordered;
  }

  public Report report(String id, int failureLimit) {
    return audits
        .report(id, failureLimit)
        .orElseThrow(() -> new ArchiveException(ErrorCode.AUDIT_NOT_FOUND, "No audit " + id));
  }

  public List<Report> recent(int limit) {
    return audits.recent(limit);
  }

  /** Cancels a queued or running audit; what it already checked stays recorded. */
  public Report cancel(String id) {
    audits
        .cancel(id, clock.instant())
        .orElseThrow(() -> new ArchiveException(ErrorCode.AUDIT_NOT_FOUND, "No audit " + id));
    jobs.cancel(AuditJobs.KIND, id);
    return report(id, 100);
  }

  /** Objects marked DAMAGED, with what was found. */
  public Map<String, String> damaged() {
    return audits.damaged();
  }

  /** The integrity state of one object: OK, DAMAGED, UNKNOWN or never audited. */
  @Override
  public Optional<String> integrityOf(String productId) {
    return audits.integrityOf(productId);
  }
}
