package org.dpps.archive.storage.application;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads a stored file once under an I/O budget and returns its digest. */
final class FixityReader {
  private static final int BUFFER = 1 << 20;
  private static final ThreadLocal<byte[]> BUFFERS =
      ThreadLocal.withInitial(() -> new byte[BUFFER]);

  private FixityReader() {}

  static String digest(Path file, String jcaAlgorithm, IoBudget budget) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(jcaAlgorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = BUFFERS.get();
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
        budget.acquire(n);
        md.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
