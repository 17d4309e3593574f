package org.dpps.archive.schemas.metadata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The key mapping shared by the FITS and HDF5 readers: CTAO reference metadata keys and GADF DL3
 * observation keys to {@link ProductMetadata}. Works on already-normalised header maps (reference
 * keys space separated, without {@code HIERARCH}).
 */
final class MetadataMapping {

  /** MJD of the Unix epoch 1970-01-01T00:00:00. */
  static final long MJD_UNIX_EPOCH = 40587L;

  /** GADF observation keys copied into {@link ProductMetadata#headers()} when present. */
  static final List<String> GADF_KEYS =
      List.of(
          "OBS_ID",
          "OBJECT",
          "RA_PNT",
          "DEC_PNT",
          "ONTIME",
          "LIVETIME",
          "TELESCOP",
          "INSTRUME",
          "TSTART",
          "TSTOP",
          "EQUINOX",
          "RADECSYS",
          "ORIGIN",
          "CREATOR",
          "OBS_MODE",
          "DEADC",
          "MJDREFI",
          "MJDREFF",
          "MJDREF",
          "TIMESYS",
          "TIMEUNIT",
          "TIMEREF",
          "DATE-OBS",
          "TIME-OBS",
          "DATE-END",
          "TIME-END",
          "RA_OBJ",
          "DEC_OBJ",
          "N_TELS",
          "GEOLON",
          "GEOLAT",
          "ALTITUDE",
          "LO_THRES",
          "HI_THRES");

  /** Times beyond this many seconds from the Unix epoch (about 31,700 years) are nonsense. */
  private static final double MAX_ABS_SECONDS = 1e12;

  private MetadataMapping() {}

  /** Whether a normalised key belongs to the CTAO reference metadata (or its extra context). */
  static boolean isReferenceKey(String key) {
    return key.startsWith("CTA ") || key.startsWith("CONTEXT ");
  }

  /**
   * Normalises a header key as the readers report it: HIERARCH keys (nom-tam-fits spells them
   * {@code HIERARCH.CTA.PRODUCT.ID} or {@code CTA.PRODUCT.ID}, the card spells them {@code HIERARCH
   * CTA PRODUCT ID}) become upper-case, space-separated {@code CTA PRODUCT ID}; other keys are only
   * trimmed.
   */
  static String normaliseKey(String key) {
    String k = key.strip();
    String upper = k.toUpperCase(Locale.ROOT);
    if (upper.startsWith("HIERARCH.") || upper.startsWith("HIERARCH ")) {
      k = k.substring("HIERARCH".length() + 1);
      upper = k.toUpperCase(Locale.ROOT);
      return upper.replace('.', ' ').strip().replaceAll("\\s+", " ");
    }
    if (upper.startsWith("CTA.") || upper.startsWith("CONTEXT.")) {
      return upper.replace('.', ' ').strip().replaceAll("\\s+", " ");
    }
    return k;
  }

  /**
   * Builds the product metadata.
   *
   * @param reference normalised reference keys (may also hold other keys, only reference ones are
   *     used)
   * @param observation GADF observation header (may be empty)
   * @param hduClasses HDU classes in file order
   * @param gadfEvents whether the file holds a GADF {@code EVENTS} HDU (implies DL3 if no reference
   *     data levels are given)
   */
  static ProductMetadata build(
      Map<String, String> reference,
      Map<String, String> observation,
      List<String> hduClasses,
      boolean gadfEvents) {
    Map<String, String> headers = new LinkedHashMap<>();
    reference.forEach(
        (k, v) -> {
          if (isReferenceKey(k)) {
            headers.put(k, v);
          }
        });
    for (String key : GADF_KEYS) {
      String v = observation.get(key);
      if (v != null) {
        headers.put(key, v);
      }
    }

    List<String> levels = splitLevels(reference.get("CTA PRODUCT DATA LEVELS"));
    if (levels.isEmpty()) {
      levels = splitLevels(reference.get("CTA PRODUCT DATA LEVEL"));
    }
    if (levels.isEmpty() && gadfEvents) {
      levels = List.of("DL3");
    }

    return new ProductMetadata(
        text(reference, "CTA PRODUCT ID"),
        text(reference, "CTA PRODUCT DESCRIPTION"),
        levels,
        text(reference, "CTA PRODUCT DATA CATEGORY"),
        text(reference, "CTA PRODUCT DATA ASSOCIATION"),
        text(reference, "CTA PRODUCT CREATION TIME"),
        text(reference, "CTA PROCESS TYPE"),
        text(reference, "CTA ACTIVITY NAME"),
        text(reference, "CTA ACTIVITY ID"),
        text(reference, "CTA ACTIVITY SOFTWARE NAME"),
        text(reference, "CTA ACTIVITY SOFTWARE VERSION"),
        text(reference, "CTA INSTRUMENT SITE"),
        integer(observation.get("OBS_ID")),
        text(observation, "OBJECT"),
        real(observation.get("RA_PNT")),
        real(observation.get("DEC_PNT")),
        time(observation, "TSTART", "DATE-OBS", "TIME-OBS"),
        time(observation, "TSTOP", "DATE-END", "TIME-END"),
        real(observation.get("ONTIME")),
        real(observation.get("LIVETIME")),
        text(observation, "TELESCOP"),
        text(observation, "INSTRUME"),
        hduClasses,
        headers);
  }

  private static List<String> splitLevels(String value) {
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String p = part.strip();
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  private static Optional<String> text(Map<String, String> map, String key) {
    String v = map.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /** A FITS/HDF5 number as text ({@code D} exponents allowed); empty if not a finite number. */
  static Optional<Double> real(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = firstElement(value).replace('D', 'E').replace('d', 'e');
    if (v.isEmpty() || v.length() > 64) {
      return Optional.empty();
    }
    try {
      double d = Double.parseDouble(v);
      return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** An integer as text ({@code 123} or an integral real such as {@code 123.0}). */
  static Optional<Long> integer(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = firstElement(value);
    try {
      return Optional.of(Long.parseLong(v));
    } catch (NumberFormatException e) {
      Optional<Double> d = real(v);
      if (d.isPresent()
          && d.get() == Math.rint(d.get())
          && Math.abs(d.get()) < 9.007199254740992E15) {
        return Optional.of(d.get().longValue());
      }
      return Optional.empty();
    }
  }

  private static String firstElement(String value) {
    String v = value.strip();
    int comma = v.indexOf(',');
    return comma >= 0 ? v.substring(0, comma).strip() : v;
  }

  /**
   * A GADF time: {@code seconds} relative to {@code MJDREFI + MJDREFF} (or {@code MJDREF}) in
   * {@code TIMEUNIT} ({@code s} by default, {@code d} accepted). The reference is taken as a UTC
   * MJD: the TT-UTC offset (69.184 s since 2017) and any {@code TIMESYS} other than UTC are
   * deliberately ignored, so a TT time reads about a minute late; that is ample for search and
   * display, and the exact header values are kept in {@link ProductMetadata#headers()}. Without a
   * usable reference the ISO date key (plus its separate time key, if the date has no time part) is
   * used instead.
   */
  static Optional<Instant> time(
      Map<String, String> header, String secondsKey, String dateKey, String timeOfDayKey) {
    Optional<Instant> fromMjd = fromMjdRef(header, header.get(secondsKey));
    if (fromMjd.isPresent()) {
      return fromMjd;
    }
    return isoDate(header.get(dateKey), header.get(timeOfDayKey));
  }

  private static Optional<Instant> fromMjdRef(Map<String, String> header, String seconds) {
    Optional<BigDecimal> t = decimal(seconds);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    Optional<BigDecimal> mjdRef;
    Optional<BigDecimal> refI = decimal(header.get("MJDREFI"));
    if (refI.isPresent()) {
      mjdRef = Optional.of(refI.get().add(decimal(header.get("MJDREFF")).orElse(BigDecimal.ZERO)));
    } else {
      mjdRef = decimal(header.get("MJDREF"));
    }
    if (mjdRef.isEmpty()) {
      return Optional.empty();
    }
    String unit = header.getOrDefault("TIMEUNIT", "s").strip().toLowerCase(Locale.ROOT);
    BigDecimal secondsValue;
    if (unit.isEmpty() || unit.equals("s")) {
      secondsValue = t.get();
    } else if (unit.equals("d")) {
      secondsValue = t.get().multiply(BigDecimal.valueOf(86400));
    } else {
      return Optional.empty();
    }
    BigDecimal total =
        mjdRef
            .get()
            .subtract(BigDecimal.valueOf(MJD_UNIX_EPOCH))
            .multiply(BigDecimal.valueOf(86400))
            .add(secondsValue);
    if (total.abs().compareTo(BigDecimal.valueOf(MAX_ABS_SECONDS)) > 0) {
      return Optional.empty();
    }
    BigDecimal nanos = total.setScale(9, RoundingMode.HALF_EVEN).movePointRight(9);
    BigDecimal[] qr = nanos.divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
    long secs = qr[0].longValueExact();
    long rem = qr[1].longValueExact();
    if (rem < 0) {
      secs -= 1;
      rem += 1_000_000_000L;
    }
    return Optional.of(Instant.ofEpochSecond(secs, rem));
  }

  /** A decimal of sane magnitude, parsed exactly; huge exponents are refused, never expanded. */
  private static Optional<BigDecimal> decimal(String value) {
    Optional<Double> d = real(value);
    if (d.isEmpty() || Math.abs(d.get()) > MAX_ABS_SECONDS) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(firstElement(value).replace('D', 'E').replace('d', 'e')));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses an ISO-8601 date-time as FITS writes it ({@code 2024-01-02T03:04:05.123}, no zone means
   * UTC), or a date plus a separate {@code hh:mm:ss[.f]} time.
   */
  static Optional<Instant> isoDate(String date, String timeOfDay) {
    if (date == null || date.isBlank()) {
      return Optional.empty();
    }
    String d = date.strip();
    try {
      if (d.length() == 10) {
        LocalDate day = LocalDate.parse(d);
        LocalTime tod =
            timeOfDay == null || timeOfDay.isBlank()
                ? LocalTime.MIDNIGHT
                : LocalTime.parse(timeOfDay.strip());
        return Optional.of(day.atTime(tod).toInstant(ZoneOffset.UTC));
      }
      return Optional.of(parseUtc(d));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** ISO-8601 date-time; without an offset it is UTC. */
  static Instant parseUtc(String text) {
    String t = text.strip();
    if (t.endsWith("Z") || t.endsWith("z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
      return OffsetDateTime.parse(t.endsWith("z") ? t.substring(0, t.length() - 1) + "Z" : t)
          .toInstant();
    }
    return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
  }
}
