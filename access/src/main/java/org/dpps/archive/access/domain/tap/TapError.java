package org.dpps.archive.access.domain.tap;

/**
 * The stable codes of the TAP service's errors. They appear in the VOTable error document's {@code
 * QUERY_STATUS} message ({@code "TAP-003: ..."}), so a script can act on them.
 */
public enum TapError {
  /** The query is not ADQL 2.1 (a syntax error, with line and column). */
  SYNTAX("TAP-001", 400),
  /** A table that is not published (or does not exist). */
  UNKNOWN_TABLE("TAP-002", 400),
  /** A column that no table of the FROM clause has. */
  UNKNOWN_COLUMN("TAP-003", 400),
  /** A name that more than one table or column answers to. */
  AMBIGUOUS_NAME("TAP-004", 400),
  /** ADQL this service does not run (a function or combination with no exact translation). */
  UNSUPPORTED("TAP-005", 400),
  /** A query that is ADQL but wrong: argument types, aggregates, set operands of unequal width. */
  INVALID_QUERY("TAP-006", 400),
  /** A limit exceeded: query size, row limit, upload size. */
  LIMIT_EXCEEDED("TAP-007", 400),
  /** A TAP request parameter missing or wrong (LANG, MAXREC, RESPONSEFORMAT, ...). */
  BAD_PARAMETER("TAP-008", 400),
  /** The query ran longer than its execution duration and was stopped. */
  TIMEOUT("TAP-009", 400),
  /** Too many queries at once: try again later. */
  OVERLOADED("TAP-010", 503),
  /** An upload that cannot be read or is too large. */
  BAD_UPLOAD("TAP-011", 400),
  /** No such asynchronous job (or not the caller's). */
  UNKNOWN_JOB("TAP-012", 404),
  /** The database failed while running a valid query. */
  EXECUTION_FAILED("TAP-013", 500);

  private final String code;
  private final int httpStatus;

  TapError(String code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** The stable code, {@code TAP-0nn}. */
  public String code() {
    return code;
  }

  /** The HTTP status a synchronous request answers with. */
  public int httpStatus() {
    return httpStatus;
  }
}
