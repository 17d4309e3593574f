package org.dpps.archive.planning.domain;

import java.io.IOException;
import java.nio.file.Path;

/** Reads the profile facts of a FITS file from its headers. Stateless and thread-safe. */
public interface FitsProfiling {
  /**
   * Profiles a FITS file from its headers.
   *
   * @param file a FITS file, plain or gzip-compressed
   * @return the tags found and the number of HDUs
   * @throws IOException if the file cannot be read, is not FITS, or is truncated
   */
  FitsProfile profile(Path file) throws IOException;
}
