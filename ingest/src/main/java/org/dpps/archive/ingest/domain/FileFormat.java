package org.dpps.archive.ingest.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * The identified format of a file: media type, a human name, and the PRONOM unique identifier where
 * one is known.
 */
public record FileFormat(String mediaType, String name, Optional<String> pronom) {
  public FileFormat {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pronom, "pronom");
  }

  public boolean isFits() {
    return mediaType.equals("application/fits");
  }

  public boolean isHdf5() {
    return mediaType.equals("application/x-hdf5");
  }
}
