package org.dpps.archive.storage.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.Audit;
import org.dpps.archive.storage.domain.AuditRepository;

/**
 * Audits in the tables {@code audit}, {@code audit_item}, {@code audit_failure}, {@code integrity}.
 */
@ApplicationScoped
public class JpaAuditRepository implements AuditRepository {
  private ArchiveDatabase database;

  protected JpaAuditRepository() {}

  @Inject
  public JpaAuditRepository(ArchiveDatabase database) {
    this.database = database;
  }

  @Override
  public void create(Audit.Definition d, List<ProductId> objects) {
    database
        .get()
        .inTransaction(
            em -> {
              AuditEntity a = new AuditEntity();
              a.id = d.id();
              a.kind = d.kind().name();
              a.trigger = d.trigger().name();
              a.state = Audit.State.QUEUED.name();
              a.replicas = String.join(",", d.replicas());
              a.products = d.products() == null ? null : String.join(",", d.products());
              a.wholeRoots = d.wholeRoots();
              a.budgetBytesPerSecond = d.budgetBytesPerSecond();
              a.createdAt = d.createdAt();
              a.objectsTotal = objects.size();
              em.persist(a);
              int position = 0;
              for (ProductId p : objects) {
                AuditItemEntity item = new AuditItemEntity();
                item.auditId = d.id();
                item.position = position++;
                item.productId = p.value();
                em.persist(item);
                if (position % 500 == 0) {
                  em.flush();
                  em.clear();
                }
              }
            });
  }

  @Override
  public Optional<Audit.Definition> definition(String id) {
    return database
        .get()
        .fromTransaction(
            em ->
                Optional.ofNullable(em.find(AuditEntity.class, id))
                    .map(
                        a ->
                            new Audit.Definition(
                                a.id,
                                Audit.Kind.valueOf(a.kind),
                                Audit.Trigger.valueOf(a.trigger),
                                AuditRows.split(a.replicas),
                                a.products == null ? null : AuditRows.split(a.products),
                                a.wholeRoots,
                                a.budgetBytesPerSecond,
                                a.createdAt)));
  }

  @Override
  public Optional<Audit.Report> report(String id, int failureLimit) {
    return database
        .get()
        .fromTransaction(
            em -> {
              AuditEntity a = em.find(AuditEntity.class, id);
              if (a == null) {
                return Optional.empty();
              }
              List<Audit.FailureView> failures =
                  em.createQuery(
                          "select f from AuditFailureEntity f where f.auditId = :a order by f.id",
                          AuditFailureEntity.class)
                      .setParameter("a", id)
                      .setMaxResults(Math.max(0, failureLimit))
                      .getResultStream()
                      .map(
                          f ->
                              new Audit.FailureView(
                                  f.productId,
                                  f.replica,
                                  f.path,
                                  f.kind,
                                  f.expected,
                                  f.actual,
                                  f.action,
                                  f.detectedAt))
                      .toList();
              return Optional.of(AuditRows.toReport(a, failures));
            });
  }

  @Override
  public List<Audit.Report> recent(int limit) {
    return database
        .get()
        .fromTransaction(
            em ->
                em.createQuery(
                        "select a from AuditEntity a order by a.createdAt desc", AuditEntity.class)
                    .setMaxResults(limit)
                    .getResultStream()
                    .map(a -> AuditRows.toReport(a, List.of()))
                    .toList());
  }

  @Override
  public List<String> unfinished() {
    return database
        .get()
        .fromTransaction(
            em ->
                em.createQuery(
                        "select a.id from AuditEntity a where a.state in ('RUNNING', 'QUEUED')"
                            + " order by a.createdAt, a.id",
                        String.class)
                    .getResultList());
  }

  @Override
  public Optional<Integer> begin(String id, Instant now) {
    return database
        .get()
        .fromTransaction(
            em -> {
              AuditEntity a = em.find(AuditEntity.class, id);
              if (a == null || !Audit.State.valueOf(a.state).unfinished()) {
                return Optional.empty();
              }
              a.state = Audit.State.RUNNING.name();
              if (a.startedAt == null) {
                a.startedAt = now;
              }
              return Optional.of(a.objectsChecked);
            });
  }

  @Override
  public boolean isRunning(String id) {
    return database
        .get()
        .fromTransaction(
            em -> {
              AuditEntity a = em.find(AuditEntity.class, id);
              return a != null && a.state.equals(Audit.State.RUNNING.name());
            });
  }

  @Override
  public List<Audit.Item> pending(String id, int n) {
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
                    .getResultStream()
                    .map(i -> new Audit.Item(i.position, i.productId))
                    .toList());
  }

  @Override
  public boolean record(
      String id, Audit.Item item, Audit.Outcome o, boolean full, long elapsedMillis, Instant now) {
    return database
        .get()
        .fromTransaction(
            em -> {
              AuditEntity a = em.find(AuditEntity.class, id);
              if (a == null || !a.state.equals(Audit.State.RUNNING.name())) {
                return false;
              }
              AuditItemEntity row =
                  em.find(AuditItemEntity.class, new AuditItemEntity.Key(id, item.position()));
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
              AuditRows.persistFindings(em, id, o.failures(), now);
              AuditRows.updateIntegrity(em, o, full, now);
              return true;
            });
  }

  @Override
  public void addFindings(String id, List<Audit.Finding> findings, Instant now) {
    if (findings.isEmpty()) {
      return;
    }
    database
        .get()
        .inTransaction(
            em -> {
              AuditEntity a = em.find(AuditEntity.class, id);
              a.failures += findings.size();
              AuditRows.persistFindings(em, id, findings, now);
            });
  }

  @Override
  public Optional<Audit.Report> complete(String id, Instant now) {
    return database
        .get()
        .fromTransaction(
            em -> {
              AuditEntity a = em.find(AuditEntity.class, id);
              if (a == null || !a.state.equals(Audit.State.RUNNING.name())) {
                return Optional.empty();
              }
              a.state = Audit.State.COMPLETED.name();
              a.finishedAt = now;
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
              return Optional.of(AuditRows.toReport(a, List.of()));
            });
  }

  @Override
  public Optional<Audit.State> cancel(String id, Instant now) {
    return database
        .get()
        .fromTransaction(
            em -> {
              AuditEntity a = em.find(AuditEntity.class, id);
              if (a == null) {
                return Optional.empty();
              }
              if (Audit.State.valueOf(a.state).unfinished()) {
                a.state = Audit.State.CANCELLED.name();
                a.finishedAt = now;
                a.message = "Cancelled after " + a.objectsChecked + " of " + a.objectsTotal;
              }
              return Optional.of(Audit.State.valueOf(a.state));
            });
  }

  @Override
  public void fail(String id, String reason, Instant now) {
    database
        .get()
        .inTransaction(
            em -> {
              AuditEntity a = em.find(AuditEntity.class, id);
              if (a != null && Audit.State.valueOf(a.state).unfinished()) {
                a.state = Audit.State.FAILED.name();
                a.finishedAt = now;
                a.message = AuditRows.truncate("Failed: " + reason, 4000);
              }
            });
  }

  @Override
  public Map<String, Instant> lastAudited(Audit.Kind kind) {
    Map<String, Instant> last = new HashMap<>();
    database
        .get()
        .inTransaction(
            em ->
                em.createQuery("select i from IntegrityEntity i", IntegrityEntity.class)
                    .getResultStream()
                    .forEach(
                        i -> {
                          Instant t = kind == Audit.Kind.FULL ? i.lastFullAt : i.lastQuickAt;
                          if (t != null) {
                            last.put(i.productId, t);
                          }
                        }));
    return last;
  }

  @Override
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

  @Override
  public Optional<String> integrityOf(String productId) {
    return database
        .get()
        .fromTransaction(
            em -> Optional.ofNullable(em.find(IntegrityEntity.class, productId)).map(i -> i.state));
  }
}
