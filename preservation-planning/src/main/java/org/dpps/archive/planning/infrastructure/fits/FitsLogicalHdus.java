package org.dpps.archive.planning.infrastructure.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.dpps.archive.planning.domain.FitsComparison.HduSummary;

/**
 * Reads a FITS file as a list of <em>logical</em> HDUs for {@link FitsEquivalence}: a
 * tile-compressed image or table counts as its decompressed form, and an empty primary HDU directly
 * followed by a compressed image with {@code ZSIMPLE = T} (fpack's convention for a compressed
 * primary array) counts as that one primary image. Each logical HDU comes with its significant
 * properties and its significant header cards (structural, compression and checksum keywords left
 * out). Stateless and thread-safe.
 */
final class FitsLogicalHdus {

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

  private FitsLogicalHdus() {}

  /** How a logical HDU is stored. */
  enum Compressed {
    NONE,
    IMAGE,
    TABLE
  }

  /** A significant header card: value cards with a normalised value, commentary with its text. */
  record Card(String key, boolean commentary, Object value, String display) {}

  record Logical(HduSummary summary, List<Card> cards, Compressed compression) {}

  /** The logical HDUs of a FITS file (plain or gzip-compressed), in order. */
  static List<Logical> read(Path file) throws IOException {
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

  /**
   * The header keywords not compared between two logical HDUs stored as {@code a} and {@code b}:
   * the column keywords of a compressed image's table, the storage keywords of a compressed table.
   */
  static Predicate<String> pairExclusions(Compressed a, Compressed b) {
    Predicate<String> ignored = key -> false;
    if (a == Compressed.IMAGE || b == Compressed.IMAGE) {
      ignored = ignored.or(FitsKeywords::isTableColumnKey);
    }
    if (a == Compressed.TABLE || b == Compressed.TABLE) {
      ignored = ignored.or(FitsKeywords::isTableStorageKey);
    }
    return ignored;
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
