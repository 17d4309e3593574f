package org.dpps.archive.access.domain.tap;

import java.io.IOException;

/**
 * The rows of a query result, pulled one at a time (from a JDBC ResultSet, lazily): the writer asks
 * for each row just before writing it, so no one holds the whole result.
 *
 * <p>A row is an {@code Object[]} with one Java value per result column, in order: String,
 * Short/Integer/Long, Float/Double, BigDecimal, Boolean, java.sql.Timestamp, OffsetDateTime,
 * LocalDateTime, Instant, LocalDate, a primitive array, or null. The writer converts each value to
 * the column's declared datatype.
 */
@FunctionalInterface
public interface RowSource {
  /**
   * The next row, or {@code null} after the last.
   *
   * @throws TapException when the query fails while its rows are read (a timeout, a cancel); the
   *     writer ends the table where it is and marks the result as failed
   * @throws IOException when the rows cannot be read for another reason
   */
  Object[] next() throws IOException;
}
