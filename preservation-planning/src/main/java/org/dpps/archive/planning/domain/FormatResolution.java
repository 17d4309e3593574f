package org.dpps.archive.planning.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The registry's judgement of one file: every entry it matches, the entry it is counted under (the
 * most specific: one with a profile before the plain media type, then the worse status, then the
 * registry's order) and its risk (the worst status of all matches, with their reasons). A file
 * matching nothing is "unregistered": at risk, since nobody has judged it.
 */
public record FormatResolution(
    String formatId,
    String formatName,
    FormatStatus status,
    List<String> reasons,
    List<String> matched) {
  public static final String UNREGISTERED = "unregistered";

  public static FormatResolution of(
      List<FormatEntry> registry, String mediaType, Set<String> tags) {
    List<FormatEntry> matches = registry.stream().filter(e -> e.matches(mediaType, tags)).toList();
    if (matches.isEmpty()) {
      return new FormatResolution(
          UNREGISTERED,
          "Not in the registry (" + mediaType + ")",
          FormatStatus.AT_RISK,
          List.of(
              "No registry entry for media type "
                  + mediaType
                  + ": the format has not been judged."),
          List.of());
    }
    FormatEntry primary =
        matches.stream()
            .sorted(
                Comparator.comparing((FormatEntry e) -> e.profile() == null ? 1 : 0)
                    .thenComparing(e -> -e.statusValue().ordinal()))
            .findFirst()
            .orElseThrow();
    FormatStatus worst = FormatStatus.PREFERRED;
    for (FormatEntry e : matches) {
      worst = FormatStatus.worst(worst, e.statusValue());
    }
    List<String> reasons = new ArrayList<>();
    for (FormatEntry e : matches) {
      if (e.statusValue() == worst) {
        e.reasons().forEach(r -> reasons.add(e.name() + ": " + r));
      }
    }
    return new FormatResolution(
        primary.id(),
        primary.name(),
        worst,
        reasons,
        matches.stream().map(FormatEntry::id).toList());
  }

  /** Whether the file is of the given format (counted under it or merely matching it). */
  public boolean is(String id) {
    return formatId.equals(id) || matched.contains(id);
  }
}
