package org.dpps.archive.storage.infrastructure.jpa;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.dpps.archive.storage.domain.Audit;

/** Rows of the audit tables to and from the audit model ({@link JpaAuditRepository}'s helpers). */
final class AuditRows {
  private AuditRows() {}

  static void persistFindings(
      EntityManager em, String id, List<Audit.Finding> findings, Instant now) {
    for (Audit.Finding f : findings) {
      AuditFailureEntity row = new AuditFailureEntity();
      row.auditId = id;
      row.productId = f.productId();
      row.replica = f.replica();
      row.path = truncate(f.path(), 4096);
      row.kind = f.kind();
      row.expected = truncate(f.expected(), 300);
      row.actual = truncate(f.actual(), 300);
      row.action = f.action();
      row.detectedAt = now;
      em.persist(row);
    }
  }

  static void updateIntegrity(EntityManager em, Audit.Outcome o, boolean full, Instant now) {
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

  static Audit.Report toReport(AuditEntity a, List<Audit.FailureView> failures) {
    double seconds = a.busyMillis / 1000.0;
    return new Audit.Report(
        a.id,
        Audit.Kind.valueOf(a.kind),
        Audit.Trigger.valueOf(a.trigger),
        Audit.State.valueOf(a.state),
        split(a.replicas),
        a.products == null ? List.of() : split(a.products),
        a.createdAt,
        a.startedAt,
        a.finishedAt,
        a.objectsTotal,
        a.objectsChecked,
        a.filesChecked,
        a.bytesChecked,
        seconds,
        seconds > 0 ? Math.round(a.bytesChecked / 1e6 / seconds * 10) / 10.0 : 0,
        a.budgetBytesPerSecond / 1e6,
        a.failures,
        a.repaired,
        a.damaged,
        a.message,
        failures);
  }

  static List<String> split(String s) {
    return s == null || s.isEmpty() ? List.of() : List.of(s.split(","));
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
