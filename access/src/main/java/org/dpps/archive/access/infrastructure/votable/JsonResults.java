package org.dpps.archive.access.infrastructure.votable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dpps.archive.access.domain.tap.TapColumn;

/**
 * A JSON result, streamed: {@code {"metadata":[{"name","datatype","arraysize","xtype","unit",
 * "ucd","utype","description"}...],"data":[[...],...],"overflow":false}}, plus {@code "error"} when
 * the rows ended with an error. NaN and infinities are null (JSON has no such numbers).
 */
final class JsonResults {
  private JsonResults() {}

  static void write(List<TapColumn> columns, LimitedRows rows, OutputStream out)
      throws IOException {
    BufferedWriter w =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    w.write("{\"metadata\":[");
    for (int i = 0; i < columns.size(); i++) {
      TapColumn c = columns.get(i);
      w.write(i == 0 ? "\n{" : ",\n{");
      w.write("\"name\":" + string(c.name()) + ",\"datatype\":" + string(c.datatype()));
      optional(w, "arraysize", c.arraysize());
      optional(w, "xtype", c.xtype());
      optional(w, "unit", c.unit());
      optional(w, "ucd", c.ucd());
      optional(w, "utype", c.utype());
      optional(w, "description", c.description());
      w.write("}");
    }
    w.write("],\n\"data\":[");
    Object[] row;
    boolean first = true;
    while ((row = rows.next()) != null) {
      w.write(first ? "\n[" : ",\n[");
      first = false;
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          w.write(',');
        }
        w.write(value(row[i]));
      }
      w.write(']');
    }
    w.write("],\n\"overflow\":" + rows.overflowed());
    if (rows.failure().isPresent()) {
      w.write(",\n\"error\":" + string(rows.failure().get().describe()));
    }
    w.write("}\n");
    w.flush();
  }

  private static void optional(BufferedWriter w, String key, String value) throws IOException {
    if (!value.isEmpty()) {
      w.write(",\"" + key + "\":" + string(value));
    }
  }

  static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? "null" : d.toString();
    }
    if (v instanceof Float f) {
      return f.isNaN() || f.isInfinite() ? "null" : f.toString();
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v.getClass().isArray()) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < Array.getLength(v); i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append(value(Array.get(v, i)));
      }
      return b.append(']').toString();
    }
    return string(v.toString());
  }

  /** A JSON string literal. */
  static String string(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
