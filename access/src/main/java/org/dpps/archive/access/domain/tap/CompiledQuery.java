package org.dpps.archive.access.domain.tap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An ADQL query translated for one database: the SQL with {@code ?} placeholders, their values in
 * order, and the published metadata of each result column.
 *
 * @param sql the statement; it fetches at most {@code fetchLimit} rows
 * @param parameters the bind values (String, Long, BigDecimal, Double), in placeholder order
 * @param columns one per result column, in order, named as the query names them
 * @param maxRec the caller's row limit: a result with more rows than this has overflowed
 * @param fetchLimit the rows the SQL fetches: {@code min(TOP, maxRec + 1)}
 */
public record CompiledQuery(
    String sql, List<Object> parameters, List<TapColumn> columns, long maxRec, long fetchLimit) {
  public CompiledQuery {
    Objects.requireNonNull(sql, "sql");
    parameters = Collections.unmodifiableList(new ArrayList<>(parameters)); // values may be null
    columns = List.copyOf(columns);
  }

  /** Whether {@code rows} fetched mean the result was cut at MAXREC (the OVERFLOW marker). */
  public boolean overflowed(long rows) {
    return rows > maxRec;
  }
}
