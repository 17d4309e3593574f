package org.dpps.archive.storage.api;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpps.archive.platform.signing.Sealer;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipVersion;

/**
 * What the other modules may ask of Archival Storage: read stored AIP versions, commit new ones
 * (atomically, on every replica, verified and announced), catch a product's replicas up, and the
 * seal key AIPs are signed with. Everything else in archival-storage is its own business.
 */
public interface Storage {
  /** The head version of a product, if it is stored. */
  Optional<AipVersion> head(ProductId productId);

  /** A given version of a product, if it exists. */
  Optional<AipVersion> version(ProductId productId, int version);

  /** Every stored product. The caller must close the stream. */
  Stream<ProductId> productIds();

  /** Commits the AIP and announces it; returns the version number written. */
  int commit(AipCommit commit);

  /**
   * Commits each AIP and announces them all; returns the version numbers written, in order. If a
   * replica is down, every AIP is committed to the others and REPLICA_UNAVAILABLE is thrown: retry
   * with {@link #ensureReplicated} once it is back.
   */
  List<Integer> commitAll(List<AipCommit> commits);

  /** Brings every available replica up to the newest head of the product. */
  void ensureReplicated(ProductId productId);

  /** The archive's seal key. */
  Sealer sealer();

  /** The names of the configured replicas, in order of preference for reads. */
  List<String> replicaNames();

  /** The names of the replicas that are down now. */
  List<String> unavailableReplicas();
}
