package org.dpps.archive.access.domain.tap;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ResultWriter} wrote.
 *
 * @param rows the rows written
 * @param overflowed whether more rows than MAXREC were available (the result was cut)
 * @param failure the error that ended the rows early, if one did
 */
public record ResultSummary(long rows, boolean overflowed, Optional<TapException> failure) {
  public ResultSummary {
    Objects.requireNonNull(failure, "failure");
  }
}
