package org.dpps.archive.planning.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the archive judges a format, from best to worst. */
public enum FormatStatus {
  PREFERRED("preferred"),
  ACCEPTABLE("acceptable"),
  AT_RISK("at-risk"),
  OBSOLETE("obsolete");

  private final String label;

  FormatStatus(String label) {
    this.label = label;
  }

  /** The name used in the API and the seed file: {@code preferred}, {@code at-risk}... */
  public String label() {
    return label;
  }

  /** Whether holdings in this status need action (at-risk or obsolete). */
  public boolean atRisk() {
    return this == AT_RISK || this == OBSOLETE;
  }

  public static Optional<FormatStatus> parse(String label) {
    if (label == null) {
      return Optional.empty();
    }
    String l = label.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values()).filter(s -> s.label.equals(l)).findFirst();
  }

  /** The worse of two statuses. */
  public static FormatStatus worst(FormatStatus a, FormatStatus b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
