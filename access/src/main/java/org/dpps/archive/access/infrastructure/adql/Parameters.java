package org.dpps.archive.access.infrastructure.adql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bind values of a translation. Fragments of SQL are built out of order (FROM before the select
 * list), so each value is first written as a marker; {@link #bind} turns the markers into {@code ?}
 * and lists the values in the order the finished SQL needs them (a marker used twice, as when a
 * GROUP BY repeats a select item, binds its value twice).
 */
final class Parameters {
  private static final Pattern MARKER = Pattern.compile("\u0001(\\d+)\u0002");

  private final List<Object> values = new ArrayList<>();

  /** A marker for {@code value} (String, Long, BigDecimal or Double). */
  String add(Object value) {
    values.add(value);
    return "\u0001" + (values.size() - 1) + "\u0002";
  }

  /** The finished SQL and its values in placeholder order. */
  record Bound(String sql, List<Object> values) {}

  Bound bind(String sqlWithMarkers) {
    List<Object> ordered = new ArrayList<>();
    Matcher m = MARKER.matcher(sqlWithMarkers);
    StringBuilder sql = new StringBuilder();
    while (m.find()) {
      ordered.add(values.get(Integer.parseInt(m.group(1))));
      m.appendReplacement(sql, "?");
    }
    m.appendTail(sql);
    return new Bound(sql.toString(), ordered);
  }
}
