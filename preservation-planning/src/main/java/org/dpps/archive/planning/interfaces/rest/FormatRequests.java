package org.dpps.archive.planning.interfaces.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dpps.archive.planning.domain.FormatFields;
import org.dpps.archive.planning.domain.FormatPatch;
import org.dpps.archive.planning.domain.FormatPatch.Field;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * The bodies of {@code POST /formats} and {@code PATCH /formats/{id}} as typed requests. Checked
 * here is only their JSON shape: no unknown field, each value of its JSON type (a string, the
 * reasons an array of strings) or null. The values themselves (required, lengths, patterns, status
 * names, reasons of an at-risk entry) are checked by the format registry.
 */
final class FormatRequests {
  /** The fields of an entry in a body; besides them {@code reason} and {@code $comment}. */
  static final List<String> FIELDS =
      List.of(
          "id",
          "name",
          "mediaType",
          "profile",
          "version",
          "pronom",
          "status",
          "reasons",
          "specification");

  private FormatRequests() {}

  /**
   * The fields of an entry as a body gives them, unchecked; an absent one is null. The request
   * records hold only these REST values: the registry's types are made from them on demand.
   */
  record Fields(
      String id,
      String name,
      String mediaType,
      String profile,
      String version,
      String pronom,
      String status,
      List<String> reasons,
      String specification) {

    /** The fields as the registry takes them. */
    FormatFields toFormatFields() {
      return new FormatFields(
          id, name, mediaType, profile, version, pronom, status, reasons, specification);
    }
  }

  /** {@code POST /formats}: every field of the entry plus {@code reason}. */
  record Create(Fields fields, String reason) {

    /** The new entry as the registry takes it. */
    FormatFields format() {
      return fields.toFormatFields();
    }
  }

  /**
   * {@code PATCH /formats/{id}}: the fields to change plus {@code reason}; {@code given} names the
   * fields the body has (a field given as null is set to null, one not given is left as it is).
   */
  record Update(Fields fields, Set<String> given, String reason) {

    /** The change as the registry takes it. */
    FormatPatch patch() {
      return new FormatPatch(
          field("id", fields.id()),
          field("name", fields.name()),
          field("mediaType", fields.mediaType()),
          field("profile", fields.profile()),
          field("version", fields.version()),
          field("pronom", fields.pronom()),
          field("status", fields.status()),
          field("reasons", fields.reasons()),
          field("specification", fields.specification()));
    }

    private <T> Field<T> field(String key, T value) {
      return given.contains(key) ? Field.of(value) : Field.absent();
    }
  }

  /**
   * The new entry in a body read by {@link JsonBodies#object}. As before, a {@code reason} that is
   * a number or a boolean is taken as its text (unlike {@link #update}).
   */
  static Create create(JsonNode o) {
    String reason = o.path("reason").asText(null);
    knownFieldsOnly(o);
    Fields format =
        new Fields(
            text(o, "id"),
            text(o, "name"),
            text(o, "mediaType"),
            text(o, "profile"),
            text(o, "version"),
            text(o, "pronom"),
            text(o, "status"),
            reasons(o),
            text(o, "specification"));
    return new Create(format, reason);
  }

  /**
   * The change in a body read by {@link JsonBodies#object}: a field absent from it is left as it
   * is, a field given as null is set to null. A {@code reason} that is not a string is none.
   */
  static Update update(JsonNode o) {
    String reason = o.path("reason").isTextual() ? o.get("reason").asText() : null;
    knownFieldsOnly(o);
    Fields fields =
        new Fields(
            // the id cannot change: it is compared as text with the entry's, whatever its type
            o.has("id") ? o.get("id").asText() : null,
            text(o, "name"),
            text(o, "mediaType"),
            text(o, "profile"),
            text(o, "version"),
            text(o, "pronom"),
            text(o, "status"),
            reasons(o),
            text(o, "specification"));
    Set<String> given = Set.copyOf(FIELDS.stream().filter(o::has).toList());
    return new Update(fields, given, reason);
  }

  private static void knownFieldsOnly(JsonNode o) {
    o.fieldNames()
        .forEachRemaining(
            k -> {
              if (!FIELDS.contains(k) && !k.equals("reason") && !k.equals("$comment")) {
                throw invalid("Unknown field '" + k + "'");
              }
            });
  }

  /** The string {@code o.key}, null when absent or null. */
  private static String text(JsonNode o, String key) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw invalid("'" + key + "' must be a non-empty string");
    }
    return v.asText();
  }

  /** The array of strings {@code o.reasons}, null when absent or null. */
  private static List<String> reasons(JsonNode o) {
    JsonNode r = o.get("reasons");
    if (r == null || r.isNull()) {
      return null;
    }
    if (!r.isArray()) {
      throw invalid("reasons must be an array of at most 20 strings");
    }
    List<String> reasons = new ArrayList<>();
    for (JsonNode n : r) {
      if (!n.isTextual()) {
        throw invalid("reasons must be non-empty strings of at most 2000 characters");
      }
      reasons.add(n.asText());
    }
    return reasons;
  }

  private static ArchiveException invalid(String message) {
    return new ArchiveException(ErrorCode.FORMAT_REQUEST_INVALID, message);
  }
}
