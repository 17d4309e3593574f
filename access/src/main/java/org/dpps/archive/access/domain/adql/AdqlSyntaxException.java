package org.dpps.archive.access.domain.adql;

/** An ADQL query that is not ADQL 2.1, with the line and column (both from 1) of the fault. */
public class AdqlSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String reason;

  public AdqlSyntaxException(int line, int column, String reason) {
    super("line " + line + ", column " + column + ": " + reason);
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  /** The line of the fault, from 1. */
  public int line() {
    return line;
  }

  /** The column of the fault, from 1. */
  public int column() {
    return column;
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }
}
