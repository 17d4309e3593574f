package org.dpps.archive.storage.domain;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A file of a stored AIP version: its logical path in the bag, its sha512 (the OCFL digest), the
 * sha256 recorded as OCFL fixity if any, and where its bytes are on disk.
 */
public record StoredFile(
    String logicalPath, String sha512, Optional<String> sha256, long size, Path location) {
  public StoredFile {
    Objects.requireNonNull(logicalPath, "logicalPath");
    Objects.requireNonNull(sha512, "sha512");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(location, "location");
  }
}
