package org.dpps.archive.access.infrastructure.votable;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.dpps.archive.access.domain.tap.ResultSummary;
import org.dpps.archive.access.domain.tap.RowSource;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapException;

/**
 * The rows of a {@link RowSource}, converted to the columns' types, ending after {@code maxRec}:
 * then one more row is asked for, to learn whether the result overflowed. A {@link TapException}
 * from the source ends the rows and is kept. Holds one row at a time.
 */
final class LimitedRows {
  private final RowSource source;
  private final List<TapColumn> columns;
  private final long maxRec;
  private long written;
  private boolean overflowed;
  private TapException failure;
  private boolean ended;

  LimitedRows(RowSource source, List<TapColumn> columns, long maxRec) {
    if (maxRec < 0) {
      throw new IllegalArgumentException("maxRec < 0");
    }
    this.source = source;
    this.columns = columns;
    this.maxRec = maxRec;
  }

  /** The next row in the columns' types, or null at the end. */
  Object[] next() throws IOException {
    if (ended) {
      return null;
    }
    try {
      Object[] row = source.next();
      if (row == null) {
        ended = true;
        return null;
      }
      if (written == maxRec) {
        overflowed = true;
        ended = true;
        return null;
      }
      if (row.length != columns.size()) {
        throw new IllegalStateException(
            "a row of " + row.length + " values for " + columns.size() + " columns");
      }
      Object[] converted = new Object[row.length];
      for (int i = 0; i < row.length; i++) {
        converted[i] = CellValues.convert(columns.get(i), row[i]);
      }
      written++;
      return converted;
    } catch (TapException e) {
      failure = e;
      ended = true;
      return null;
    }
  }

  long written() {
    return written;
  }

  boolean overflowed() {
    return overflowed;
  }

  Optional<TapException> failure() {
    return Optional.ofNullable(failure);
  }

  ResultSummary summary() {
    return new ResultSummary(written, overflowed, failure());
  }
}
