package org.dpps.archive.access.domain.tap;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

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
  default ResultSummary write(
      ResultFormat format, List<TapColumn> columns, RowSource rows, long maxRec, OutputStream out)
      throws IOException {
    return write(format, columns, rows, maxRec, out, Map.of());
  }

  /**
   * As {@link #write(ResultFormat, List, RowSource, long, OutputStream)}, and a VOTable's results
   * RESOURCE carries an {@code <INFO name value/>} for each entry of {@code infos} (in its order)
   * before its TABLE: DataLink's {@code standardID}, for instance. Other formats ignore them.
   */
  ResultSummary write(
      ResultFormat format,
      List<TapColumn> columns,
      RowSource rows,
      long maxRec,
      OutputStream out,
      Map<String, String> infos)
      throws IOException;
}
