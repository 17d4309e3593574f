package org.dpps.archive.planning.infrastructure.fits;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.header.Checksum;
import nom.tam.fits.header.Compression;
import nom.tam.fits.header.IFitsHeader;
import nom.tam.fits.header.Standard;

/**
 * Classification of FITS keywords for tile compression: which keywords are structural, which belong
 * to the tiled image/table compression convention (FITS standard 4.0 section 10, taken from
 * nom-tam-fits' {@link Compression} keywords), and how a compressed header maps back to the header
 * of the uncompressed HDU.
 */
final class FitsKeywords {

  /** EXTNAME that cfitsio (fpack) gives a compressed primary array. */
  static final String COMPRESSED_IMAGE_EXTNAME = "COMPRESSED_IMAGE";

  /** Keywords that describe the layout of an HDU, or its checksums, rather than its content. */
  private static final Set<String> STRUCTURAL =
      Set.of(
          "SIMPLE",
          "XTENSION",
          "BITPIX",
          "NAXIS",
          "PCOUNT",
          "GCOUNT",
          "EXTEND",
          "END",
          "CHECKSUM",
          "DATASUM",
          "CHECKVER");

  private static final Pattern NAXIS_N = Pattern.compile("NAXIS[0-9]+");

  /** Column keywords of the binary table that holds a compressed image. */
  private static final Pattern TABLE_COLUMN_KEY =
      Pattern.compile(
          "(TTYPE|TFORM|TDIM|TUNIT|TSCAL|TZERO|TNULL|TDISP|TBCOL|TLMIN|TLMAX|TDMIN|TDMAX)[0-9]+");

  /** Keywords that describe the (compressed) storage of a compressed table's columns. */
  private static final Pattern TABLE_STORAGE_KEY = Pattern.compile("(TFORM|TBCOL)[0-9]+");

  /** Tile-compression keywords that are not in nom-tam-fits' list (names of quantization data). */
  private static final Set<String> EXTRA_COMPRESSION = Set.of("ZSCALE", "ZZERO");

  private static final List<CompressionKey> COMPRESSION = compressionKeys();

  private FitsKeywords() {}

  /** One keyword of the compression convention, with the pattern its (indexed) names match. */
  private record CompressionKey(Compression keyword, Pattern pattern, boolean indexed) {}

  private static List<CompressionKey> compressionKeys() {
    List<CompressionKey> keys = new ArrayList<>();
    for (Compression c : Compression.values()) {
      String key = c.key();
      boolean indexed = key.endsWith("n");
      String stem = indexed ? key.substring(0, key.length() - 1) : key;
      keys.add(
          new CompressionKey(
              c, Pattern.compile(Pattern.quote(stem) + (indexed ? "[0-9]+" : "")), indexed));
    }
    return List.copyOf(keys);
  }

  private static CompressionKey compressionKey(String key) {
    for (CompressionKey c : COMPRESSION) {
      if (c.pattern().matcher(key).matches()) {
        return c;
      }
    }
    return null;
  }

  /** Whether a keyword belongs to the tiled image or table compression convention. */
  static boolean isCompression(String key) {
    return EXTRA_COMPRESSION.contains(key) || compressionKey(key) != null;
  }

  /** Whether a keyword is structural (mandatory layout keywords, END, CHECKSUM, DATASUM). */
  static boolean isStructural(String key) {
    return STRUCTURAL.contains(key) || NAXIS_N.matcher(key).matches();
  }

  /** Whether a keyword describes the columns of a binary table (TFIELDS, THEAP, TTYPEn, ...). */
  static boolean isTableColumnKey(String key) {
    return "TFIELDS".equals(key) || "THEAP".equals(key) || TABLE_COLUMN_KEY.matcher(key).matches();
  }

  /**
   * Whether a keyword describes how a compressed table stores its columns (TFIELDS, THEAP, TFORMn,
   * TBCOLn): the original forms are kept in ZFORMn.
   */
  static boolean isTableStorageKey(String key) {
    return "TFIELDS".equals(key) || "THEAP".equals(key) || TABLE_STORAGE_KEY.matcher(key).matches();
  }

  /** Whether a card is the EXTNAME = 'COMPRESSED_IMAGE' that cfitsio adds. */
  static boolean isCompressedImageName(HeaderCard card) {
    return Standard.EXTNAME.key().equals(card.getKey())
        && card.getValue() != null
        && COMPRESSED_IMAGE_EXTNAME.equals(card.getValue().strip().toUpperCase(Locale.ROOT));
  }

  /** Whether a header carries checksums (CHECKSUM, DATASUM, or their compressed backups). */
  static boolean hasChecksum(Header header) {
    return header.containsKey(Checksum.CHECKSUM)
        || header.containsKey(Checksum.DATASUM)
        || header.containsKey(Compression.ZHECKSUM)
        || header.containsKey(Compression.ZDATASUM);
  }

  /**
   * The header of the uncompressed HDU described by a compressed image or table header: the cards
   * in their order, with the compression keywords that back up an original keyword (ZSIMPLE,
   * ZTENSION, ZBITPIX, ZNAXISn, ZFORMn, ...) renamed back, the other compression keywords and the
   * storage keywords of the compressed table dropped, as are EXTNAME = 'COMPRESSED_IMAGE' and
   * checksums (stale once decompressed). nom-tam-fits' own {@code getImageHeader()} is not used
   * because it drops EXTNAME and leaks TFIELDS.
   */
  static Header uncompressedHeader(Header compressed, boolean image) {
    Header out = new Header();
    var cursor = compressed.iterator();
    while (cursor.hasNext()) {
      HeaderCard card = cursor.next();
      String key = card.getKey();
      if ("END".equals(key)
          || isStructural(key)
          || (image ? isTableColumnKey(key) : isTableStorageKey(key))
          || isCompressedImageName(card)) {
        continue;
      }
      if (EXTRA_COMPRESSION.contains(key)) {
        continue;
      }
      CompressionKey c = compressionKey(key);
      if (c == null) {
        out.addLine(card.copy());
        continue;
      }
      IFitsHeader original = c.keyword().getUncompressedKey();
      if (original == null
          || c.keyword() == Compression.ZHECKSUM
          || c.keyword() == Compression.ZDATASUM) {
        continue;
      }
      String originalKey = original.key();
      if (c.indexed()) {
        originalKey =
            originalKey.substring(0, originalKey.length() - 1)
                + key.substring(c.keyword().key().length() - 1);
      }
      HeaderCard restored = card.copy();
      restored.changeKey(originalKey);
      out.addLine(restored);
    }
    return out;
  }
}
