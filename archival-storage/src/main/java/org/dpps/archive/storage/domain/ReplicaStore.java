package org.dpps.archive.storage.domain;

import java.nio.file.Path;
import java.util.List;
import org.dpps.archive.schemas.model.ProductId;

/**
 * Port to one replica's storage root: the {@link AipStore} operations and what replication, repair,
 * audits and crash recovery need of it.
 */
public interface ReplicaStore extends AipStore, AutoCloseable {
  Path root();

  /** The work directory of this root (versions and repairs being written; same volume). */
  Path workDir();

  /** The directory of the product's object (whether or not it exists). */
  Path objectRoot(ProductId productId);

  /** The head version of the product, 0 if it is not stored. */
  int headVersion(ProductId productId);

  /** Forgets what is cached about the object (after its files were changed underneath). */
  void invalidate(ProductId productId);

  /**
   * The structural problems of the object (inventories, sidecars, content files); empty if none.
   */
  List<String> validateStructure(ProductId productId);

  /**
   * Copies version {@code version} of the product from {@code source} (a store of the same kind)
   * into this store, byte for byte, as this store's next version.
   */
  void importVersionFrom(ReplicaStore source, ProductId productId, int version);

  /** Undoes the versions after {@code version} (purges the object if {@code version} is 0). */
  void rollbackTo(ProductId productId, int version);

  /**
   * Moves version directories a crash left behind beyond the head to {@code quarantine}; returns
   * where they went.
   */
  List<Path> removeUncommittedVersions(ProductId productId, Path quarantine);

  @Override
  void close();
}
