package org.dpps.archive.ingest.domain;

import java.util.Objects;

/**
 * What a deposit did to one product: created it, added a version, or found the same bytes already
 * archived.
 */
public record DepositedProduct(String productId, int version, Outcome outcome) {
  public enum Outcome {
    CREATED,
    NEW_VERSION,
    UNCHANGED
  }

  public DepositedProduct {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(outcome, "outcome");
  }
}
