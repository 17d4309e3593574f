package org.dpps.archive.storage.domain;

import java.util.List;
import java.util.Objects;
import org.dpps.archive.schemas.model.ProductId;

/**
 * A complete AIP bag to commit as the next version of a product's object. The version holds exactly
 * these files; the sources are moved into storage.
 */
public record AipCommit(ProductId productId, List<AipFile> files, String message, String agent) {
  public AipCommit {
    Objects.requireNonNull(productId, "productId");
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("An AIP version needs files");
    }
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(agent, "agent");
  }
}
