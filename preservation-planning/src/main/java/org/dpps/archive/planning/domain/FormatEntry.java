package org.dpps.archive.planning.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A format of the registry: media type, the profile tag that narrows it (null: the whole media
 * type), version, PRONOM id, the archive's status and the reasons for it.
 */
public record FormatEntry(
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
  public FormatEntry {
    Objects.requireNonNull(id, "id");
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }

  public FormatStatus statusValue() {
    return FormatStatus.parse(status).orElse(FormatStatus.AT_RISK);
  }

  /** Whether a file of this media type and these profile tags is of this format. */
  public boolean matches(String fileMediaType, Set<String> tags) {
    return mediaType.equalsIgnoreCase(fileMediaType) && (profile == null || tags.contains(profile));
  }
}
