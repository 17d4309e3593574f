package org.dpps.archive.storage.domain;

import java.util.Objects;
import org.dpps.archive.schemas.model.ProductId;

/** Fired after an AIP version became durable in archival storage. */
public record AipVersionCommitted(ProductId productId, int version) {
  public AipVersionCommitted {
    Objects.requireNonNull(productId, "productId");
  }
}
