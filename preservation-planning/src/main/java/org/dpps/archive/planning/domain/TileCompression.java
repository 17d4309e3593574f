package org.dpps.archive.planning.domain;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Lossless tile compression of FITS images (the fpack/cfitsio convention) and its exact inverse.
 * Stateless and thread-safe.
 */
public interface TileCompression {
  /** Tool name and version for provenance, e.g. {@code "nom-tam-fits 1.20.0"}. */
  String libraryVersion();

  /**
   * Tile-compresses the images of a FITS file, losslessly.
   *
   * @param in a FITS file (plain, or gzip-compressed), not modified
   * @param out the file to write; created or truncated
   * @throws IOException if {@code in} is not a readable FITS file, {@code out} cannot be written or
   *     is {@code in}
   */
  void compress(Path in, Path out) throws IOException;

  /**
   * Decompresses the tile-compressed images and tables of a FITS file: the exact inverse of {@link
   * #compress}, and also able to expand fpack's output (lossless or not).
   *
   * @param in a FITS file (plain, or gzip-compressed), not modified
   * @param out the file to write; created or truncated
   * @throws IOException if {@code in} is not a readable FITS file, {@code out} cannot be written or
   *     is {@code in}
   */
  void decompress(Path in, Path out) throws IOException;
}
