package org.dpps.archive.planning.infrastructure.fits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.util.Cursor;
import nom.tam.util.FitsOutputStream;

/** Builds FITS test files with nom-tam-fits, and reads back what the tests check. */
final class FitsFixtures {

  static final int NX = 64;
  static final int NY = 40;

  private FitsFixtures() {}

  /** Image types the compression must handle losslessly. */
  enum PixelType {
    INT8,
    INT16,
    INT32,
    INT64,
    FLOAT32,
    FLOAT64
  }

  /**
   * A 2-D image of the type: smooth rows (which compress) alternating with rows of full-range noise
   * (which the algorithms cannot shrink, so they exercise the uncompressed-tile fallback).
   */
  static Object image(PixelType type, int ny, int nx, long seed) {
    Random random = new Random(seed);
    switch (type) {
      case INT8 -> {
        byte[][] a = new byte[ny][nx];
        for (int y = 0; y < ny; y++) {
          for (int x = 0; x < nx; x++) {
            a[y][x] = (byte) (y % 3 == 2 ? random.nextInt(256) : x / 2 + y);
          }
        }
        return a;
      }
      case INT16 -> {
        short[][] a = new short[ny][nx];
        for (int y = 0; y < ny; y++) {
          for (int x = 0; x < nx; x++) {
            a[y][x] = (short) (y % 3 == 2 ? random.nextInt(65536) : 1000 + 3 * x + 7 * y);
          }
        }
        return a;
      }
      case INT32 -> {
        int[][] a = new int[ny][nx];
        for (int y = 0; y < ny; y++) {
          for (int x = 0; x < nx; x++) {
            a[y][x] = y % 3 == 2 ? random.nextInt() : -50_000 + 1000 * x + y;
          }
        }
        return a;
      }
      case INT64 -> {
        long[][] a = new long[ny][nx];
        for (int y = 0; y < ny; y++) {
          for (int x = 0; x < nx; x++) {
            a[y][x] = y % 3 == 2 ? random.nextLong() : 5_000_000_000L + x * y;
          }
        }
        return a;
      }
      case FLOAT32 -> {
        float[][] a = new float[ny][nx];
        for (int y = 0; y < ny; y++) {
          for (int x = 0; x < nx; x++) {
            a[y][x] =
                y % 3 == 2
                    ? Float.intBitsToFloat(
                        random.nextInt(254) + 1 << 23 | random.nextInt(1 << 23)) // normal floats
                    : 0.5f * x + 0.25f * y;
          }
        }
        a[0][1] = Float.NaN;
        return a;
      }
      case FLOAT64 -> {
        double[][] a = new double[ny][nx];
        for (int y = 0; y < ny; y++) {
          for (int x = 0; x < nx; x++) {
            a[y][x] = y % 3 == 2 ? random.nextGaussian() * 1e30 : Math.sin(x * 0.1) + y;
          }
        }
        a[1][2] = Double.NaN;
        return a;
      }
      default -> throw new IllegalArgumentException(type.toString());
    }
  }

  /** A smooth 16-bit image, as detectors produce after bias subtraction. */
  static short[][] smoothInt16(int ny, int nx) {
    short[][] a = new short[ny][nx];
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        a[y][x] = (short) (200 + (int) (50 * Math.sin(x / 9.0) * Math.cos(y / 7.0)));
      }
    }
    return a;
  }

  /** An image HDU of an array, with a few user cards. */
  static BasicHDU<?> imageHdu(Object kernel, String extname) throws Exception {
    BasicHDU<?> hdu = Fits.makeHDU(kernel);
    if (extname != null) {
      hdu.addValue("EXTNAME", extname, "extension name");
    }
    hdu.addValue("OBJECT", "Crab", "target");
    hdu.addValue("EXPOSURE", 1800.5, "[s] exposure time");
    hdu.addValue("CALIB", true, "calibrated");
    return hdu;
  }

  /** A GADF-style EVENTS binary table. */
  static BinaryTableHDU eventsHdu(int rows, String hduvers) throws Exception {
    long[] id = new long[rows];
    double[] time = new double[rows];
    float[] ra = new float[rows];
    float[] dec = new float[rows];
    float[] energy = new float[rows];
    String[] tel = new String[rows];
    short[][] multiplicity = new short[rows][2];
    Random random = new Random(42);
    for (int i = 0; i < rows; i++) {
      id[i] = 1_000_000L + i;
      time[i] = 6.5e8 + i * 0.013;
      ra[i] = 83.63f + (float) random.nextGaussian() * 0.1f;
      dec[i] = 22.01f + (float) random.nextGaussian() * 0.1f;
      energy[i] = (float) Math.exp(random.nextGaussian());
      tel[i] = "CT" + (i % 4 + 1);
      multiplicity[i][0] = (short) (2 + i % 3);
      multiplicity[i][1] = (short) (i % 5);
    }
    BinaryTable table = new BinaryTable();
    table.addColumn(id);
    table.addColumn(time);
    table.addColumn(ra);
    table.addColumn(dec);
    table.addColumn(energy);
    table.addColumn(tel);
    table.addColumn(multiplicity);
    BinaryTableHDU hdu = table.toHDU();
    String[] names = {"EVENT_ID", "TIME", "RA", "DEC", "ENERGY", "TEL", "MULTIP"};
    for (int i = 0; i < names.length; i++) {
      hdu.setColumnName(i, names[i], null);
    }
    hdu.addValue("EXTNAME", "EVENTS", "");
    hdu.addValue("HDUCLASS", "GADF", "");
    hdu.addValue("HDUDOC", "https://gamma-astro-data-formats.readthedocs.io", "");
    hdu.addValue("HDUVERS", hduvers, "");
    hdu.addValue("HDUCLAS1", "EVENTS", "");
    hdu.addValue("OBS_ID", 4242, "");
    hdu.addValue("OBSERVER", "CTAO", "");
    hdu.addValue("OBJECT", "Crab", "");
    return hdu;
  }

  /** An extension without data (nom-tam-fits makes it an IMAGE extension with NAXIS = 0). */
  static BasicHDU<?> headerOnlyHdu(String extname) throws Exception {
    BasicHDU<?> hdu = BasicHDU.getDummyHDU();
    hdu.addValue("EXTNAME", extname, "");
    hdu.addValue("CREATOR", "test suite", "");
    hdu.getHeader().insertHistory("header-only extension");
    return hdu;
  }

  /** Writes HDUs as a FITS file, the first becoming the primary HDU. */
  static Path write(Path file, boolean checksums, BasicHDU<?>... hdus) throws Exception {
    try (Fits fits = new Fits()) {
      for (BasicHDU<?> hdu : hdus) {
        fits.addHDU(hdu);
      }
      if (checksums) {
        fits.setChecksum();
      }
      fits.write(file.toFile());
    }
    return file;
  }

  /** Writes HDUs as a gzip-compressed FITS file. */
  static Path writeGzip(Path file, BasicHDU<?>... hdus) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Fits fits = new Fits()) {
      for (BasicHDU<?> hdu : hdus) {
        fits.addHDU(hdu);
      }
      FitsOutputStream out = new FitsOutputStream(bytes);
      fits.write(out);
      out.flush();
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(bytes.toByteArray());
    }
    return file;
  }

  /** The HDUs of a file, read fully by nom-tam-fits. */
  static List<BasicHDU<?>> hdus(Path file) throws Exception {
    try (Fits fits = new Fits(file.toFile())) {
      List<BasicHDU<?>> list = new ArrayList<>(List.of(fits.read()));
      for (BasicHDU<?> hdu : list) {
        hdu.getKernel(); // load deferred data before the file closes
      }
      return list;
    }
  }

  /** The keys of a header, in order, without the END card. */
  static List<String> keys(Header header) {
    List<String> keys = new ArrayList<>();
    Cursor<String, HeaderCard> it = header.iterator();
    while (it.hasNext()) {
      String key = it.next().getKey();
      if (!"END".equals(key)) {
        keys.add(key);
      }
    }
    return keys;
  }

  static String sha256(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
