package org.dpps.archive.planning.infrastructure.fits;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.ImageHDU;
import nom.tam.fits.header.Checksum;
import nom.tam.fits.header.Compression;
import nom.tam.fits.header.Standard;
import nom.tam.image.compression.hdu.CompressedImageHDU;
import nom.tam.image.compression.hdu.CompressedTableHDU;
import nom.tam.util.ArrayFuncs;
import nom.tam.util.Cursor;
import org.dpps.archive.planning.domain.TileCompression;

/**
 * Lossless tile compression of FITS images (the fpack/cfitsio convention) and its inverse.
 *
 * <p>{@link #compress} turns every uncompressed image HDU with data into a tile-compressed image
 * HDU (FITS standard 4.0 section 10): {@code RICE_1} for 8, 16 and 32-bit integer images, {@code
 * GZIP_2} without quantization or dithering (lossless, {@code ZQUANTIZ = 'NONE'} as cfitsio writes
 * it) for floating-point images; tiles are image rows ({@code NAXIS1 x 1}), fpack's default. A
 * primary array moves into the first extension behind an empty primary HDU (the ZSIMPLE convention
 * of fpack). Tables, header-only HDUs, HDUs already compressed and 64-bit integer images (which
 * cfitsio can neither compress nor decompress) are copied unchanged. All header cards are kept in
 * their order. An HDU whose input carried CHECKSUM/DATASUM gets freshly computed ones. {@link
 * #decompress} is the exact inverse.
 *
 * <p>The compression itself is nom-tam-fits'. Its output is then normalised to what cfitsio ({@code
 * funpack}, astropy) reads: nom-tam-fits stores the tiles in a fixed-width column when they all
 * compress to the same size and, for a tile its algorithm cannot shrink, falls back to a gzip or
 * raw byte column that cfitsio rejects. Here the {@code COMPRESSED_DATA} column is always a
 * variable-length array and tiles that did not compress are stored in the cfitsio {@code
 * UNCOMPRESSED_DATA} convention, as arrays of the image's own type (cfitsio reads those through its
 * type conversion, which turns denormal floats into 0 and rewrites NaN payloads; nom-tam-fits, and
 * so {@link #decompress}, restores them bit for bit).
 *
 * <p>HDUs are processed one at a time, so memory stays bounded by about three times the largest
 * HDU. The input is only read; the output is created or truncated, and deleted if the migration
 * fails. Stateless and thread-safe.
 */
@ApplicationScoped
public class FitsTileCompression implements TileCompression {

  private static final String COMPRESSED_DATA = Compression.COMPRESSED_DATA_COLUMN;
  private static final String UNCOMPRESSED_DATA = Compression.UNCOMPRESSED_DATA_COLUMN;
  private static final String LOSSLESS_QUANTIZ = "NONE";
  private static final int LONG_BITPIX = 64;

  public FitsTileCompression() {}

  /**
   * Tool name and version for provenance: {@code "nom-tam-fits <version>"}, the version as the
   * library reports it ({@link Fits#version()}, read from the jar's Maven metadata).
   */
  @Override
  public String libraryVersion() {
    return "nom-tam-fits " + Fits.version();
  }

  /**
   * Tile-compresses the images of a FITS file, losslessly.
   *
   * @param in a FITS file (plain, or gzip-compressed), not modified
   * @param out the file to write; created or truncated
   * @throws IOException if {@code in} is not a readable FITS file, {@code out} cannot be written or
   *     is {@code in}
   */
  @Override
  public void compress(Path in, Path out) throws IOException {
    migrate(in, out, true);
  }

  /**
   * Decompresses the tile-compressed images and tables of a FITS file: the exact inverse of {@link
   * #compress}, and also able to expand fpack's output (lossless or not).
   *
   * @param in a FITS file (plain, or gzip-compressed), not modified
   * @param out the file to write; created or truncated
   * @throws IOException if {@code in} is not a readable FITS file, {@code out} cannot be written or
   *     is {@code in}
   */
  @Override
  public void decompress(Path in, Path out) throws IOException {
    migrate(in, out, false);
  }

  private static void migrate(Path in, Path out, boolean compress) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    if (Files.exists(out) && Files.isSameFile(in, out)) {
      throw new IOException("Refusing to overwrite the input " + in + " with its migration");
    }
    boolean done = false;
    try {
      try (FitsInput src = FitsInput.open(in);
          FitsSink dst = FitsSink.create(out)) {
        if (compress) {
          compressAll(src, dst);
        } else {
          decompressAll(src, dst);
        }
      }
      done = true; // also flushed and closed
    } catch (RuntimeException e) {
      throw new IOException(
          "Cannot " + (compress ? "compress " : "decompress ") + in + ": " + e.getMessage(), e);
    } finally {
      if (!done) {
        Files.deleteIfExists(out);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Compression

  private static void compressAll(FitsInput src, FitsSink dst) throws IOException, FitsException {
    Header header;
    while ((header = src.nextHeader()) != null) {
      boolean checksum = FitsKeywords.hasChecksum(header);
      BasicHDU<?> hdu = src.readHdu(header);
      if (isCompressible(hdu)) {
        if (dst.written() == 0) {
          dst.write(BasicHDU.getDummyHDU(), checksum);
        }
        dst.write(compressImage((ImageHDU) hdu), checksum);
      } else {
        dst.write(hdu, checksum);
      }
    }
  }

  /**
   * An uncompressed image with data (nom-tam-fits' NullDataHDU is an ImageHDU without data), and
   * not of 64-bit integers: cfitsio (fpack, funpack) cannot tile-compress those.
   */
  private static boolean isCompressible(BasicHDU<?> hdu) throws IOException {
    Header header = hdu.getHeader();
    return hdu instanceof ImageHDU
        && header.getIntValue(Standard.BITPIX, 0) != LONG_BITPIX
        && header.getIntValue(Standard.NAXIS, 0) > 0
        && FitsInput.dataBytes(header) > 0;
  }

  private static BinaryTableHDU compressImage(ImageHDU image) throws IOException, FitsException {
    int bitpix = image.getBitPix();
    boolean rice = bitpix > 0; // 8, 16 or 32: 64 is not compressed
    int[] axes = image.getAxes(); // Java order: NAXIS1 last
    int[] tile = new int[axes.length]; // FITS order: NAXIS1 first
    Arrays.fill(tile, 1);
    tile[0] = axes[axes.length - 1];

    CompressedImageHDU compressed = CompressedImageHDU.fromImageHDU(image, tile);
    compressed.setCompressAlgorithm(
        rice ? Compression.ZCMPTYPE_RICE_1 : Compression.ZCMPTYPE_GZIP_2);
    compressed.setQuantAlgorithm(null); // no quantization, no dithering: lossless
    compressed.compress();
    BinaryTableHDU standard = standardise(compressed, image, tile[0]);
    if (!rice) {
      standard
          .getHeader()
          .addValue(
              Compression.ZQUANTIZ.key(),
              LOSSLESS_QUANTIZ,
              "Lossless compression without quantization");
    }
    return standard;
  }

  /**
   * Rebuilds the table of a compressed image as cfitsio expects it: {@code COMPRESSED_DATA} as a
   * variable-length byte array column (empty for tiles that did not compress) and, if some tile did
   * not compress, {@code UNCOMPRESSED_DATA} holding those tiles' pixels as a variable-length array
   * of the image's type. The header keeps all cards of the compressed header except the column
   * descriptions (rewritten) and the backed-up checksums of the uncompressed image.
   */
  private static BinaryTableHDU standardise(
      CompressedImageHDU compressed, ImageHDU image, int tileLength)
      throws IOException, FitsException {
    BinaryTable table = compressed.getData();
    int rows = table.getNRows();
    int column = table.indexOf(COMPRESSED_DATA);
    byte[][] tiles = new byte[rows][];
    if (column >= 0) {
      Object data = table.getColumn(column);
      if (!(data instanceof byte[][] bytes)) {
        throw new IOException("unexpected compressed data column " + data.getClass());
      }
      System.arraycopy(bytes, 0, tiles, 0, rows);
    }
    for (int c = 0; c < table.getNCols(); c++) {
      String name = table.getDescriptor(c).name();
      if (c != column
          && !UNCOMPRESSED_DATA.equals(name)
          && !Compression.GZIP_COMPRESSED_DATA_COLUMN.equals(name)) {
        throw new IOException("unexpected column " + name + " in a lossless compressed image");
      }
    }

    Object pixels = null;
    Object raw = null;
    for (int r = 0; r < rows; r++) {
      if (tiles[r] != null && tiles[r].length > 0) {
        continue;
      }
      // Not compressed by the algorithm (nom-tam-fits put it in a gzip or raw byte column).
      if (pixels == null) {
        pixels = ArrayFuncs.flatten(image.getKernel());
        raw = Array.newInstance(pixels.getClass(), rows);
        Object empty = Array.newInstance(pixels.getClass().getComponentType(), 0);
        for (int i = 0; i < rows; i++) {
          Array.set(raw, i, empty);
        }
      }
      Object tilePixels = Array.newInstance(pixels.getClass().getComponentType(), tileLength);
      System.arraycopy(pixels, r * tileLength, tilePixels, 0, tileLength);
      Array.set(raw, r, tilePixels);
      tiles[r] = new byte[0];
    }

    BinaryTable standard = new BinaryTable();
    standard.addVariableSizeColumn(tiles);
    standard.getDescriptor(0).name(COMPRESSED_DATA);
    if (raw != null) {
      standard.addVariableSizeColumn(raw);
      standard.getDescriptor(1).name(UNCOMPRESSED_DATA);
    }

    Header header = new Header();
    Cursor<String, HeaderCard> cards = compressed.getHeader().iterator();
    while (cards.hasNext()) {
      HeaderCard card = cards.next();
      String key = card.getKey();
      if ("END".equals(key)
          || FitsKeywords.isTableColumnKey(key)
          || Compression.ZHECKSUM.key().equals(key)
          || Compression.ZDATASUM.key().equals(key)
          || Checksum.CHECKSUM.key().equals(key)
          || Checksum.DATASUM.key().equals(key)) {
        continue;
      }
      header.addLine(card.copy());
    }
    standard.fillHeader(header);
    return new BinaryTableHDU(header, standard);
  }

  // ---------------------------------------------------------------------------------------------
  // Decompression

  private static void decompressAll(FitsInput src, FitsSink dst) throws IOException, FitsException {
    Header first = src.nextHeader();
    BasicHDU<?> primary = src.readHdu(first);
    if (FitsInput.dataBytes(first) == 0 && first.getIntValue(Standard.NAXIS, 0) == 0) {
      Header second = src.nextHeader();
      if (second == null) {
        dst.write(primary, FitsKeywords.hasChecksum(first));
        return;
      }
      BasicHDU<?> next = src.readHdu(second);
      if (next instanceof CompressedImageHDU image
          && second.getBooleanValue(Compression.ZSIMPLE, false)) {
        // fpack convention: the empty primary only holds the place of the compressed primary.
        dst.write(
            decompressImage(image),
            FitsKeywords.hasChecksum(first) || FitsKeywords.hasChecksum(second));
      } else {
        writeDecompressed(dst, primary, first);
        writeDecompressed(dst, next, second);
      }
    } else {
      writeDecompressed(dst, primary, first);
    }
    Header header;
    while ((header = src.nextHeader()) != null) {
      writeDecompressed(dst, src.readHdu(header), header);
    }
  }

  private static void writeDecompressed(FitsSink dst, BasicHDU<?> hdu, Header header)
      throws IOException, FitsException {
    boolean checksum = FitsKeywords.hasChecksum(header);
    if (hdu instanceof CompressedImageHDU image) {
      dst.write(decompressImage(image), checksum);
    } else if (hdu instanceof CompressedTableHDU table) {
      dst.write(decompressTable(table), checksum);
    } else {
      dst.write(hdu, checksum);
    }
  }

  private static ImageHDU decompressImage(CompressedImageHDU compressed) throws FitsException {
    ImageHDU decoded = compressed.asImageHDU();
    Header header = FitsKeywords.uncompressedHeader(compressed.getHeader(), true);
    return new ImageHDU(header, decoded.getData());
  }

  private static BinaryTableHDU decompressTable(CompressedTableHDU compressed)
      throws FitsException {
    BinaryTable decoded = compressed.asBinaryTableHDU().getData();
    Header header = FitsKeywords.uncompressedHeader(compressed.getHeader(), false);
    decoded.fillHeader(header);
    return new BinaryTableHDU(header, decoded);
  }
}
