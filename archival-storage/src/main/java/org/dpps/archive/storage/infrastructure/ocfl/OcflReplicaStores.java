package org.dpps.archive.storage.infrastructure.ocfl;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.dpps.archive.storage.domain.ReplicaStore;
import org.dpps.archive.storage.domain.ReplicaStores;

/** Replicas are OCFL 1.1 storage roots written with ocfl-java. */
@ApplicationScoped
public class OcflReplicaStores implements ReplicaStores {
  @Override
  public ReplicaStore open(Path root, Path workDir) {
    return new OcflAipStore(root, workDir);
  }
}
