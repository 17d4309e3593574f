package org.dpps.archive.storage.interfaces.rest;

import java.time.Instant;
import java.util.Map;
import org.dpps.archive.platform.events.ArchiveEvent;

/** One event, type and outcome by name, of the list {@code GET /api/v1/events} answers with. */
public record EventView(
    long seq,
    Instant at,
    String type,
    String outcome,
    String productId,
    String replica,
    String agent,
    Map<String, Object> detail,
    String prevHash,
    String hash) {

  static EventView of(ArchiveEvent e) {
    return new EventView(
        e.seq(),
        e.at(),
        e.type().name(),
        e.outcome().name(),
        e.productId(),
        e.replica(),
        e.agent(),
        e.detail(),
        e.prevHash(),
        e.hash());
  }
}
