package org.dpps.archive.access.interfaces.rest;

import java.util.Optional;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/** One byte range of a {@code Range: bytes=...} header (RFC 9110), resolved against a length. */
record ByteRange(long start, long end) {

  long length() {
    return end - start + 1;
  }

  /**
   * Parses a single-range header. Empty when there is no (usable) header: the whole file is sent.
   * Several ranges are not supported and yield the whole file, as RFC 9110 allows.
   */
  static Optional<ByteRange> parse(String header, long size) {
    if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
      return Optional.empty();
    }
    String spec = header.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    try {
      String first = spec.substring(0, dash).trim();
      String last = spec.substring(dash + 1).trim();
      long start;
      long end;
      if (first.isEmpty()) {
        long suffix = Long.parseLong(last);
        if (suffix <= 0) {
          throw unsatisfiable(size);
        }
        start = Math.max(0, size - suffix);
        end = size - 1;
      } else {
        start = Long.parseLong(first);
        end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
      }
      if (start >= size || start > end || start < 0) {
        throw unsatisfiable(size);
      }
      return Optional.of(new ByteRange(start, end));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static ArchiveException unsatisfiable(long size) {
    return new ArchiveException(ErrorCode.RANGE_NOT_SATISFIABLE, "The file has " + size + " bytes");
  }
}
