package org.dpps.archive.schemas.provenance;

import java.util.Objects;
import java.util.Optional;

/**
 * One input or output file of a ctapipe activity.
 *
 * @param url the file as ctapipe recorded it (usually an absolute path on the processing host)
 * @param role the role ctapipe gave it (for example {@code DL1/Event}), if any
 * @param productId the {@code CTA PRODUCT ID} of its reference metadata, if ctapipe recorded it
 */
public record FileRef(String url, Optional<String> role, Optional<String> productId) {
  public FileRef {
    Objects.requireNonNull(url, "url");
    if (url.isBlank()) {
      throw new IllegalArgumentException("url must not be blank");
    }
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(productId, "productId");
  }
}
