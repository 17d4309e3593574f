package org.dpps.archive.storage.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.dpps.archive.schemas.model.ProductId;

/** One stored version of a product's AIP, as its OCFL inventory describes it. */
public record AipVersion(
    ProductId productId,
    int version,
    int headVersion,
    Instant created,
    String message,
    Map<String, StoredFile> files) {
  public AipVersion {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(created, "created");
    files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
  }

  public Optional<StoredFile> file(String logicalPath) {
    return Optional.ofNullable(files.get(logicalPath));
  }

  /** The payload files (under {@code data/}) keyed by their path inside {@code data/}. */
  public Map<String, StoredFile> payload() {
    Map<String, StoredFile> payload = new TreeMap<>();
    files.forEach(
        (path, file) -> {
          if (path.startsWith("data/")) {
            payload.put(path.substring("data/".length()), file);
          }
        });
    return payload;
  }
}
