package org.dpps.archive.storage.interfaces.rest;

import java.util.List;
import org.dpps.archive.platform.events.EventLog;

/** The event log chain and checkpoint check: what {@code GET /api/v1/events/verify} answers. */
public record VerificationResponse(
    boolean valid,
    long events,
    long checkpoints,
    long lastSeq,
    String lastHash,
    Long lastCheckpointSeq,
    List<String> problems) {

  static VerificationResponse of(EventLog.Verification v) {
    return new VerificationResponse(
        v.valid(),
        v.events(),
        v.checkpoints(),
        v.lastSeq(),
        v.lastHash(),
        v.lastCheckpointSeq(),
        v.problems());
  }
}
