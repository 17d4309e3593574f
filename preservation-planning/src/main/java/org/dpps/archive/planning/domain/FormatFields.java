package org.dpps.archive.planning.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The fields of a format entry as an archivist or the seed file gives them, not yet checked: any of
 * them may be null or malformed here. The format registry checks them, says which are required and
 * normalises them (trimmed, the status as its label) into a {@link FormatEntry}.
 */
public record FormatFields(
    String id,
    String name,
    String mediaType,
    String profile,
    String version,
    String pronom,
    String status,
    List<String> reasons,
    String specification) {
  public FormatFields {
    // unchecked input: a null reason in the list is refused by the registry, not here
    reasons = reasons == null ? null : Collections.unmodifiableList(new ArrayList<>(reasons));
  }

  /** The fields of a stored entry (without its revision and who changed it when). */
  public static FormatFields from(FormatEntry e) {
    return new FormatFields(
        e.id(),
        e.name(),
        e.mediaType(),
        e.profile(),
        e.version(),
        e.pronom(),
        e.status(),
        e.reasons(),
        e.specification());
  }
}
