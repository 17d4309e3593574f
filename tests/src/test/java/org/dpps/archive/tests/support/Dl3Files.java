package org.dpps.archive.tests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.FitsFactory;
import nom.tam.fits.Header;
import nom.tam.fits.NullDataHDU;
import nom.tam.util.FitsOutputStream;

/**
 * Synthetic GADF DL3 observations written with nom-tam-fits: a primary HDU with the CTAO reference
 * metadata ({@code HIERARCH CTA ...} cards), an {@code EVENTS} table, a {@code GTI} table and an
 * {@code AEFF_2D} effective-area response. Every observation gets a fresh {@code CTA PRODUCT ID}
 * and {@code OBS_ID} unless told otherwise.
 *
 * <pre>{@code
 * byte[] fits = Dl3Files.observation().object("Crab-1234").pointing(83.63, 22.01).fits();
 * }</pre>
 */
public final class Dl3Files {
  /** MJDREFI/MJDREFF of the files: 2001-01-01T00:00:00 plus 64.184 s (TT), as in GADF examples. */
  public static final Instant TIME_REFERENCE =
      Instant.parse("2001-01-01T00:00:00Z").plusMillis(64_184);

  private String productId = UUID.randomUUID().toString();
  private long obsId = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
  private String object = "Crab Nebula";
  private double raPnt = 83.6331;
  private double decPnt = 22.0145;
  private Instant start = Instant.parse("2024-11-20T22:00:00Z");
  private double durationSeconds = 1800;
  private String dataLevels = "DL3";
  private String description = "Synthetic DL3 observation for the archive end-to-end tests";
  private String instrument = "LST-1";
  private String site = "CTAO-North";
  private int events = 50;
  private long seed = 42;
  private boolean fullEnclosureIrfs;

  private Dl3Files() {
    FitsFactory.setUseHierarch(true);
  }

  public static Dl3Files observation() {
    return new Dl3Files();
  }

  public Dl3Files productId(String id) {
    this.productId = id;
    return this;
  }

  public Dl3Files obsId(long id) {
    this.obsId = id;
    return this;
  }

  public Dl3Files object(String name) {
    this.object = name;
    return this;
  }

  public Dl3Files pointing(double ra, double dec) {
    this.raPnt = ra;
    this.decPnt = dec;
    return this;
  }

  public Dl3Files start(Instant instant) {
    this.start = instant;
    return this;
  }

  public Dl3Files dataLevels(String levels) {
    this.dataLevels = levels;
    return this;
  }

  public Dl3Files description(String text) {
    this.description = text;
    return this;
  }

  public Dl3Files instrument(String name) {
    this.instrument = name;
    return this;
  }

  /** Number of events, and the seed of their values: another seed gives other bytes. */
  public Dl3Files events(int count, long seed) {
    this.events = count;
    this.seed = seed;
    return this;
  }

  /**
   * Adds the other IRFs of a full-enclosure observation after {@code AEFF_2D}: {@code EDISP_2D},
   * {@code PSF_TABLE} and {@code BKG_3D} (with units), so that gammapy's {@code
   * DataStore.get_observations()} (which requires them by default) returns the observation.
   */
  public Dl3Files withFullEnclosureIrfs() {
    this.fullEnclosureIrfs = true;
    return this;
  }

  public String productId() {
    return productId;
  }

  public long obsId() {
    return obsId;
  }

  public String object() {
    return object;
  }

  public double raPnt() {
    return raPnt;
  }

  public double decPnt() {
    return decPnt;
  }

  public Instant start() {
    return start;
  }

  public Instant stop() {
    return start.plusMillis((long) (durationSeconds * 1000));
  }

  /** The observation as an uncompressed FITS file. */
  public byte[] fits() {
    try {
      Fits fits = new Fits();
      fits.addHDU(primary());
      fits.addHDU(eventsHdu());
      fits.addHDU(gtiHdu());
      fits.addHDU(aeffHdu());
      if (fullEnclosureIrfs) {
        fits.addHDU(edispHdu());
        fits.addHDU(psfHdu());
        fits.addHDU(bkgHdu());
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (FitsOutputStream out = new FitsOutputStream(bytes)) {
        fits.write(out);
      }
      fits.close();
      return bytes.toByteArray();
    } catch (FitsException | IOException e) {
      throw new IllegalStateException("Cannot write the synthetic DL3 file", e);
    }
  }

  /** The observation as a gzip-compressed FITS file ({@code .fits.gz}). */
  public byte[] fitsGz() {
    return gzip(fits());
  }

  public static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private NullDataHDU primary() throws FitsException {
    NullDataHDU primary = new NullDataHDU();
    Header p = primary.getHeader();
    p.addValue("HIERARCH.CTA.REFERENCE.VERSION", "1", "");
    p.addValue("HIERARCH.CTA.CONTACT.ORGANIZATION", "CTAO", "");
    p.addValue("HIERARCH.CTA.PRODUCT.DESCRIPTION", description, "");
    p.addValue("HIERARCH.CTA.PRODUCT.CREATION.TIME", "2024-11-21 08:00:00.000", "");
    p.addValue("HIERARCH.CTA.PRODUCT.ID", productId, "");
    p.addValue("HIERARCH.CTA.PRODUCT.DATA.CATEGORY", "A", "");
    p.addValue("HIERARCH.CTA.PRODUCT.DATA.LEVELS", dataLevels, "");
    p.addValue("HIERARCH.CTA.PRODUCT.DATA.ASSOCIATION", "Subarray", "");
    p.addValue("HIERARCH.CTA.PROCESS.TYPE", "Observation", "");
    p.addValue("HIERARCH.CTA.ACTIVITY.NAME", "ctapipe-create-dl3", "");
    p.addValue("HIERARCH.CTA.ACTIVITY.SOFTWARE.NAME", "ctapipe", "");
    p.addValue("HIERARCH.CTA.ACTIVITY.SOFTWARE.VERSION", "0.23.2", "");
    p.addValue("HIERARCH.CTA.INSTRUMENT.SITE", site, "");
    return primary;
  }

  private double tstart() {
    return Duration.between(TIME_REFERENCE, start).toMillis() / 1000.0;
  }

  private BinaryTableHDU eventsHdu() throws FitsException {
    Random random = new Random(seed);
    long[] ids = new long[events];
    double[] time = new double[events];
    float[] ra = new float[events];
    float[] dec = new float[events];
    float[] energy = new float[events];
    for (int i = 0; i < events; i++) {
      ids[i] = i + 1L;
      time[i] = tstart() + random.nextDouble() * durationSeconds;
      ra[i] = (float) (raPnt + random.nextGaussian());
      dec[i] = (float) (decPnt + random.nextGaussian());
      energy[i] = (float) (0.05 * Math.exp(random.nextDouble() * 7));
    }
    BinaryTableHDU hdu =
        BinaryTable.fromColumnMajor(new Object[] {ids, time, ra, dec, energy}).toHDU();
    String[] names = {"EVENT_ID", "TIME", "RA", "DEC", "ENERGY"};
    for (int i = 0; i < names.length; i++) {
      hdu.setColumnName(i, names[i], null);
    }
    Header h = hdu.getHeader();
    h.addValue("EXTNAME", "EVENTS", "");
    h.addValue("HDUCLASS", "GADF", "");
    h.addValue("HDUDOC", "https://github.com/open-gamma-ray-astro/gamma-astro-data-formats", "");
    h.addValue("HDUVERS", "0.3", "");
    h.addValue("HDUCLAS1", "EVENTS", "");
    h.addValue("OBS_ID", obsId, "");
    h.addValue("TSTART", tstart(), "");
    h.addValue("TSTOP", tstart() + durationSeconds, "");
    h.addValue("ONTIME", durationSeconds, "");
    h.addValue("LIVETIME", durationSeconds * 0.95, "");
    h.addValue("DEADC", 0.95, "");
    h.addValue("OBS_MODE", "POINTING", "");
    h.addValue("RA_PNT", raPnt, "");
    h.addValue("DEC_PNT", decPnt, "");
    h.addValue("EQUINOX", 2000.0, "");
    h.addValue("RADECSYS", "ICRS", "");
    h.addValue("ORIGIN", "CTAO", "");
    h.addValue("TELESCOP", "CTAO", "");
    h.addValue("INSTRUME", instrument, "");
    h.addValue("CREATOR", "ctapipe 0.23.2", "");
    h.addValue("MJDREFI", 51910, "");
    h.addValue("MJDREFF", 7.428703703703703E-4, "");
    h.addValue("TIMEUNIT", "s", "");
    h.addValue("TIMESYS", "TT", "");
    h.addValue("TIMEREF", "TOPOCENTER", "");
    h.addValue("OBJECT", object, "");
    h.addValue("RA_OBJ", raPnt, "");
    h.addValue("DEC_OBJ", decPnt + 0.5, "");
    h.addValue("N_TELS", 4, "");
    h.addValue("GEOLON", -17.891497, "");
    h.addValue("GEOLAT", 28.761526, "");
    h.addValue("ALTITUDE", 2200.0, "");
    return hdu;
  }

  private BinaryTableHDU gtiHdu() throws FitsException {
    BinaryTableHDU gti =
        BinaryTable.fromColumnMajor(
                new Object[] {new double[] {tstart()}, new double[] {tstart() + durationSeconds}})
            .toHDU();
    gti.setColumnName(0, "START", null);
    gti.setColumnName(1, "STOP", null);
    gti.getHeader().addValue("EXTNAME", "GTI", "");
    gti.getHeader().addValue("HDUCLASS", "GADF", "");
    gti.getHeader().addValue("HDUCLAS1", "GTI", "");
    return gti;
  }

  private BinaryTableHDU aeffHdu() throws FitsException {
    BinaryTableHDU aeff =
        BinaryTable.fromColumnMajor(
                new Object[] {
                  new float[][] {{0.1f, 1f, 10f}},
                  new float[][] {{1f, 10f, 100f}},
                  new float[][] {{0f, 1f}},
                  new float[][] {{1f, 2f}},
                  new float[][][] {{{1e4f, 2e4f, 3e4f}, {1e4f, 2e4f, 3e4f}}}
                })
            .toHDU();
    String[] names = {"ENERG_LO", "ENERG_HI", "THETA_LO", "THETA_HI", "EFFAREA"};
    for (int i = 0; i < names.length; i++) {
      aeff.setColumnName(i, names[i], null);
    }
    Header a = aeff.getHeader();
    a.addValue("EXTNAME", "EFFECTIVE AREA", "");
    a.addValue("HDUCLASS", "GADF", "");
    a.addValue("HDUCLAS1", "RESPONSE", "");
    a.addValue("HDUCLAS2", "EFF_AREA", "");
    a.addValue("HDUCLAS3", "FULL-ENCLOSURE", "");
    a.addValue("HDUCLAS4", "AEFF_2D", "");
    a.addValue("LO_THRES", 0.1, "safe energy range, TeV");
    a.addValue("HI_THRES", 100.0, "");
    return aeff;
  }

  private static BinaryTableHDU irf(
      Object[] columns, String[] names, String[] units, String extname, String kind, String format)
      throws FitsException {
    BinaryTableHDU hdu = BinaryTable.fromColumnMajor(columns).toHDU();
    Header h = hdu.getHeader();
    for (int i = 0; i < names.length; i++) {
      hdu.setColumnName(i, names[i], null);
      if (!units[i].isEmpty()) {
        h.addValue("TUNIT" + (i + 1), units[i], "");
      }
    }
    h.addValue("EXTNAME", extname, "");
    h.addValue("HDUCLASS", "GADF", "");
    h.addValue("HDUDOC", "https://github.com/open-gamma-ray-astro/gamma-astro-data-formats", "");
    h.addValue("HDUVERS", "0.2", "");
    h.addValue("HDUCLAS1", "RESPONSE", "");
    h.addValue("HDUCLAS2", kind, "");
    h.addValue("HDUCLAS3", "FULL-ENCLOSURE", "");
    h.addValue("HDUCLAS4", format, "");
    return hdu;
  }

  /** Energy dispersion: 3 true energies x 3 migrations x 2 offsets, all at migration 0.8-1.2. */
  private BinaryTableHDU edispHdu() throws FitsException {
    float[][][][] matrix = new float[1][2][3][3];
    for (int t = 0; t < 2; t++) {
      for (int e = 0; e < 3; e++) {
        matrix[0][t][1][e] = 2.5f;
      }
    }
    return irf(
        new Object[] {
          new float[][] {{0.1f, 1f, 10f}},
          new float[][] {{1f, 10f, 100f}},
          new float[][] {{0.2f, 0.8f, 1.2f}},
          new float[][] {{0.8f, 1.2f, 5f}},
          new float[][] {{0f, 1f}},
          new float[][] {{1f, 2f}},
          matrix
        },
        new String[] {
          "ENERG_LO", "ENERG_HI", "MIGRA_LO", "MIGRA_HI", "THETA_LO", "THETA_HI", "MATRIX"
        },
        new String[] {"TeV", "TeV", "", "", "deg", "deg", ""},
        "ENERGY DISPERSION",
        "EDISP",
        "EDISP_2D");
  }

  /** PSF table: 3 energies x 2 offsets x 3 radii. */
  private BinaryTableHDU psfHdu() throws FitsException {
    float[][][][] rpsf = new float[1][3][2][3];
    for (int r = 0; r < 3; r++) {
      for (int t = 0; t < 2; t++) {
        for (int e = 0; e < 3; e++) {
          rpsf[0][r][t][e] = 1000f / (r + 1);
        }
      }
    }
    return irf(
        new Object[] {
          new float[][] {{0.1f, 1f, 10f}},
          new float[][] {{1f, 10f, 100f}},
          new float[][] {{0f, 1f}},
          new float[][] {{1f, 2f}},
          new float[][] {{0f, 0.1f, 0.2f}},
          new float[][] {{0.1f, 0.2f, 0.3f}},
          rpsf
        },
        new String[] {"ENERG_LO", "ENERG_HI", "THETA_LO", "THETA_HI", "RAD_LO", "RAD_HI", "RPSF"},
        new String[] {"TeV", "TeV", "deg", "deg", "deg", "deg", "sr-1"},
        "PSF",
        "PSF",
        "PSF_TABLE");
  }

  /** Background: 3 energies x 2 x 2 field-of-view bins, flat. */
  private BinaryTableHDU bkgHdu() throws FitsException {
    float[][][][] bkg = new float[1][3][2][2];
    for (float[][] plane : bkg[0]) {
      for (float[] row : plane) {
        java.util.Arrays.fill(row, 1e-6f);
      }
    }
    return irf(
        new Object[] {
          new float[][] {{0.1f, 1f, 10f}},
          new float[][] {{1f, 10f, 100f}},
          new float[][] {{-2f, 0f}},
          new float[][] {{0f, 2f}},
          new float[][] {{-2f, 0f}},
          new float[][] {{0f, 2f}},
          bkg
        },
        new String[] {"ENERG_LO", "ENERG_HI", "DETX_LO", "DETX_HI", "DETY_LO", "DETY_HI", "BKG"},
        new String[] {"TeV", "TeV", "deg", "deg", "deg", "deg", "s-1 MeV-1 sr-1"},
        "BACKGROUND",
        "BKG",
        "BKG_3D");
  }
}
