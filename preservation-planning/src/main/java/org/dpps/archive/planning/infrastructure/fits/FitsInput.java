package org.dpps.archive.planning.infrastructure.fits;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Data;
import nom.tam.fits.FitsFactory;
import nom.tam.fits.FitsUtil;
import nom.tam.fits.Header;
import nom.tam.fits.PaddingException;
import nom.tam.fits.header.Standard;
import nom.tam.util.ArrayDataInput;
import nom.tam.util.FitsFile;
import nom.tam.util.FitsInputStream;

/**
 * Sequential HDU reader over a plain FITS file (random access: data units are skipped by seeking
 * and read lazily by nom-tam-fits) or a gzip-compressed one (a stream: data units are skipped by
 * decompressing them, or read into memory). Only one HDU is held at a time: the caller calls {@link
 * #nextHeader()} and then either {@link #skipData(Header)} or {@link #readHdu(Header)}.
 *
 * <p>Every failure, including runtime exceptions thrown by nom-tam-fits on malformed input, is
 * reported as an {@link IOException} naming the file.
 */
final class FitsInput implements Closeable {

  private static final int BUFFER = 1 << 16;
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final byte[] SIMPLE = "SIMPLE  =".getBytes(StandardCharsets.US_ASCII);

  private final Path file;
  private final ArrayDataInput in;
  private final FitsFile randomAccess;
  private final long length;
  private int headers;
  private boolean ended;

  /**
   * Random access: where the next header starts. Deferred data that nom-tam-fits loads later move
   * the file pointer, so every header is read from its recorded position.
   */
  private long next;

  private FitsInput(Path file, ArrayDataInput in, FitsFile randomAccess, long length) {
    this.file = file;
    this.in = in;
    this.randomAccess = randomAccess;
    this.length = length;
  }

  /** Opens a plain or gzip-compressed FITS file (detected by its magic bytes) for reading. */
  static FitsInput open(Path file) throws IOException {
    long length = Files.size(file);
    if (length == 0) {
      throw new IOException(file + " is not a FITS file: it is empty");
    }
    boolean gzip = isGzip(file);
    if (!startsLikeFits(file, gzip)) {
      throw new IOException(file + " is not a FITS file: it does not start with SIMPLE");
    }
    if (gzip) {
      InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
      try {
        return new FitsInput(
            file, new FitsInputStream(new GZIPInputStream(raw, BUFFER), BUFFER), null, length);
      } catch (IOException | RuntimeException e) {
        raw.close();
        throw new IOException(file + " is not a readable gzip file: " + e.getMessage(), e);
      }
    }
    FitsFile ff = new FitsFile(file.toFile(), "r");
    return new FitsInput(file, ff, ff, length);
  }

  /** Checks the first bytes before nom-tam-fits (which logs warnings about "junk") sees them. */
  private static boolean startsLikeFits(Path file, boolean gzip) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream s = gzip ? new GZIPInputStream(raw) : raw) {
      byte[] first = s.readNBytes(SIMPLE.length);
      return Arrays.equals(first, SIMPLE);
    } catch (IOException e) {
      throw new IOException(
          file + " is not readable" + (gzip ? " as gzip" : "") + ": " + e.getMessage(), e);
    }
  }

  private static boolean isGzip(Path file) throws IOException {
    try (InputStream s = Files.newInputStream(file)) {
      return s.read() == GZIP_MAGIC_1 && s.read() == GZIP_MAGIC_2;
    }
  }

  /** Whether the file is gzip-compressed FITS. */
  boolean isGzip() {
    return randomAccess == null;
  }

  /**
   * Reads the next header.
   *
   * @return the header, or {@code null} after the last HDU (bytes after the last HDU that do not
   *     form a header are ignored, as nom-tam-fits does)
   * @throws IOException if the file is empty, does not start with a FITS primary header, or a
   *     header is truncated
   */
  Header nextHeader() throws IOException {
    if (ended) {
      return null;
    }
    boolean primary = headers == 0;
    if (!primary && randomAccess != null) {
      if (next >= length) {
        ended = true;
        return null;
      }
      randomAccess.seek(next);
    }
    Header header;
    try {
      header = Header.readHeader(in);
    } catch (EOFException e) {
      if (primary) {
        throw new IOException(file + " is not a FITS file: " + e.getMessage(), e);
      }
      throw new IOException(file + " is truncated in the header of HDU " + headers, e);
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          file + " has an unreadable header in HDU " + headers + ": " + e.getMessage(), e);
    }
    if (header == null) {
      if (primary) {
        throw new IOException(file + " is not a FITS file: no primary header");
      }
      ended = true;
      return null;
    }
    if (primary && !header.containsKey(Standard.SIMPLE)) {
      throw new IOException(file + " is not a FITS file: it does not start with SIMPLE");
    }
    if (!primary && !header.containsKey(Standard.XTENSION)) {
      throw new IOException(file + " has an extension without XTENSION (HDU " + headers + ")");
    }
    headers++;
    return header;
  }

  /** Skips the data unit of the header just read, without reading it into memory. */
  void skipData(Header header) throws IOException {
    long bytes = dataBytes(header);
    long padded = FitsUtil.addPadding(bytes);
    if (randomAccess != null) {
      long pos = randomAccess.getFilePointer();
      if (bytes > length - pos) {
        throw truncated(bytes);
      }
      next = Math.min(pos + padded, length); // missing final padding is tolerated
      randomAccess.seek(next);
      return;
    }
    try {
      in.skipAllBytes(bytes);
    } catch (EOFException e) {
      throw truncated(bytes);
    }
    long pad = padded - bytes;
    while (pad > 0) {
      long skipped = in.skip(pad);
      if (skipped <= 0) {
        break; // missing final padding is tolerated
      }
      pad -= skipped;
    }
  }

  /**
   * Reads the data unit of the header just read and builds its HDU. From a plain file the data are
   * deferred (read when first used); from a gzip stream they are read now.
   */
  BasicHDU<?> readHdu(Header header) throws IOException {
    long bytes = dataBytes(header);
    if (randomAccess != null && bytes > length - randomAccess.getFilePointer()) {
      throw truncated(bytes);
    }
    try {
      Data data = FitsFactory.dataFactory(header);
      long start = randomAccess == null ? 0 : randomAccess.getFilePointer();
      try {
        data.read(in);
      } catch (PaddingException e) {
        // the data are complete, only the final padding is missing: tolerated
      }
      if (randomAccess != null) {
        next = Math.min(start + FitsUtil.addPadding(bytes), length);
      }
      return FitsFactory.hduFactory(header, data);
    } catch (RuntimeException e) {
      throw new IOException(
          file + ": cannot read the data of HDU " + (headers - 1) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Feeds the raw bytes of a deferred (not yet loaded) data unit into a digest, in bounded memory.
   *
   * @return {@code false} if the data are not deferred or the file is not random access; nothing is
   *     digested then
   */
  boolean copyRawData(Data data, long bytes, OutputStream sink) throws IOException {
    if (randomAccess == null || !data.isDeferred()) {
      return false;
    }
    long resume = randomAccess.getFilePointer();
    try {
      randomAccess.seek(data.getFileOffset());
      byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(bytes, 1))];
      long left = bytes;
      while (left > 0) {
        int n = (int) Math.min(buffer.length, left);
        randomAccess.readFully(buffer, 0, n);
        sink.write(buffer, 0, n);
        left -= n;
      }
    } finally {
      randomAccess.seek(resume);
    }
    return true;
  }

  private IOException truncated(long bytes) {
    return new IOException(
        file
            + " is truncated: the data unit of HDU "
            + (headers - 1)
            + " ("
            + bytes
            + " bytes) extends beyond the end of the file");
  }

  /**
   * Size in bytes of the data unit declared by a header, without padding (FITS standard 4.4.1:
   * |BITPIX|/8 x GCOUNT x (PCOUNT + NAXIS1 x ... x NAXISn), random groups without NAXIS1).
   */
  static long dataBytes(Header header) throws IOException {
    try {
      int naxis = header.getIntValue(Standard.NAXIS, 0);
      if (naxis <= 0) {
        return 0;
      }
      boolean primary = header.containsKey(Standard.SIMPLE);
      boolean groups =
          primary
              && header.getBooleanValue(Standard.GROUPS, false)
              && header.getLongValue(Standard.NAXISn.n(1), 0) == 0;
      long elements = 1;
      for (int i = groups ? 2 : 1; i <= naxis; i++) {
        long axis = header.getLongValue(Standard.NAXISn.n(i), 0);
        if (axis < 0) {
          throw new IOException("negative NAXIS" + i);
        }
        elements = Math.multiplyExact(elements, axis);
      }
      long pcount = 0;
      long gcount = 1;
      if (!primary || groups) {
        pcount = header.getLongValue(Standard.PCOUNT, 0);
        gcount = header.getLongValue(Standard.GCOUNT, 1);
      }
      long bytesPerElement = Math.abs(header.getIntValue(Standard.BITPIX, 0)) / 8;
      return Math.multiplyExact(
          bytesPerElement, Math.multiplyExact(gcount, Math.addExact(pcount, elements)));
    } catch (ArithmeticException e) {
      throw new IOException("impossible data size declared in a FITS header", e);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
