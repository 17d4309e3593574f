package org.dpps.archive.platform.error;

/** What kind of failure an {@link ErrorCode} is; the REST layer maps each to an HTTP status. */
public enum ErrorCategory {
  INVALID(400),
  UNAUTHENTICATED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  CONFLICT(409),
  INTEGRITY(409),
  TOO_LARGE(413),
  UNSUPPORTED(415),
  RANGE(416),
  UNAVAILABLE(503),
  INSUFFICIENT_STORAGE(507),
  INTERNAL(500);

  private final int httpStatus;

  ErrorCategory(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
