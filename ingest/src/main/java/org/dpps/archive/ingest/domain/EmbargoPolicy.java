package org.dpps.archive.ingest.domain;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * How ingest sets a product's release date and access group: the SIP manifest's {@code
 * embargoUntil} and {@code accessGroup} when given, otherwise the proprietary period after the end
 * of the observation (or after the deposit, for products without observation times), and the
 * configured group.
 *
 * @param proprietaryPeriod {@code archive.embargo.proprietary-period}, e.g. {@code P1Y}
 * @param defaultGroup {@code archive.embargo.group}
 */
public record EmbargoPolicy(Period proprietaryPeriod, String defaultGroup) {
  public static final EmbargoPolicy DEFAULT = new EmbargoPolicy(Period.ofYears(1), "ctao");

  public EmbargoPolicy {
    Objects.requireNonNull(proprietaryPeriod, "proprietaryPeriod");
    Objects.requireNonNull(defaultGroup, "defaultGroup");
    if (proprietaryPeriod.isNegative()) {
      throw new IllegalArgumentException("the proprietary period must not be negative");
    }
  }

  public Instant releaseDate(
      Optional<Instant> requested, Optional<Instant> observationEnd, Instant depositedAt) {
    return requested.orElseGet(
        () ->
            observationEnd
                .orElse(depositedAt)
                .atOffset(ZoneOffset.UTC)
                .plus(proprietaryPeriod)
                .toInstant());
  }

  public String group(Optional<String> requested) {
    return requested.orElse(defaultGroup);
  }
}
