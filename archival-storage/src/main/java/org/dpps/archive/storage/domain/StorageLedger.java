package org.dpps.archive.storage.domain;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.dpps.archive.schemas.model.ProductId;

/**
 * Port: what the archive records about its storage roots outside them: the replicas it has
 * initialised (a root that was initialised once and vanished is down, never re-created empty) and
 * the versions being written (an intent outlives a crash in the middle of a write).
 */
public interface StorageLedger {
  Set<String> initialisedReplicas();

  void replicaInitialised(String name, Path root, Instant at);

  /** A version of a product is about to be written to a replica. */
  void writing(ProductId productId, String replica, int version, Instant at);

  /** The write is over (committed and verified, or rolled back). */
  void written(ProductId productId, String replica, int version);

  /** Writes that never finished. */
  List<WriteIntent> unfinishedWrites();

  /** A version being written to a replica. */
  record WriteIntent(String productId, String replica, int version) {}
}
