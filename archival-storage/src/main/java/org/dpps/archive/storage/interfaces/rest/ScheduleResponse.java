package org.dpps.archive.storage.interfaces.rest;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.dpps.archive.storage.application.AuditScheduler;

/** The audit schedule and next runs: what {@code GET /api/v1/audits/schedule} answers with. */
// the key order and the nulls (next* while the scheduler is off) of the map it replaces
@JsonbNillable
@JsonbPropertyOrder({
  "enabled",
  "fullSchedule",
  "cycleDays",
  "nextFull",
  "quickSchedule",
  "nextQuick",
  "ioBudgetMBps",
  "threads"
})
public record ScheduleResponse(
    boolean enabled,
    String fullSchedule,
    int cycleDays,
    String nextFull,
    String quickSchedule,
    String nextQuick,
    double ioBudgetMBps,
    int threads) {

  /** From the scheduler's status. */
  static ScheduleResponse of(AuditScheduler.Status s) {
    return new ScheduleResponse(
        s.enabled(),
        s.fullSchedule(),
        s.cycleDays(),
        s.nextFull(),
        s.quickSchedule(),
        s.nextQuick(),
        s.ioBudgetMBps(),
        s.threads());
  }
}
