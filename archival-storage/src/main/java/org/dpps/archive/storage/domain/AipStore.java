package org.dpps.archive.storage.domain;

import java.util.Optional;
import java.util.stream.Stream;
import org.dpps.archive.schemas.model.ProductId;

/** Port to a versioned storage root holding one object per product. */
public interface AipStore {

  /**
   * Commits the files as the next version of the product's object, atomically: either the whole
   * version becomes visible or nothing does.
   *
   * @return the number of the version written
   * @throws org.dpps.archive.platform.error.ArchiveException STORAGE_FAILURE or
   *     INSUFFICIENT_STORAGE
   */
  int commit(AipCommit commit);

  /** The head version of a product, if the product is stored. */
  Optional<AipVersion> head(ProductId productId);

  /** A given version of a product, if it exists. */
  Optional<AipVersion> version(ProductId productId, int version);

  /** Every product in the storage root. The caller must close the stream. */
  Stream<ProductId> productIds();
}
