package org.dpps.archive.access.domain.tap;

/** Port: ADQL 2.1 in, SQL for the catalogue database out; only the published schema is named. */
public interface AdqlCompiler {
  /**
   * Compiles {@code adql} against {@code schema}, fetching at most {@code maxRec + 1} rows (fewer
   * when the query's TOP says so).
   *
   * @throws TapException with {@link TapError#SYNTAX} and the position for text that is not ADQL,
   *     and the other codes for names, types and constructs the service cannot answer exactly
   */
  CompiledQuery compile(String adql, TapSchema schema, long maxRec);
}
