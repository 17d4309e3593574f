package org.dpps.archive.platform.error;

import java.util.Objects;
import java.util.Optional;

/**
 * The one unchecked exception root of the archive. Carries a stable {@link ErrorCode} and, where
 * the failure concerns one file of a deposit or product, the offending path.
 */
public class ArchiveException extends RuntimeException {
  private final ErrorCode code;
  private final String path;
  private String instance;

  public ArchiveException(ErrorCode code, String detail) {
    this(code, detail, null, null);
  }

  public ArchiveException(ErrorCode code, String detail, String path) {
    this(code, detail, path, null);
  }

  public ArchiveException(ErrorCode code, String detail, String path, Throwable cause) {
    super(detail, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.path = path;
  }

  public ErrorCode code() {
    return code;
  }

  /**
   * Names the resource the problem concerns (for instance the deposit that was rejected), as an API
   * path; returns this exception.
   */
  public ArchiveException withInstance(String resourcePath) {
    this.instance = resourcePath;
    return this;
  }

  public Optional<String> instance() {
    return Optional.ofNullable(instance);
  }

  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /** The problem as data: what the REST layer and the deposit record both carry. */
  public Problem toProblem() {
    return new Problem(code.id(), code.title(), getMessage(), path);
  }
}
