package org.dpps.archive.access.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.dpps.archive.schemas.error.ArchiveException;
import org.dpps.archive.schemas.error.ErrorCode;

/**
 * A catalogue search: free text, exact filters, a time window that must overlap the observation,
 * and a cone on the sky. Rejects impossible values at construction.
 */
public record SearchQuery(
    Optional<String> text,
    Optional<String> level,
    Optional<String> target,
    Optional<String> instrument,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<Cone> cone,
    int page,
    int size) {

  public static final int MAX_SIZE = 500;

  public SearchQuery {
    Objects.requireNonNull(text);
    Objects.requireNonNull(level);
    Objects.requireNonNull(target);
    Objects.requireNonNull(instrument);
    Objects.requireNonNull(from);
    Objects.requireNonNull(to);
    Objects.requireNonNull(cone);
    if (page < 1) {
      throw invalid("page must be 1 or more");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw invalid("size must be between 1 and " + MAX_SIZE);
    }
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw invalid("from is after to");
    }
    text.ifPresent(
        t -> {
          if (t.length() > 1000) {
            throw invalid("q is longer than 1000 characters");
          }
        });
  }

  /** A cone on the sky, in degrees (ICRS). */
  public record Cone(double ra, double dec, double radius) {
    public Cone {
      if (!(ra >= 0 && ra <= 360)) {
        throw invalid("ra must be in [0, 360] degrees");
      }
      if (!(dec >= -90 && dec <= 90)) {
        throw invalid("dec must be in [-90, 90] degrees");
      }
      if (!(radius > 0 && radius <= 180)) {
        throw invalid("radius must be in (0, 180] degrees");
      }
    }
  }

  static ArchiveException invalid(String message) {
    return new ArchiveException(ErrorCode.BAD_SEARCH_PARAMETER, message);
  }
}
