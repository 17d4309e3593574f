package org.dpps.archive.platform.error;

import java.util.Objects;

/**
 * One problem found with a deposit or request: the stable code, its title, a human detail and the
 * offending path (relative to the bag root) if any.
 */
public record Problem(String code, String title, String detail, String path) {
  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(title, "title");
  }
}
