package org.dpps.archive.schemas.metadata;

import static org.dpps.archive.schemas.metadata.FitsHeaderScanner.invalid;

import java.util.Map;

/**
 * Size of a FITS data unit (without padding) from the mandatory keywords of its header ({@code
 * BITPIX}, {@code NAXIS}, {@code NAXISn}, and {@code PCOUNT}/{@code GCOUNT} for extensions and
 * random groups), so that {@link FitsHeaderScanner} can skip it unread. Malformed, missing or
 * overflowing values are refused as {@link
 * org.dpps.archive.platform.error.ErrorCode#FORMAT_INVALID}.
 */
final class FitsDataSize {

  private FitsDataSize() {}

  /** Bytes of the data unit (without padding) from the mandatory keywords. */
  static long dataSize(Map<String, String> h, boolean primary, int index, String name) {
    String first = primary ? "SIMPLE" : "XTENSION";
    if (!h.containsKey(first)) {
      throw invalid("HDU " + index + " lacks its " + first + " card", name, null);
    }
    long bitpix = mandatory(h, "BITPIX", index, name);
    if (bitpix != 8
        && bitpix != 16
        && bitpix != 32
        && bitpix != 64
        && bitpix != -32
        && bitpix != -64) {
      throw invalid("HDU " + index + " has an invalid BITPIX " + bitpix, name, null);
    }
    long naxis = mandatory(h, "NAXIS", index, name);
    if (naxis < 0 || naxis > 999) {
      throw invalid("HDU " + index + " has an invalid NAXIS " + naxis, name, null);
    }
    if (naxis == 0) {
      return 0;
    }
    long[] axes = new long[(int) naxis];
    for (int i = 0; i < naxis; i++) {
      axes[i] = mandatory(h, "NAXIS" + (i + 1), index, name);
      if (axes[i] < 0) {
        throw invalid("HDU " + index + " has a negative NAXIS" + (i + 1), name, null);
      }
    }
    boolean groups =
        primary && axes[0] == 0 && "T".equalsIgnoreCase(h.getOrDefault("GROUPS", "F").strip());
    long pcount = optional(h, "PCOUNT", 0, index, name);
    long gcount = optional(h, "GCOUNT", 1, index, name);
    if (pcount < 0 || gcount < 0) {
      throw invalid("HDU " + index + " has a negative PCOUNT or GCOUNT", name, null);
    }
    try {
      long product = 1;
      for (int i = groups ? 1 : 0; i < naxis; i++) {
        product = Math.multiplyExact(product, axes[i]);
      }
      if (primary && !groups) {
        pcount = 0;
        gcount = 1;
      }
      long elements = Math.multiplyExact(gcount, Math.addExact(pcount, product));
      return Math.multiplyExact(elements, Math.abs(bitpix) / 8);
    } catch (ArithmeticException e) {
      throw invalid("HDU " + index + " declares an impossible data size", name, e);
    }
  }

  private static long mandatory(Map<String, String> h, String key, int index, String name) {
    String v = h.get(key);
    if (v == null) {
      throw invalid("HDU " + index + " lacks the mandatory " + key + " card", name, null);
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw invalid("HDU " + index + " has a non-integer " + key + " '" + v + "'", name, e);
    }
  }

  private static long optional(
      Map<String, String> h, String key, long dflt, int index, String name) {
    return h.containsKey(key) ? mandatory(h, key, index, name) : dflt;
  }
}
