package org.dpps.archive.schemas.provenance;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** ISO-8601 timestamps as ctapipe (astropy {@code isot}) and cwltool write them. */
final class Times {
  private static final Pattern OFFSET = Pattern.compile(".*(Z|z|[+-]\\d\\d:\\d\\d)$");

  private Times() {}

  /**
   * Parses {@code 2024-01-02T03:04:05.123456}, with or without a zone; without one it is UTC (both
   * ctapipe and cwltool write zone-less local times, UTC on any sane processing host).
   *
   * @throws DateTimeParseException if the text is not such a timestamp
   */
  static Instant parse(String text) {
    String t = text.strip();
    if (t.length() > 64) {
      throw new DateTimeParseException("timestamp too long", t.substring(0, 64), 64);
    }
    if (OFFSET.matcher(t).matches()) {
      return OffsetDateTime.parse(t.endsWith("z") ? t.substring(0, t.length() - 1) + "Z" : t)
          .toInstant();
    }
    return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
  }
}
