package org.dpps.archive.planning.interfaces.rest;

import java.time.Instant;
import java.util.Map;
import org.dpps.archive.planning.domain.FormatChange;

/**
 * One change of the registry as {@code GET /formats/{id}/history} and {@code GET /formats/history}
 * answer; {@code before} and {@code after} are the entry's fields as they were (kept as given, null
 * values included).
 */
public record FormatChangeResponse(
    String formatId,
    int revision,
    Instant changedAt,
    String changedBy,
    String reason,
    Map<String, Object> before,
    Map<String, Object> after) {

  public static FormatChangeResponse of(FormatChange c) {
    return new FormatChangeResponse(
        c.formatId(),
        c.revision(),
        c.changedAt(),
        c.changedBy(),
        c.reason(),
        c.before(),
        c.after());
  }
}
