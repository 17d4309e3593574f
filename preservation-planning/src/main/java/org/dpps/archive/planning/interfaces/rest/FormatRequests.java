package org.dpps.archive.planning.interfaces.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
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

  /** {@code POST /formats}: every field of the entry plus {@code reason}. */
  record Create(FormatFields format, String reason) {}

  /** {@code PATCH /formats/{id}}: the fields to change plus {@code reason}. */
  record Update(FormatPatch patch, String reason) {}

  /**
   * The new entry in a body read by {@link JsonBodies#object}. As before, a {@code reason} that is
   * a number or a boolean is taken as its text (unlike {@link #update}).
   */
  static Create create(JsonNode o) {
    String reason = o.path("reason").asText(null);
    knownFieldsOnly(o);
    FormatFields format =
        new FormatFields(
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
    FormatPatch patch =
        new FormatPatch(
            // the id cannot change: it is compared as text with the entry's, whatever its type
            o.has("id") ? Field.of(o.get("id").asText()) : Field.absent(),
            textField(o, "name"),
            textField(o, "mediaType"),
            textField(o, "profile"),
            textField(o, "version"),
            textField(o, "pronom"),
            textField(o, "status"),
            o.has("reasons") ? Field.of(reasons(o)) : Field.absent(),
            textField(o, "specification"));
    return new Update(patch, reason);
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

  private static Field<String> textField(JsonNode o, String key) {
    return o.has(key) ? Field.of(text(o, key)) : Field.absent();
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
