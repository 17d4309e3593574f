package org.dpps.archive.storage.domain;

import java.util.List;
import java.util.Objects;
import org.dpps.archive.schemas.model.ProductId;

/**
 * A complete AIP bag to commit as the next version of a product's object. The version holds exactly
 * these files; the sources are moved into storage. {@code expectedVersion} (0: any) is the version
 * number the bag was written for: if the object's head moved on meanwhile, the commit is refused
 * with STORAGE-007 instead of storing a bag that names the wrong version.
 */
public record AipCommit(
    ProductId productId, List<AipFile> files, String message, String agent, int expectedVersion) {
  public AipCommit {
    Objects.requireNonNull(productId, "productId");
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("An AIP version needs files");
    }
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(agent, "agent");
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("Negative expected version");
    }
  }

  public AipCommit(ProductId productId, List<AipFile> files, String message, String agent) {
    this(productId, files, message, agent, 0);
  }
}
