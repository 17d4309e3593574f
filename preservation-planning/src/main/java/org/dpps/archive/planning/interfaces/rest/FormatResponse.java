package org.dpps.archive.planning.interfaces.rest;

import java.time.Instant;
import java.util.List;
import org.dpps.archive.planning.domain.FormatEntry;

/**
 * A format of the registry as {@code GET/POST /formats} and {@code GET/PATCH /formats/{id}} answer.
 */
public record FormatResponse(
    String id,
    String name,
    String mediaType,
    String profile,
    String version,
    String pronom,
    String status,
    List<String> reasons,
    String specification,
    int revision,
    Instant updatedAt,
    String updatedBy) {

  public static FormatResponse of(FormatEntry e) {
    return new FormatResponse(
        e.id(),
        e.name(),
        e.mediaType(),
        e.profile(),
        e.version(),
        e.pronom(),
        e.status(),
        e.reasons(),
        e.specification(),
        e.revision(),
        e.updatedAt(),
        e.updatedBy());
  }
}
