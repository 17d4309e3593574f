package org.dpps.archive.access.domain.tap;

import java.util.Objects;
import java.util.Optional;
import org.dpps.archive.access.domain.adql.Position;

/**
 * A TAP request that cannot be answered, with its stable code and, for ADQL, where the fault is.
 */
public class TapException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final TapError error;
  private final transient Optional<Position> position;

  public TapException(TapError error, String message) {
    this(error, message, null);
  }

  public TapException(TapError error, String message, Position position) {
    super(
        Objects.requireNonNull(message, "message")
            + (position == null
                ? ""
                : " (line " + position.line() + ", column " + position.column() + ")"));
    this.error = Objects.requireNonNull(error, "error");
    this.position = Optional.ofNullable(position);
  }

  /** The error's code. */
  public TapError error() {
    return error;
  }

  /** Where in the query the fault is, when it is in the query. */
  public Optional<Position> position() {
    return position;
  }

  /** {@code TAP-0nn: message}, the text of the VOTable error document. */
  public String describe() {
    return error.code() + ": " + getMessage();
  }
}
