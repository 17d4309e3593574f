package org.dpps.archive.storage.domain;

import java.nio.file.Path;
import java.util.Objects;
import org.dpps.archive.schemas.model.FileDigests;

/**
 * One file of an AIP about to be committed: its path inside the bag, where its bytes are now, and
 * the digests computed while those bytes were copied (storage does not hash them again).
 */
public record AipFile(String logicalPath, Path source, long size, FileDigests digests) {
  public AipFile {
    Objects.requireNonNull(logicalPath, "logicalPath");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(digests, "digests");
    if (logicalPath.isEmpty() || logicalPath.startsWith("/") || logicalPath.contains("..")) {
      throw new IllegalArgumentException("Invalid logical path " + logicalPath);
    }
    if (size < 0) {
      throw new IllegalArgumentException("Negative size");
    }
  }
}
