package org.dpps.archive.storage.domain;

import org.dpps.archive.schemas.model.ProductId;

/**
 * Port, implemented by Access: which products the catalogue knows. Audits use it to report dark
 * objects (stored, unknown to the catalogue) and lost ones (catalogued, absent from storage).
 */
public interface CatalogueListing {
  /** Every catalogued product; the caller closes the stream. */
  java.util.stream.Stream<ProductId> catalogued();

  boolean isCatalogued(ProductId productId);
}
