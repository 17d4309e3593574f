package org.dpps.archive.storage.interfaces.rest;

import java.time.Instant;
import java.util.List;
import org.dpps.archive.storage.domain.Audit;

/** An audit report, as {@code /api/v1/audits} (POST, GET) and {@code /audits/{id}} answer. */
public record AuditReportResponse(
    String id,
    String kind,
    String trigger,
    String state,
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
    List<Failure> failures) {

  /** One failure listed in the audit report of {@code GET /api/v1/audits/{id}}. */
  public record Failure(
      String productId,
      String replica,
      String path,
      String kind,
      String expected,
      String actual,
      String action,
      Instant detectedAt) {

    static Failure of(Audit.FailureView f) {
      return new Failure(
          f.productId(),
          f.replica(),
          f.path(),
          f.kind(),
          f.expected(),
          f.actual(),
          f.action(),
          f.detectedAt());
    }
  }

  static AuditReportResponse of(Audit.Report r) {
    return new AuditReportResponse(
        r.id(),
        name(r.kind()),
        name(r.trigger()),
        name(r.state()),
        r.replicas(),
        r.products(),
        r.createdAt(),
        r.startedAt(),
        r.finishedAt(),
        r.objectsTotal(),
        r.objectsChecked(),
        r.filesChecked(),
        r.bytesChecked(),
        r.elapsedSeconds(),
        r.rateMBps(),
        r.budgetMBps(),
        r.failuresTotal(),
        r.repaired(),
        r.damaged(),
        r.message(),
        r.failures() == null ? null : r.failures().stream().map(Failure::of).toList());
  }

  static List<AuditReportResponse> of(List<Audit.Report> reports) {
    return reports.stream().map(AuditReportResponse::of).toList();
  }

  private static String name(Enum<?> e) {
    return e == null ? null : e.name();
  }
}
