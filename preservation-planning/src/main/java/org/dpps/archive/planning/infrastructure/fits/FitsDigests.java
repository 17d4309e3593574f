package org.dpps.archive.planning.infrastructure.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import nom.tam.fits.FitsException;
import nom.tam.fits.TableData;
import nom.tam.util.ComplexValue;
import nom.tam.util.FitsOutputStream;

/**
 * SHA-256 digests of decoded FITS data, serialised in FITS (big-endian) order: the data analogue of
 * DATASUM that does not depend on how the data are stored (plain or tile-compressed).
 *
 * <p>An image digests as its array of stored values, which for an uncompressed image is its data
 * unit without padding. A table digests row by row, column by column, each element as nom-tam
 * returns it: numbers big-endian, logicals as 'T'/'F' bytes, strings as their length (4 bytes) and
 * ISO-8859-1 bytes, variable-length arrays preceded by their length. Every IEEE NaN (an undefined
 * value in FITS, whatever its bit pattern) digests as the canonical NaN ({@code 7fc00000}, {@code
 * 7ff8000000000000}): cfitsio, for one, rewrites NaN payloads.
 */
final class FitsDigests {

  /** Digest of no data (header-only HDUs). */
  static final String EMPTY = hex(sha256());

  private static final int FLOAT_NAN = 0x7fc00000;
  private static final long DOUBLE_NAN = 0x7ff8000000000000L;

  private FitsDigests() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * A stream of big-endian image values into a digest, canonicalising NaNs of floating-point
   * images.
   */
  static OutputStream imageSink(MessageDigest digest, int bitpix) {
    return new CanonicalNan(digest, bitpix < 0 ? -bitpix / 8 : 0);
  }

  /** Digest of an image's array (any dimensions) of values. */
  static String image(Object kernel, int bitpix) throws IOException {
    MessageDigest digest = sha256();
    try (FitsOutputStream out = new FitsOutputStream(imageSink(digest, bitpix))) {
      out.writeArray(kernel);
    }
    return hex(digest);
  }

  /** Digest of any other data (random groups, unknown extensions), element by element. */
  static String values(Object kernel) throws IOException {
    MessageDigest digest = sha256();
    try (FitsOutputStream out = new FitsOutputStream(imageSink(digest, 0))) {
      element(out, kernel);
    }
    return hex(digest);
  }

  /**
   * Digest of the values of a table.
   *
   * @param variable for each column, whether it holds variable-length arrays
   */
  static String table(TableData table, boolean[] variable) throws IOException, FitsException {
    MessageDigest digest = sha256();
    try (FitsOutputStream out = new FitsOutputStream(imageSink(digest, 0))) {
      int rows = table.getNRows();
      int cols = table.getNCols();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          Object element = table.getElement(r, c);
          if (variable[c]) {
            out.writeInt(element == null ? -1 : lengthOf(element));
          }
          element(out, element);
        }
      }
    }
    return hex(digest);
  }

  private static int lengthOf(Object element) {
    if (element instanceof String s) {
      return s.length();
    }
    return element.getClass().isArray() ? Array.getLength(element) : 1;
  }

  private static void element(FitsOutputStream out, Object e) throws IOException {
    if (e == null) {
      out.writeInt(-1);
    } else if (e instanceof String s) {
      byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
      out.writeInt(bytes.length);
      out.write(bytes);
    } else if (e instanceof float[] values) {
      for (float v : values) {
        out.writeInt(Float.floatToIntBits(v)); // canonical NaN
      }
    } else if (e instanceof double[] values) {
      for (double v : values) {
        out.writeLong(Double.doubleToLongBits(v)); // canonical NaN
      }
    } else if (e instanceof Boolean[] || e.getClass().isArray() && isNonFloatPrimitiveArray(e)) {
      out.writeArray(e);
    } else if (e instanceof Object[] array) {
      for (Object x : array) {
        element(out, x);
      }
    } else if (e instanceof Boolean b) {
      out.writeByte(b ? 'T' : 'F');
    } else if (e instanceof Byte b) {
      out.writeByte(b);
    } else if (e instanceof Short s) {
      out.writeShort(s);
    } else if (e instanceof Integer i) {
      out.writeInt(i);
    } else if (e instanceof Long l) {
      out.writeLong(l);
    } else if (e instanceof Float f) {
      out.writeInt(Float.floatToIntBits(f));
    } else if (e instanceof Double d) {
      out.writeLong(Double.doubleToLongBits(d));
    } else if (e instanceof Character ch) {
      out.writeByte(ch);
    } else if (e instanceof ComplexValue z) {
      out.writeLong(Double.doubleToLongBits(z.re()));
      out.writeLong(Double.doubleToLongBits(z.im()));
    } else {
      throw new IOException("cannot digest a data element of type " + e.getClass().getName());
    }
  }

  private static boolean isNonFloatPrimitiveArray(Object array) {
    Class<?> c = array.getClass();
    while (c.isArray()) {
      c = c.getComponentType();
    }
    return c.isPrimitive() && c != float.class && c != double.class;
  }

  /**
   * Feeds bytes to a digest; for floating-point data ({@code size} 4 or 8) every big-endian element
   * that is a NaN is replaced by the canonical NaN.
   */
  private static final class CanonicalNan extends OutputStream {
    private static final int CHUNK = 1 << 16;

    private final MessageDigest digest;
    private final int size;
    private final byte[] element;
    private final byte[] chunk;
    private int filled;

    CanonicalNan(MessageDigest digest, int size) {
      this.digest = digest;
      this.size = size;
      this.element = new byte[Math.max(size, 1)];
      this.chunk = size == 0 ? new byte[0] : new byte[CHUNK];
    }

    @Override
    public void write(int b) {
      if (size == 0) {
        digest.update((byte) b);
        return;
      }
      element[filled++] = (byte) b;
      if (filled == size) {
        canonicalise(element, 0);
        digest.update(element, 0, size);
        filled = 0;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (size == 0) {
        digest.update(b, off, len);
        return;
      }
      while (len > 0 && filled > 0) {
        write(b[off++]);
        len--;
      }
      while (len >= size) {
        int n = Math.min(chunk.length, len / size * size);
        System.arraycopy(b, off, chunk, 0, n);
        for (int i = 0; i < n; i += size) {
          canonicalise(chunk, i);
        }
        digest.update(chunk, 0, n);
        off += n;
        len -= n;
      }
      while (len > 0) {
        write(b[off++]);
        len--;
      }
    }

    private void canonicalise(byte[] b, int i) {
      if (size == 4) {
        int bits =
            (b[i] & 0xff) << 24
                | (b[i + 1] & 0xff) << 16
                | (b[i + 2] & 0xff) << 8
                | b[i + 3] & 0xff;
        if (Float.isNaN(Float.intBitsToFloat(bits)) && bits != FLOAT_NAN) {
          for (int k = 0; k < 4; k++) {
            b[i + k] = (byte) (FLOAT_NAN >>> (24 - 8 * k));
          }
        }
      } else if (size == 8) {
        long bits = 0;
        for (int k = 0; k < 8; k++) {
          bits = bits << 8 | (b[i + k] & 0xff);
        }
        if (Double.isNaN(Double.longBitsToDouble(bits)) && bits != DOUBLE_NAN) {
          for (int k = 0; k < 8; k++) {
            b[i + k] = (byte) (DOUBLE_NAN >>> (56 - 8 * k));
          }
        }
      }
    }
  }
}
