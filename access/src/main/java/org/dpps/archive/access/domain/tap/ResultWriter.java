package org.dpps.archive.access.domain.tap;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Port: writes a query result in one of the {@link ResultFormat}s, streaming its rows. */
public interface ResultWriter {
  /**
   * Writes the rows of {@code rows} as a result with {@code columns}' published metadata. At most
   * {@code maxRec} rows are written; after them the writer asks for one more row, and if there is
   * one the result has overflowed (a VOTable gets {@code QUERY_STATUS OVERFLOW} after its TABLE). A
   * {@link TapException} from the rows ends the table early: a VOTable gets {@code QUERY_STATUS
   * ERROR} after the TABLE, and the summary carries the exception.
   *
   * <p>{@code out} is flushed, not closed.
   *
   * @return how many rows were written and whether the result overflowed or failed
   */
  ResultSummary write(
      ResultFormat format, List<TapColumn> columns, RowSource rows, long maxRec, OutputStream out)
      throws IOException;
}
