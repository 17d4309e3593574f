package org.dpps.archive.storage.domain;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file of a stored AIP version: its logical path in the bag, its sha512 (the OCFL digest) and
 * where its bytes are on disk. (The sha256 is in the bag's own manifest-sha256.txt.)
 */
public record StoredFile(String logicalPath, String sha512, long size, Path location) {
  public StoredFile {
    Objects.requireNonNull(logicalPath, "logicalPath");
    Objects.requireNonNull(sha512, "sha512");
    Objects.requireNonNull(location, "location");
  }
}
