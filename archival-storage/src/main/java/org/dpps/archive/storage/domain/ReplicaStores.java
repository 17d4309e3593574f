package org.dpps.archive.storage.domain;

import java.nio.file.Path;

/** Port: opens (on first use creates) the storage root of a replica. */
public interface ReplicaStores {
  ReplicaStore open(Path root, Path workDir);
}
