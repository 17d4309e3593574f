package org.dpps.archive.access.domain.tap;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The result formats a TAP query can be answered in (RESPONSEFORMAT), with the media type sent as
 * Content-Type, the media type and aliases declared in the capabilities, and the TAPRegExt standard
 * identifier where one exists.
 */
public enum ResultFormat {
  /** VOTable 1.4, BINARY2 serialization: the default. */
  VOTABLE_BINARY2(
      "application/x-votable+xml",
      "application/x-votable+xml;serialization=binary2",
      "vot",
      "ivo://ivoa.net/std/TAPRegExt#output-votable-binary2",
      List.of("votable", "votable/b2")),
  /** VOTable 1.4, TABLEDATA serialization. */
  VOTABLE_TABLEDATA(
      "application/x-votable+xml",
      "application/x-votable+xml;serialization=tabledata",
      "vot",
      "ivo://ivoa.net/std/TAPRegExt#output-votable-td",
      List.of("votable/td")),
  /** Comma-separated values with a header line (RFC 4180). */
  CSV("text/csv;header=present", "text/csv", "csv", "", List.of("csv")),
  /** Tab-separated values with a header line. */
  TSV("text/tab-separated-values", "text/tab-separated-values", "tsv", "", List.of("tsv")),
  /** A JSON document: metadata, data, overflow. */
  JSON("application/json", "application/json", "json", "", List.of("json"));

  /** The format of a request that names none. */
  public static final ResultFormat DEFAULT = VOTABLE_BINARY2;

  private static final String VOTABLE_MIME = "application/x-votable+xml";

  private final String contentType;
  private final String declaredMime;
  private final String extension;
  private final String ivoId;
  private final List<String> aliases;

  ResultFormat(
      String contentType,
      String declaredMime,
      String extension,
      String ivoId,
      List<String> aliases) {
    this.contentType = contentType;
    this.declaredMime = declaredMime;
    this.extension = extension;
    this.ivoId = ivoId;
    this.aliases = aliases;
  }

  /** The HTTP Content-Type of a result in this format. */
  public String contentType() {
    return contentType;
  }

  /** The media type declared for this format in the TAPRegExt capabilities. */
  public String declaredMime() {
    return declaredMime;
  }

  /** The file name extension of a stored result, without the dot. */
  public String extension() {
    return extension;
  }

  /** The TAPRegExt {@code ivo-id} of this format; empty where no standard defines one. */
  public Optional<String> ivoId() {
    return ivoId.isEmpty() ? Optional.empty() : Optional.of(ivoId);
  }

  /** The short RESPONSEFORMAT names declared as aliases. */
  public List<String> aliases() {
    return aliases;
  }

  /** Whether the result is a VOTable document. */
  public boolean isVotable() {
    return this == VOTABLE_BINARY2 || this == VOTABLE_TABLEDATA;
  }

  /**
   * The format a RESPONSEFORMAT value asks for: a media type (parameters after {@code ;} read, case
   * and spaces ignored) or a short name. Empty for a format this service does not write (and for a
   * blank value: the caller then uses {@link #DEFAULT}).
   */
  public static Optional<ResultFormat> parse(String responseFormat) {
    if (responseFormat == null || responseFormat.isBlank()) {
      return Optional.empty();
    }
    String[] parts = responseFormat.split(";", -1);
    String type = parts[0].strip().toLowerCase(Locale.ROOT);
    String serialization = null;
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      int equals = parameter.indexOf('=');
      if (equals < 0) {
        if (!parameter.isEmpty()) {
          return Optional.empty();
        }
        continue;
      }
      String key = parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT);
      String value = unquote(parameter.substring(equals + 1).strip()).toLowerCase(Locale.ROOT);
      if (key.equals("serialization")) {
        serialization = value;
      }
    }
    return switch (type) {
      case "votable", VOTABLE_MIME -> votable(serialization, VOTABLE_BINARY2);
      case "text/xml" -> votable(serialization, VOTABLE_TABLEDATA);
      case "votable/td" -> votable(serialization, VOTABLE_TABLEDATA);
      case "votable/b2" -> votable(serialization, VOTABLE_BINARY2);
      case "csv", "text/csv" -> plain(serialization, CSV);
      case "tsv", "text/tab-separated-values" -> plain(serialization, TSV);
      case "json", "application/json" -> plain(serialization, JSON);
      default -> Optional.empty();
    };
  }

  private static Optional<ResultFormat> votable(String serialization, ResultFormat otherwise) {
    if (serialization == null) {
      return Optional.of(otherwise);
    }
    return switch (serialization) {
      case "binary2" -> Optional.of(VOTABLE_BINARY2);
      case "tabledata" -> Optional.of(VOTABLE_TABLEDATA);
      default -> Optional.empty();
    };
  }

  private static Optional<ResultFormat> plain(String serialization, ResultFormat format) {
    return serialization == null ? Optional.of(format) : Optional.empty();
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
