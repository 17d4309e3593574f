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
 * CSV (RFC 4180: CRLF, fields quoted when they hold a comma, quote or line break) and TSV (LF; tab,
 * line breaks and backslash escaped as {@code \t \n \r \\}), each with a header line of column
 * names. A null is an empty field; an array is its elements separated by spaces.
 */
final class TextResults {
  private TextResults() {}

  static void csv(List<TapColumn> columns, LimitedRows rows, OutputStream out) throws IOException {
    write(columns, rows, out, true);
  }

  static void tsv(List<TapColumn> columns, LimitedRows rows, OutputStream out) throws IOException {
    write(columns, rows, out, false);
  }

  private static void write(
      List<TapColumn> columns, LimitedRows rows, OutputStream out, boolean csv) throws IOException {
    BufferedWriter w =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    String separator = csv ? "," : "\t";
    String end = csv ? "\r\n" : "\n";
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        w.write(separator);
      }
      w.write(csv ? csvField(columns.get(i).name()) : tsvField(columns.get(i).name()));
    }
    w.write(end);
    Object[] row;
    while ((row = rows.next()) != null) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          w.write(separator);
        }
        if (row[i] != null) {
          String text = format(row[i]);
          w.write(csv ? csvField(text) : tsvField(text));
        }
      }
      w.write(end);
    }
    w.flush();
  }

  /** A converted cell as text: numbers as Java prints them, arrays space-separated. */
  static String format(Object value) {
    if (value.getClass().isArray()) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < Array.getLength(value); i++) {
        if (i > 0) {
          b.append(' ');
        }
        b.append(Array.get(value, i));
      }
      return b.toString();
    }
    return value.toString();
  }

  static String csvField(String text) {
    boolean quote = false;
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote && !text.isEmpty() && (text.charAt(0) == ' ' || text.endsWith(" "))) {
      quote = true;
    }
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  static String tsvField(String text) {
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape =
          switch (c) {
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\\' -> "\\\\";
            default -> null;
          };
      if (escape != null && b == null) {
        b = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (b != null) {
        if (escape != null) {
          b.append(escape);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? text : b.toString();
  }
}
