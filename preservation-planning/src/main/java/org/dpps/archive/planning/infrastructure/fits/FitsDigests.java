package org.dpps.archive.planning.infrastructure.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
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
 * <p>An image digests as its array of stored values, which for an uncompressed image is exactly its
 * data unit without padding. A table digests row by row, column by column, each element as nom-tam
 * returns it: numbers big-endian, logicals as 'T'/'F' bytes, strings as their length (4 bytes) and
 * ISO-8859-1 bytes, variable-length arrays preceded by their length.
 */
final class FitsDigests {

  /** Digest of no data (header-only HDUs). */
  static final String EMPTY = hex(sha256());

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

  /** Digest of an array (any dimensions) of primitive values. */
  static String array(Object kernel) throws IOException {
    MessageDigest digest = sha256();
    try (FitsOutputStream out = stream(digest)) {
      out.writeArray(kernel);
    }
    return hex(digest);
  }

  /** Digest of any other data (random groups, unknown extensions), element by element. */
  static String values(Object kernel) throws IOException {
    MessageDigest digest = sha256();
    try (FitsOutputStream out = stream(digest)) {
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
    try (FitsOutputStream out = stream(digest)) {
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
    } else if (e instanceof Boolean[] || e.getClass().isArray() && isPrimitiveArray(e)) {
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
      out.writeFloat(f);
    } else if (e instanceof Double d) {
      out.writeDouble(d);
    } else if (e instanceof Character ch) {
      out.writeByte(ch);
    } else if (e instanceof ComplexValue z) {
      out.writeDouble(z.re());
      out.writeDouble(z.im());
    } else {
      throw new IOException("cannot digest a table element of type " + e.getClass().getName());
    }
  }

  private static boolean isPrimitiveArray(Object array) {
    Class<?> c = array.getClass();
    while (c.isArray()) {
      c = c.getComponentType();
    }
    return c.isPrimitive();
  }

  private static FitsOutputStream stream(MessageDigest digest) {
    return new FitsOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
  }
}
