package org.dpps.archive.access.domain.tap;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parameters of a TAP query as sent (GET query string or POST form), names case-insensitive as
 * TAP 1.1 says: REQUEST, LANG, QUERY, MAXREC, RESPONSEFORMAT (or FORMAT), UPLOAD.
 */
public final class TapRequest {
  private final Map<String, String> parameters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  /** A request of these parameters; of a repeated name the first value counts. */
  public TapRequest(Map<String, String> parameters) {
    parameters.forEach(this.parameters::putIfAbsent);
  }

  /** The value of a parameter (its name in any case). */
  public Optional<String> get(String name) {
    return Optional.ofNullable(parameters.get(name)).filter(v -> !v.isEmpty());
  }

  /** The ADQL query, after checking REQUEST and LANG. */
  public String adql() {
    get("REQUEST")
        .filter(r -> !r.equalsIgnoreCase("doQuery"))
        .ifPresent(
            r -> {
              throw new TapException(
                  TapError.BAD_PARAMETER, "REQUEST=" + r + " is not supported: use doQuery");
            });
    String lang =
        get("LANG")
            .orElseThrow(
                () -> new TapException(TapError.BAD_PARAMETER, "LANG is missing: use LANG=ADQL"));
    String l = lang.toUpperCase(Locale.ROOT);
    if (!(l.equals("ADQL") || l.equals("ADQL-2.0") || l.equals("ADQL-2.1"))) {
      throw new TapException(
          TapError.BAD_PARAMETER, "LANG=" + lang + " is not supported: use LANG=ADQL");
    }
    if (get("UPLOAD").isPresent()) {
      throw new TapException(TapError.BAD_UPLOAD, "table uploads are not supported yet");
    }
    return get("QUERY")
        .orElseThrow(() -> new TapException(TapError.BAD_PARAMETER, "QUERY is missing"));
  }

  /** MAXREC within the limits; the default when absent. */
  public long maxRec(TapLimits limits) {
    Optional<String> given = get("MAXREC");
    if (given.isEmpty()) {
      return limits.outputDefaultRows();
    }
    long value;
    try {
      value = Long.parseLong(given.get().strip());
    } catch (NumberFormatException e) {
      throw new TapException(
          TapError.BAD_PARAMETER, "MAXREC=" + given.get() + " is not a whole number");
    }
    if (value < 0) {
      throw new TapException(TapError.BAD_PARAMETER, "MAXREC must not be negative");
    }
    return Math.min(value, limits.outputHardRows());
  }

  /** RESPONSEFORMAT (or FORMAT); VOTable BINARY2 when absent. */
  public ResultFormat format() {
    Optional<String> given = get("RESPONSEFORMAT").or(() -> get("FORMAT"));
    if (given.isEmpty()) {
      return ResultFormat.DEFAULT;
    }
    return ResultFormat.parse(given.get())
        .orElseThrow(
            () ->
                new TapException(
                    TapError.BAD_PARAMETER,
                    "RESPONSEFORMAT="
                        + given.get()
                        + " is not supported: use votable, votable/td, csv, tsv or json"));
  }
}
