package org.dpps.archive.access.domain.tap;

import java.io.IOException;
import java.time.Duration;

/** Port: runs a compiled query on the catalogue database, read-only, within a time limit. */
public interface QueryExecutor {
  /**
   * Runs {@code query} and hands its rows to {@code handler} while the statement is open; the rows
   * are read from the database as the handler pulls them.
   *
   * @throws TapException {@link TapError#TIMEOUT} past {@code timeout}, {@link
   *     TapError#EXECUTION_FAILED} when the database fails
   */
  <T> T run(CompiledQuery query, Duration timeout, RowsHandler<T> handler) throws IOException;

  /** What is done with the rows while they can be read. */
  @FunctionalInterface
  interface RowsHandler<T> {
    T handle(RowSource rows) throws IOException;
  }
}
