package org.dpps.archive.storage.domain;

import java.util.Optional;
import org.dpps.archive.schemas.model.ProductId;

/**
 * Port: finds an archived product holding a file with the given sha512, so that ingest can link to
 * content already in the archive instead of storing it twice. Implemented by the catalogue.
 */
public interface ContentLookup {
  Optional<ProductId> productWithFile(String sha512);
}
