package org.dpps.archive.planning.infrastructure.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;
import nom.tam.fits.AsciiTable;
import nom.tam.fits.AsciiTableHDU;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.ImageHDU;
import nom.tam.fits.header.Compression;
import nom.tam.fits.header.Standard;
import nom.tam.image.compression.hdu.CompressedImageHDU;
import nom.tam.image.compression.hdu.CompressedTableHDU;
import nom.tam.util.Cursor;

/**
 * Significant-property check of a FITS migration: same logical HDUs, same header values except
 * compression/structural/checksum keywords, same decoded data.
 *
 * <p>Each file is read as a list of <em>logical</em> HDUs: a tile-compressed image or table counts
 * as its decompressed form, and an empty primary HDU directly followed by a compressed image with
 * {@code ZSIMPLE = T} (fpack's convention for a compressed primary array) counts as that one
 * primary image. Logical HDUs are paired by position and compared on:
 *
 * <ul>
 *   <li>kind ({@code image}, {@code binary-table}, {@code ascii-table}, {@code header-only}, or
 *       {@code other} for random groups and unknown extensions);
 *   <li>element data type ({@code uint8}, {@code int16}, ... {@code float64} for images; the column
 *       types for tables) and dimensions (FITS order, NAXIS1 first, for images; columns and rows
 *       for tables);
 *   <li>the SHA-256 of the decoded data values in FITS big-endian order (images: the array of
 *       stored values, BSCALE/BZERO not applied; tables: the cell values row by row; see {@link
 *       HduSummary#dataSha256()});
 *   <li>header values, keyword by keyword, ignoring the structural keywords (SIMPLE, XTENSION,
 *       BITPIX, NAXIS, NAXISn, PCOUNT, GCOUNT, EXTEND, END), CHECKSUM and DATASUM, every keyword of
 *       the tile compression convention (ZIMAGE, ZTABLE, ZBITPIX, ZNAXIS, ZNAXISn, ZTILEn,
 *       ZCMPTYPE, ZNAMEn, ZVALn, ZQUANTIZ, ZDITHER0, ZSIMPLE, ZTENSION, ZEXTEND, ZPCOUNT, ZGCOUNT,
 *       ZHECKSUM, ZDATASUM, ZBLANK, ZSCALE, ZZERO, ZFORMn, ZCTYPn, ZMASKCMP, ZTHEAP, ZTILELEN,
 *       ZBLOCKED), {@code EXTNAME = 'COMPRESSED_IMAGE'} (added by cfitsio), the column keywords of
 *       the table that stores a compressed image and the storage keywords (TFIELDS, THEAP, TFORMn,
 *       TBCOLn) of a compressed table. Values compare semantically: numbers numerically ({@code 1}
 *       equals {@code 1.0E0}), logicals as logicals, strings without trailing blanks. COMMENT,
 *       HISTORY and blank-keyword cards compare as ordered lists of text per keyword, except
 *       cfitsio's two standard "FITS (Flexible Image Transport System) format is defined in..."
 *       comment lines.
 * </ul>
 *
 * <p>Both files are read HDU by HDU; memory is bounded by the largest decoded HDU. Stateless and
 * thread-safe.
 */
public final class FitsEquivalence {

  /** Kind of an image HDU with data. */
  public static final String IMAGE = "image";

  /** Kind of a binary table HDU. */
  public static final String BINARY_TABLE = "binary-table";

  /** Kind of an ASCII table HDU. */
  public static final String ASCII_TABLE = "ascii-table";

  /** Kind of an HDU without data. */
  public static final String HEADER_ONLY = "header-only";

  /** Kind of other HDUs (random groups, unknown extension types). */
  public static final String OTHER = "other";

  /** The comment lines cfitsio writes into every primary header it creates. */
  private static final Set<String> CFITSIO_BOILERPLATE =
      Set.of(
          "FITS (Flexible Image Transport System) format is defined in 'Astronomy",
          "and Astrophysics', volume 376, page 359; bibcode: 2001A&A...376..359H");

  private static final int SHORT_DIGEST = 12;

  private FitsEquivalence() {}

  /**
   * Outcome of a comparison.
   *
   * @param equivalent whether no difference was found
   * @param differences one short human-readable line per difference, e.g. {@code HDU 1 (EVENTS):
   *     header OBJECT 'Crab' != 'Crab Nebula'}
   * @param original the logical HDUs of the original file
   * @param migrated the logical HDUs of the migrated file
   */
  public record Report(
      boolean equivalent,
      List<String> differences,
      List<HduSummary> original,
      List<HduSummary> migrated) {

    /** Keeps unmodifiable copies; {@code equivalent} must mean no differences. */
    public Report {
      differences = List.copyOf(differences);
      original = List.copyOf(original);
      migrated = List.copyOf(migrated);
      if (equivalent != differences.isEmpty()) {
        throw new IllegalArgumentException("equivalent must be true exactly without differences");
      }
    }
  }

  /**
   * Significant properties of one logical HDU.
   *
   * @param index position among the logical HDUs (0 is the primary)
   * @param name EXTNAME without trailing blanks, or "" if none (or cfitsio's 'COMPRESSED_IMAGE')
   * @param kind {@code image}, {@code binary-table}, {@code ascii-table}, {@code header-only} or
   *     {@code other}
   * @param dataType images: {@code uint8}, {@code int16}, {@code int32}, {@code int64}, {@code
   *     float32} or {@code float64}; binary tables: the column types, e.g. {@code
   *     int32,float64,string[3],float32[2],var float32[]}; ASCII tables: the TFORMn; else ""
   * @param dimensions images: the axes, NAXIS1 first; tables: columns and rows; else empty
   * @param rows tables: the number of rows; else 0
   * @param dataSha256 SHA-256 (hex) of the decoded data values in FITS big-endian order: for images
   *     the stored values, i.e. the uncompressed data unit without padding; for tables each cell,
   *     row by row (numbers big-endian, logicals as T/F bytes, strings as 4-byte length and bytes,
   *     variable-length arrays preceded by their 4-byte length); every NaN (an undefined value,
   *     whatever its bit pattern) as the canonical NaN; the digest of nothing for header-only HDUs
   * @param headerCards number of header cards compared (structural, compression and checksum
   *     keywords excluded)
   */
  public record HduSummary(
      int index,
      String name,
      String kind,
      String dataType,
      List<Integer> dimensions,
      long rows,
      String dataSha256,
      int headerCards) {

    /** Keeps an unmodifiable copy of the dimensions. */
    public HduSummary {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(dataType, "dataType");
      Objects.requireNonNull(dataSha256, "dataSha256");
      dimensions = List.copyOf(dimensions);
    }
  }

  /**
   * Compares a FITS file with its migration.
   *
   * @param original the file before migration (plain or gzip-compressed FITS)
   * @param migrated the file after migration (plain or gzip-compressed FITS)
   * @return the report; {@link Report#equivalent()} if no significant property differs
   * @throws IOException if either file cannot be read or is not valid FITS
   */
  public static Report compare(Path original, Path migrated) throws IOException {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(migrated, "migrated");
    List<Logical> a = read(original);
    List<Logical> b = read(migrated);
    List<String> differences = new ArrayList<>();
    if (a.size() != b.size()) {
      differences.add("HDU count " + a.size() + " != " + b.size());
    }
    int common = Math.min(a.size(), b.size());
    for (int i = 0; i < common; i++) {
      compare(a.get(i), b.get(i), differences);
    }
    for (int i = common; i < a.size(); i++) {
      differences.add(label(a.get(i).summary(), null) + ": missing in the migrated file");
    }
    for (int i = common; i < b.size(); i++) {
      differences.add(label(b.get(i).summary(), null) + ": only in the migrated file");
    }
    return new Report(
        differences.isEmpty(),
        differences,
        a.stream().map(Logical::summary).toList(),
        b.stream().map(Logical::summary).toList());
  }

  // ---------------------------------------------------------------------------------------------
  // Comparison

  private static void compare(Logical a, Logical b, List<String> out) {
    HduSummary x = a.summary();
    HduSummary y = b.summary();
    String label = label(x, y);
    boolean comparable = true;
    if (!x.kind().equals(y.kind())) {
      out.add(label + ": kind " + x.kind() + " != " + y.kind());
      comparable = false;
    }
    if (!x.dataType().equals(y.dataType())) {
      out.add(label + ": data type " + x.dataType() + " != " + y.dataType());
      comparable = false;
    }
    if (!x.dimensions().equals(y.dimensions())) {
      out.add(label + ": dimensions " + x.dimensions() + " != " + y.dimensions());
      comparable = false;
    }
    if (comparable && !x.dataSha256().equals(y.dataSha256())) {
      out.add(
          label
              + ": data differ (sha256 "
              + shortDigest(x.dataSha256())
              + " != "
              + shortDigest(y.dataSha256())
              + ")");
    }
    Predicate<String> ignored = pairExclusions(a.compression(), b.compression());
    compareHeaders(label, a.cards(), b.cards(), ignored, out);
  }

  private static Predicate<String> pairExclusions(Compressed a, Compressed b) {
    Predicate<String> ignored = key -> false;
    if (a == Compressed.IMAGE || b == Compressed.IMAGE) {
      ignored = ignored.or(FitsKeywords::isTableColumnKey);
    }
    if (a == Compressed.TABLE || b == Compressed.TABLE) {
      ignored = ignored.or(FitsKeywords::isTableStorageKey);
    }
    return ignored;
  }

  private static void compareHeaders(
      String label, List<Card> a, List<Card> b, Predicate<String> ignored, List<String> out) {
    Map<String, List<Card>> values = new LinkedHashMap<>();
    Map<String, List<Card>> otherValues = new LinkedHashMap<>();
    Map<String, List<String>> texts = new LinkedHashMap<>();
    Map<String, List<String>> otherTexts = new LinkedHashMap<>();
    group(a, ignored, values, texts);
    group(b, ignored, otherValues, otherTexts);

    Set<String> keys = new LinkedHashSet<>(values.keySet());
    keys.addAll(otherValues.keySet());
    for (String key : keys) {
      List<Card> x = values.getOrDefault(key, List.of());
      List<Card> y = otherValues.getOrDefault(key, List.of());
      if (x.isEmpty()) {
        out.add(label + ": header " + key + " added (" + y.get(0).display() + ")");
      } else if (y.isEmpty()) {
        out.add(label + ": header " + key + " removed (was " + x.get(0).display() + ")");
      } else {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
          if (!sameValue(x.get(i).value(), y.get(i).value())) {
            out.add(
                label + ": header " + key + " " + x.get(i).display() + " != " + y.get(i).display());
          }
        }
        if (x.size() != y.size()) {
          out.add(label + ": header " + key + " occurs " + x.size() + " != " + y.size() + " times");
        }
      }
    }

    Set<String> commentary = new LinkedHashSet<>(texts.keySet());
    commentary.addAll(otherTexts.keySet());
    for (String key : commentary) {
      List<String> x = texts.getOrDefault(key, List.of());
      List<String> y = otherTexts.getOrDefault(key, List.of());
      String name = key.isEmpty() ? "blank-keyword" : key;
      if (x.size() != y.size()) {
        out.add(label + ": header " + name + " cards " + x.size() + " != " + y.size());
        continue;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!x.get(i).equals(y.get(i))) {
          out.add(
              label
                  + ": header "
                  + name
                  + " card "
                  + (i + 1)
                  + " '"
                  + x.get(i)
                  + "' != '"
                  + y.get(i)
                  + "'");
          break;
        }
      }
    }
  }

  private static void group(
      List<Card> cards,
      Predicate<String> ignored,
      Map<String, List<Card>> values,
      Map<String, List<String>> texts) {
    for (Card card : cards) {
      if (ignored.test(card.key())) {
        continue;
      }
      if (card.commentary()) {
        texts.computeIfAbsent(card.key(), k -> new ArrayList<>()).add((String) card.value());
      } else {
        values.computeIfAbsent(card.key(), k -> new ArrayList<>()).add(card);
      }
    }
  }

  private static boolean sameValue(Object x, Object y) {
    if (x instanceof BigDecimal p && y instanceof BigDecimal q) {
      return p.compareTo(q) == 0;
    }
    return Objects.equals(x, y);
  }

  private static String label(HduSummary x, HduSummary y) {
    String name = x.name();
    if (name.isEmpty() && y != null) {
      name = y.name();
    }
    return "HDU " + x.index() + (name.isEmpty() ? "" : " (" + name + ")");
  }

  private static String shortDigest(String hex) {
    return hex.length() <= SHORT_DIGEST ? hex : hex.substring(0, SHORT_DIGEST) + "..";
  }

  // ---------------------------------------------------------------------------------------------
  // Reading logical HDUs

  /** How a logical HDU is stored. */
  private enum Compressed {
    NONE,
    IMAGE,
    TABLE
  }

  /** A significant header card: value cards with a normalised value, commentary with its text. */
  private record Card(String key, boolean commentary, Object value, String display) {}

  private record Logical(HduSummary summary, List<Card> cards, Compressed compression) {}

  private static List<Logical> read(Path file) throws IOException {
    List<Logical> hdus = new ArrayList<>();
    try (FitsInput in = FitsInput.open(file)) {
      Header first = in.nextHeader();
      BasicHDU<?> primary = in.readHdu(first);
      if (first.getIntValue(Standard.NAXIS, 0) == 0) {
        Header second = in.nextHeader();
        if (second != null) {
          BasicHDU<?> next = in.readHdu(second);
          if (next instanceof CompressedImageHDU
              && second.getBooleanValue(Compression.ZSIMPLE, false)) {
            hdus.add(logical(0, next, in)); // fpack's compressed primary array
          } else {
            hdus.add(logical(0, primary, in));
            hdus.add(logical(1, next, in));
          }
        } else {
          hdus.add(logical(0, primary, in));
        }
      } else {
        hdus.add(logical(0, primary, in));
      }
      Header header;
      while ((header = in.nextHeader()) != null) {
        hdus.add(logical(hdus.size(), in.readHdu(header), in));
      }
    } catch (RuntimeException e) {
      throw new IOException("Cannot read " + file + " as FITS: " + e.getMessage(), e);
    }
    return hdus;
  }

  private static Logical logical(int index, BasicHDU<?> hdu, FitsInput in)
      throws IOException, FitsException {
    Header header = hdu.getHeader();
    String name = header.getStringValue(Standard.EXTNAME, "").stripTrailing();
    if (FitsKeywords.COMPRESSED_IMAGE_EXTNAME.equals(name.strip().toUpperCase(Locale.ROOT))) {
      name = "";
    }
    Compressed compression = Compressed.NONE;
    String kind;
    String dataType = "";
    List<Integer> dimensions = List.of();
    long rows = 0;
    String digest = FitsDigests.EMPTY;

    if (hdu instanceof CompressedImageHDU compressed) {
      compression = Compressed.IMAGE;
      ImageHDU image = compressed.asImageHDU();
      kind = IMAGE;
      dataType = imageType(image.getBitPix());
      dimensions = fitsAxes(image.getAxes());
      digest = FitsDigests.image(image.getKernel(), image.getBitPix());
    } else if (hdu instanceof CompressedTableHDU compressed) {
      compression = Compressed.TABLE;
      BinaryTable table = compressed.asBinaryTableHDU().getData();
      kind = BINARY_TABLE;
      boolean[] variable = new boolean[table.getNCols()];
      dataType = binaryColumns(table, variable);
      rows = table.getNRows();
      dimensions = List.of(table.getNCols(), table.getNRows());
      digest = FitsDigests.table(table, variable);
    } else if (hdu instanceof BinaryTableHDU binary) {
      BinaryTable table = binary.getData();
      kind = BINARY_TABLE;
      boolean[] variable = new boolean[table.getNCols()];
      dataType = binaryColumns(table, variable);
      rows = table.getNRows();
      dimensions = List.of(table.getNCols(), table.getNRows());
      digest = FitsDigests.table(table, variable);
    } else if (hdu instanceof AsciiTableHDU ascii) {
      AsciiTable table = ascii.getData();
      kind = ASCII_TABLE;
      StringJoiner forms = new StringJoiner(",");
      for (int c = 0; c < table.getNCols(); c++) {
        forms.add(header.getStringValue(Standard.TFORMn.n(c + 1), "").strip());
      }
      dataType = forms.toString();
      rows = table.getNRows();
      dimensions = List.of(table.getNCols(), table.getNRows());
      digest = FitsDigests.table(table, new boolean[table.getNCols()]);
    } else if (FitsInput.dataBytes(header) == 0) {
      kind = HEADER_ONLY;
    } else if (hdu instanceof ImageHDU image) {
      kind = IMAGE;
      dataType = imageType(image.getBitPix());
      dimensions = fitsAxes(image.getAxes());
      MessageDigest raw = FitsDigests.sha256();
      OutputStream sink = FitsDigests.imageSink(raw, image.getBitPix());
      if (in.copyRawData(image.getData(), FitsInput.dataBytes(header), sink)) {
        digest = FitsDigests.hex(raw);
      } else {
        digest = FitsDigests.image(image.getKernel(), image.getBitPix());
      }
    } else {
      kind = OTHER;
      digest = FitsDigests.values(hdu.getKernel());
    }

    List<Card> cards = cards(header);
    Predicate<String> own = pairExclusions(compression, compression);
    int counted = (int) cards.stream().filter(c -> !own.test(c.key())).count();
    HduSummary summary =
        new HduSummary(index, name, kind, dataType, dimensions, rows, digest, counted);
    return new Logical(summary, cards, compression);
  }

  private static List<Card> cards(Header header) {
    List<Card> cards = new ArrayList<>();
    Cursor<String, HeaderCard> it = header.iterator();
    while (it.hasNext()) {
      HeaderCard card = it.next();
      String key = card.getKey() == null ? "" : card.getKey();
      if (FitsKeywords.isStructural(key)
          || FitsKeywords.isCompression(key)
          || FitsKeywords.isCompressedImageName(card)) {
        continue;
      }
      if (card.isCommentStyleCard()) {
        String text = card.getComment() == null ? "" : card.getComment().stripTrailing();
        if (CFITSIO_BOILERPLATE.contains(text.strip()) || key.isEmpty() && text.isBlank()) {
          continue;
        }
        cards.add(new Card(key, true, text, "'" + text + "'"));
      } else {
        cards.add(new Card(key, false, normalised(card), display(card)));
      }
    }
    return cards;
  }

  private static Object normalised(HeaderCard card) {
    String value = card.getValue();
    if (value == null) {
      return null;
    }
    if (card.isStringValue()) {
      return value.stripTrailing();
    }
    if (Boolean.class.equals(card.valueType())) {
      return card.getValue(Boolean.class, null);
    }
    if (card.isDecimalType() || card.isIntegerType()) {
      try {
        BigDecimal number = card.getValue(BigDecimal.class, null);
        if (number != null) {
          return number;
        }
      } catch (IllegalArgumentException e) {
        // not representable: compare as text
      }
    }
    return value.strip();
  }

  private static String display(HeaderCard card) {
    String value = card.getValue();
    if (value == null) {
      return "(no value)";
    }
    return card.isStringValue() ? "'" + value.stripTrailing() + "'" : value.strip();
  }

  private static String imageType(int bitpix) {
    return switch (bitpix) {
      case 8 -> "uint8";
      case 16 -> "int16";
      case 32 -> "int32";
      case 64 -> "int64";
      case -32 -> "float32";
      case -64 -> "float64";
      default -> "bitpix" + bitpix;
    };
  }

  private static List<Integer> fitsAxes(int[] javaAxes) {
    List<Integer> axes = new ArrayList<>();
    if (javaAxes != null) {
      for (int i = javaAxes.length - 1; i >= 0; i--) {
        axes.add(javaAxes[i]);
      }
    }
    return axes;
  }

  private static String binaryColumns(BinaryTable table, boolean[] variable) {
    StringJoiner types = new StringJoiner(",");
    for (int c = 0; c < table.getNCols(); c++) {
      BinaryTable.ColumnDesc column = table.getDescriptor(c);
      variable[c] = column.isVariableSize();
      String type;
      if (column.isString()) {
        type = "string(" + column.getStringLength() + ")";
      } else if (column.isLogical()) {
        type = "logical";
      } else if (column.isBits()) {
        type = "bits";
      } else if (column.isComplex()) {
        type = float.class.equals(column.getElementClass()) ? "complex64" : "complex128";
      } else {
        type = primitiveType(column.getElementClass());
      }
      int[] shape = column.getEntryShape();
      StringBuilder s = new StringBuilder(column.isVariableSize() ? "var " : "").append(type);
      if (column.isVariableSize()) {
        s.append("[]");
      } else if (shape != null && shape.length > 0 && !(shape.length == 1 && shape[0] == 1)) {
        StringJoiner dims = new StringJoiner(",", "[", "]");
        for (int d : shape) {
          dims.add(Integer.toString(d));
        }
        s.append(dims);
      }
      types.add(s);
    }
    return types.toString();
  }

  private static String primitiveType(Class<?> c) {
    if (c == byte.class) {
      return "uint8";
    } else if (c == short.class) {
      return "int16";
    } else if (c == int.class) {
      return "int32";
    } else if (c == long.class) {
      return "int64";
    } else if (c == float.class) {
      return "float32";
    } else if (c == double.class) {
      return "float64";
    }
    return c == null ? "unknown" : c.getSimpleName();
  }
}
