package org.dpps.archive.tests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.UUID;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.FitsFactory;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import nom.tam.util.FitsOutputStream;

/**
 * Synthetic DL4 sky maps written with nom-tam-fits, uncompressed: a primary HDU holding an int16
 * counts map with the CTAO reference metadata ({@code HIERARCH CTA ...} cards) and a WCS, and an
 * {@code EXPOSURE} extension holding a float32 map. The data are smooth with noise (so Rice
 * compression has something to gain) and depend on the seed only.
 *
 * <pre>{@code
 * byte[] fits = SkyMaps.map().object("Crab Nebula").size(256).fits();
 * }</pre>
 */
public final class SkyMaps {
  private String productId = UUID.randomUUID().toString();
  private String object = "Crab Nebula";
  private int size = 128;
  private long seed = 7;
  private boolean exposure = true;

  private SkyMaps() {
    FitsFactory.setUseHierarch(true);
  }

  public static SkyMaps map() {
    return new SkyMaps();
  }

  public SkyMaps productId(String id) {
    this.productId = id;
    return this;
  }

  public String productId() {
    return productId;
  }

  public SkyMaps object(String name) {
    this.object = name;
    return this;
  }

  /** Side of the square maps in pixels. */
  public SkyMaps size(int pixels) {
    this.size = pixels;
    return this;
  }

  public SkyMaps seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Without the float32 EXPOSURE extension. */
  public SkyMaps countsOnly() {
    this.exposure = false;
    return this;
  }

  /** The int16 counts map as written (row-major, [y][x]). */
  public short[][] counts() {
    Random random = new Random(seed);
    short[][] counts = new short[size][size];
    double c = size / 2.0;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double r2 = ((x - c) * (x - c) + (y - c) * (y - c)) / (size * size / 16.0);
        counts[y][x] = (short) (20 + 400 * Math.exp(-r2) + random.nextInt(8));
      }
    }
    return counts;
  }

  public float[][] exposureMap() {
    float[][] map = new float[size][size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        map[y][x] = (float) (3.2e9 * (1 - 0.3 * Math.hypot(x - size / 2.0, y - size / 2.0) / size));
      }
    }
    return map;
  }

  public byte[] fits() {
    try (Fits fits = new Fits()) {
      ImageHDU primary = (ImageHDU) Fits.makeHDU(counts());
      Header p = primary.getHeader();
      p.addValue("HIERARCH.CTA.REFERENCE.VERSION", "1", "");
      p.addValue("HIERARCH.CTA.CONTACT.ORGANIZATION", "CTAO", "");
      p.addValue("HIERARCH.CTA.PRODUCT.DESCRIPTION", "Counts map of " + object, "");
      p.addValue("HIERARCH.CTA.PRODUCT.CREATION.TIME", "2024-11-21 08:00:00.000", "");
      p.addValue("HIERARCH.CTA.PRODUCT.ID", productId, "");
      p.addValue("HIERARCH.CTA.PRODUCT.DATA.CATEGORY", "A", "");
      p.addValue("HIERARCH.CTA.PRODUCT.DATA.LEVELS", "DL4", "");
      p.addValue("HIERARCH.CTA.PRODUCT.DATA.ASSOCIATION", "Subarray", "");
      p.addValue("HIERARCH.CTA.PROCESS.TYPE", "Observation", "");
      p.addValue("HIERARCH.CTA.ACTIVITY.NAME", "gammapy-make-maps", "");
      p.addValue("HIERARCH.CTA.ACTIVITY.SOFTWARE.NAME", "gammapy", "");
      p.addValue("HIERARCH.CTA.ACTIVITY.SOFTWARE.VERSION", "1.0", "");
      p.addValue("HIERARCH.CTA.INSTRUMENT.SITE", "CTAO-North", "");
      p.addValue("OBJECT", object, "");
      p.addValue("BUNIT", "count", "");
      p.addValue("CTYPE1", "RA---CAR", "");
      p.addValue("CTYPE2", "DEC--CAR", "");
      p.addValue("CRPIX1", size / 2.0 + 0.5, "");
      p.addValue("CRPIX2", size / 2.0 + 0.5, "");
      p.addValue("CRVAL1", 83.6331, "");
      p.addValue("CRVAL2", 22.0145, "");
      p.addValue("CDELT1", -0.02, "");
      p.addValue("CDELT2", 0.02, "");
      p.insertHistory("counts binned from DL3 events");
      fits.addHDU(primary);
      if (exposure) {
        ImageHDU e = (ImageHDU) Fits.makeHDU(exposureMap());
        e.getHeader().addValue("EXTNAME", "EXPOSURE", "");
        e.getHeader().addValue("BUNIT", "m2 s", "");
        fits.addHDU(e);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (FitsOutputStream out = new FitsOutputStream(bytes)) {
        fits.write(out);
      }
      return bytes.toByteArray();
    } catch (FitsException | IOException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
