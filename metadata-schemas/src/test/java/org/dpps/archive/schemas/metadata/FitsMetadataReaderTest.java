package org.dpps.archive.schemas.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsFactory;
import nom.tam.fits.Header;
import nom.tam.fits.NullDataHDU;
import nom.tam.util.FitsOutputStream;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitsMetadataReaderTest {

  static final String PRODUCT_ID = "0c0f6f3e-5a8e-4d0b-9a3c-6c1e2b7f9d41";
  static final String LONG_DESCRIPTION =
      "DL3 event list and IRFs of observation 6789 of the Crab Nebula, reduced with ctapipe and"
          + " pyirf for the archive unit tests";

  /** 2001-01-01T00:00:00 UTC is MJD 51910; MJDREFF 0.00074287037037037 d is 64.184 s (TT). */
  static final Instant REFERENCE = Instant.parse("2001-01-01T00:00:00Z").plusMillis(64_184);

  @TempDir Path tmp;

  private final FitsMetadataReader reader = new FitsMetadataReader();

  @Test
  void readsReferenceMetadataGadfKeysAndHduClassesOfPlainDl3File() throws Exception {
    Path file = tmp.resolve("obs_006789.fits");
    writeDl3(file, true, false);

    ProductMetadata m = reader.read(file);

    assertThat(m.productId()).contains(PRODUCT_ID);
    assertThat(m.description()).contains(LONG_DESCRIPTION);
    assertThat(m.dataLevels()).containsExactly("DL3", "DL3_IRF");
    assertThat(m.dataCategory()).contains("A");
    assertThat(m.dataAssociation()).contains("Subarray");
    assertThat(m.creationTime()).contains("2024-03-01 12:00:00.000");
    assertThat(m.processType()).contains("Observation");
    assertThat(m.activityName()).contains("ctapipe-create-dl3");
    assertThat(m.activityId()).contains("4be5c2a4-1f0e-4c55-8f44-0d3b59a1e0d2");
    assertThat(m.softwareName()).contains("ctapipe");
    assertThat(m.softwareVersion()).contains("0.23.2");
    assertThat(m.instrumentSite()).contains("CTAO-North");

    assertThat(m.obsId()).contains(6789L);
    assertThat(m.object()).contains("Crab Nebula");
    assertThat(m.raPnt()).contains(83.6331);
    assertThat(m.decPnt()).contains(22.5145);
    assertThat(m.ontime()).contains(1800.5);
    assertThat(m.livetime()).contains(1710.25);
    assertThat(m.telescope()).contains("CTA-N");
    assertThat(m.instrument()).contains("LST-1");
    assertThat(m.timeStart()).contains(REFERENCE.plusSeconds(660_000_000L));
    assertThat(m.timeStop()).contains(REFERENCE.plusSeconds(660_001_800L).plusMillis(500));

    assertThat(m.hduClasses()).containsExactly("EVENTS", "GTI", "AEFF_2D", "RAD_MAX");
    assertThat(Double.parseDouble(m.headers().get("HI_THRES")))
        .as("the effective area's safe energy range, from its own HDU")
        .isEqualTo(100.0);

    assertThat(m.headers())
        .containsEntry("CTA PRODUCT ID", PRODUCT_ID)
        .containsEntry("CTA REFERENCE VERSION", "1")
        .containsEntry("CTA PRODUCT DATA LEVELS", "DL3, DL3_IRF")
        .containsEntry("CTA CONTACT ORGANIZATION", "CTAO")
        .containsEntry("OBS_ID", "6789")
        .containsEntry("RADECSYS", "ICRS")
        .containsEntry("TIMESYS", "TT")
        .containsEntry("MJDREFI", "51910")
        .containsEntry("DATE-OBS", "2021-11-30T21:21:04")
        .containsEntry("N_TELS", "1")
        .containsEntry("LO_THRES", "0.05")
        .containsKey("HI_THRES")
        .containsEntry("OBS_MODE", "POINTING")
        .doesNotContainKey("EXTNAME")
        .doesNotContainKey("HIERARCH.CTA.PRODUCT.ID");
  }

  @Test
  void gzipIsDetectedByMagicBytesNotByName() throws Exception {
    Path plain = tmp.resolve("plain.fits");
    writeDl3(plain, true, false);
    Path gz = tmp.resolve("obs_006789.fits.gz");
    gzip(plain, gz);
    Path gzWithoutSuffix = tmp.resolve("obs_006789.bin");
    gzip(plain, gzWithoutSuffix);

    ProductMetadata expected = reader.read(plain);

    assertThat(Files.readAllBytes(gz)[0] & 0xff).isEqualTo(0x1f);
    assertThat(reader.read(gz)).isEqualTo(expected);
    assertThat(reader.read(gzWithoutSuffix)).isEqualTo(expected);
    assertThat(reader.read(gz).productId()).contains(PRODUCT_ID);
  }

  @Test
  void gadfFileWithoutReferenceMetadataIsDl3() throws Exception {
    Path file = tmp.resolve("hess_dl3.fits");
    writeDl3(file, false, false);

    ProductMetadata m = reader.read(file);

    assertThat(m.productId()).isEmpty();
    assertThat(m.dataLevels()).containsExactly("DL3");
    assertThat(m.obsId()).contains(6789L);
    assertThat(m.headers())
        .doesNotContainKey("CTA PRODUCT ID")
        .containsEntry("OBJECT", "Crab Nebula");
  }

  @Test
  void singularDataLevelOfOldProductsIsAFallback() throws Exception {
    Path file = tmp.resolve("old.fits");
    Fits fits = new Fits();
    NullDataHDU primary = new NullDataHDU();
    primary.getHeader().addValue("HIERARCH.CTA.PRODUCT.DATA.LEVEL", "DL2", "");
    primary.getHeader().addValue("HIERARCH.CTA.PRODUCT.ID", "old-1", "");
    fits.addHDU(primary);
    write(fits, file);

    ProductMetadata m = reader.read(file);

    assertThat(m.dataLevels()).containsExactly("DL2");
    assertThat(m.productId()).contains("old-1");
    assertThat(m.hduClasses()).isEmpty();
    assertThat(m.obsId()).isEmpty();
  }

  @Test
  void withoutMjdrefTheDateObsAndDateEndKeysGiveTheTimes() throws Exception {
    Path file = tmp.resolve("dates.fits");
    Fits fits = new Fits();
    fits.addHDU(new NullDataHDU());
    BinaryTableHDU events = eventsTable();
    Header h = events.getHeader();
    h.addValue("EXTNAME", "EVENTS", "");
    h.addValue("HDUCLASS", "GADF", "");
    h.addValue("HDUCLAS1", "EVENTS", "");
    h.addValue("OBS_ID", 42, "");
    h.addValue("TSTART", 0.0, "");
    h.addValue("DATE-OBS", "2023-10-11", "");
    h.addValue("TIME-OBS", "03:01:05.250", "");
    h.addValue("DATE-END", "2023-10-11T03:31:05", "");
    fits.addHDU(events);
    write(fits, file);

    ProductMetadata m = reader.read(file);

    assertThat(m.timeStart()).contains(Instant.parse("2023-10-11T03:01:05.250Z"));
    assertThat(m.timeStop()).contains(Instant.parse("2023-10-11T03:31:05Z"));
    assertThat(m.obsId()).contains(42L);
  }

  @Test
  void hierarchCardsAreReadEvenIfNomTamFitsIsConfiguredNotToParseThem() throws Exception {
    Path file = tmp.resolve("obs.fits");
    writeDl3(file, true, false);
    boolean before = FitsFactory.getUseHierarch();
    FitsFactory.setUseHierarch(false);
    try {
      ProductMetadata m = reader.read(file);
      assertThat(m.productId()).contains(PRODUCT_ID);
      assertThat(m.description()).contains(LONG_DESCRIPTION);
      assertThat(m.dataLevels()).containsExactly("DL3", "DL3_IRF");
    } finally {
      FitsFactory.setUseHierarch(before);
    }
  }

  @Test
  void looksLikeFitsChecksTheSimpleCard() {
    assertThat(FitsMetadataReader.looksLikeFits(card("SIMPLE  =                    T"))).isTrue();
    assertThat(FitsMetadataReader.looksLikeFits(card("XTENSION= 'BINTABLE'"))).isFalse();
    assertThat(FitsMetadataReader.looksLikeFits("SIMPLE".getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
    assertThat(FitsMetadataReader.looksLikeFits(new byte[0])).isFalse();
  }

  @Test
  void randomBytesAreFormatInvalidWithThePath() throws Exception {
    Path file = tmp.resolve("random.fits");
    byte[] noise = new byte[10_000];
    new Random(42).nextBytes(noise);
    Files.write(file, noise);

    assertInvalid(file, "not a FITS file");
  }

  @Test
  void textFileNamedFitsIsFormatInvalid() throws Exception {
    Path file = tmp.resolve("readme.fits");
    Files.writeString(file, "This is not FITS, only a text file with a .fits name.\n");

    assertInvalid(file, "not a FITS file");
  }

  @Test
  void emptyFileIsFormatInvalid() throws Exception {
    Path file = tmp.resolve("empty.fits");
    Files.write(file, new byte[0]);

    assertInvalid(file, "not a FITS file");
  }

  @Test
  void truncatedPrimaryHeaderIsFormatInvalid() throws Exception {
    Path full = tmp.resolve("full.fits");
    writeDl3(full, true, false);
    Path file = tmp.resolve("truncated.fits");
    Files.write(file, Arrays.copyOf(Files.readAllBytes(full), 1000));

    assertInvalid(file, "truncated");
  }

  @Test
  void headerWithoutEndCardIsFormatInvalid() throws Exception {
    Path file = tmp.resolve("noend.fits");
    StringBuilder sb = new StringBuilder();
    sb.append(pad("SIMPLE  =                    T"));
    sb.append(pad("BITPIX  =                    8"));
    sb.append(pad("NAXIS   =                    0"));
    while (sb.length() < 2880 * 3) {
      sb.append(pad("COMMENT no END card anywhere"));
    }
    Files.writeString(file, sb, StandardCharsets.US_ASCII);

    assertInvalid(file, "truncated");
  }

  @Test
  void truncatedExtensionIsFormatInvalid() throws Exception {
    Path full = tmp.resolve("full.fits");
    writeDl3(full, true, false);
    byte[] bytes = Files.readAllBytes(full);
    Path file = tmp.resolve("cut.fits");
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 2880 - 100));

    assertInvalid(file, "truncated");
  }

  @Test
  void truncatedGzipIsFormatInvalid() throws Exception {
    Path plain = tmp.resolve("plain.fits");
    writeDl3(plain, true, false);
    Path gz = tmp.resolve("plain.fits.gz");
    gzip(plain, gz);
    byte[] bytes = Files.readAllBytes(gz);
    Path file = tmp.resolve("cut.fits.gz");
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

    assertInvalid(file, "cut.fits.gz");
  }

  @Test
  void gzipMagicFollowedByGarbageIsFormatInvalid() throws Exception {
    Path file = tmp.resolve("garbage.fits.gz");
    Files.write(file, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5, 6, 7, 8});

    assertInvalid(file, "cannot be read as FITS");
  }

  @Test
  void hugeDeclaredDataIsNeitherReadNorAllocated() throws Exception {
    Path file = tmp.resolve("hostile.fits");
    StringBuilder sb = new StringBuilder();
    sb.append(pad("SIMPLE  =                    T"));
    sb.append(pad("BITPIX  =                  -64"));
    sb.append(pad("NAXIS   =                    2"));
    sb.append(pad("NAXIS1  =           2147483648"));
    sb.append(pad("NAXIS2  =                    1"));
    sb.append(pad("END"));
    while (sb.length() % 2880 != 0) {
      sb.append(' ');
    }
    Files.writeString(file, sb, StandardCharsets.US_ASCII);

    assertInvalid(file, "(17179869184 bytes declared) extends beyond the end of the file");

    Path gz = tmp.resolve("hostile.fits.gz");
    gzip(file, gz);
    assertInvalid(gz, "(17179869184 bytes declared) extends beyond the end of the file");
  }

  @Test
  void overflowingDeclaredDataSizeIsFormatInvalid() throws Exception {
    Path file = tmp.resolve("overflow.fits");
    StringBuilder sb = new StringBuilder();
    sb.append(pad("SIMPLE  =                    T"));
    sb.append(pad("BITPIX  =                  -64"));
    sb.append(pad("NAXIS   =                    3"));
    sb.append(pad("NAXIS1  =  9000000000000000000"));
    sb.append(pad("NAXIS2  =  9000000000000000000"));
    sb.append(pad("NAXIS3  =                    2"));
    sb.append(pad("END"));
    while (sb.length() % 2880 != 0) {
      sb.append(' ');
    }
    Files.writeString(file, sb, StandardCharsets.US_ASCII);

    assertInvalid(file, "impossible data size");
  }

  @Test
  void tooManyCardsInOneHeaderIsFormatInvalid() throws Exception {
    Path file = tmp.resolve("cards.fits");
    StringBuilder sb = new StringBuilder();
    sb.append(pad("SIMPLE  =                    T"));
    sb.append(pad("BITPIX  =                    8"));
    sb.append(pad("NAXIS   =                    0"));
    for (int i = 0; i < FitsMetadataReader.MAX_CARDS_PER_HEADER + 10; i++) {
      sb.append(pad("COMMENT filler"));
    }
    sb.append(pad("END"));
    while (sb.length() % 2880 != 0) {
      sb.append(' ');
    }
    Files.writeString(file, sb, StandardCharsets.US_ASCII);

    assertInvalid(file, "more than 10000 cards");
  }

  @Test
  void tooManyCardsInAllHeadersTogetherIsFormatInvalid() throws Exception {
    Path file = tmp.resolve("allcards.fits");
    StringBuilder filler = new StringBuilder();
    for (int i = 0; i < 9_000; i++) {
      filler.append(pad("COMMENT filler"));
    }
    StringBuilder sb = new StringBuilder();
    sb.append(
        block(
            pad("SIMPLE  =                    T")
                + pad("BITPIX  =                    8")
                + pad("NAXIS   =                    0")
                + filler
                + pad("END")));
    String ext =
        block(
            pad("XTENSION= 'IMAGE   '")
                + pad("BITPIX  =                    8")
                + pad("NAXIS   =                    0")
                + filler
                + pad("END"));
    for (int i = 0; i < 11; i++) {
      sb.append(ext);
    }
    Files.writeString(file, sb, StandardCharsets.US_ASCII);

    assertInvalid(file, "the headers have more than 100000 cards");
  }

  @Test
  void tooManyHdusIsFormatInvalid() throws Exception {
    Path file = tmp.resolve("many.fits");
    StringBuilder sb = new StringBuilder();
    sb.append(
        block(
            pad("SIMPLE  =                    T")
                + pad("BITPIX  =                    8")
                + pad("NAXIS   =                    0")
                + pad("EXTEND  =                    T")
                + pad("END")));
    String ext =
        block(
            pad("XTENSION= 'IMAGE   '")
                + pad("BITPIX  =                    8")
                + pad("NAXIS   =                    0")
                + pad("PCOUNT  =                    0")
                + pad("GCOUNT  =                    1")
                + pad("END"));
    for (int i = 0; i < FitsMetadataReader.MAX_HDUS; i++) {
      sb.append(ext);
    }
    Files.writeString(file, sb, StandardCharsets.US_ASCII);

    assertInvalid(file, "more than 1000 HDUs");

    // exactly the limit is fine
    Path ok = tmp.resolve("limit.fits");
    Files.writeString(ok, sb.substring(0, sb.length() - ext.length()), StandardCharsets.US_ASCII);
    assertThat(reader.read(ok).hduClasses()).isEmpty();
  }

  @Test
  void trailingBytesAfterTheLastHduAreIgnored() throws Exception {
    Path full = tmp.resolve("full.fits");
    writeDl3(full, true, false);
    Path file = tmp.resolve("trailing.fits");
    byte[] bytes = Files.readAllBytes(full);
    byte[] withJunk = Arrays.copyOf(bytes, bytes.length + 100);
    Arrays.fill(withJunk, bytes.length, withJunk.length, (byte) 0);

    Files.write(file, withJunk);

    assertThat(reader.read(file).hduClasses())
        .containsExactly("EVENTS", "GTI", "AEFF_2D", "RAD_MAX");
  }

  @Test
  void missingFileIsFormatInvalidNotAnUncheckedIoException() {
    Path file = tmp.resolve("absent.fits");
    assertInvalid(file, "cannot be read");
  }

  // ---------------------------------------------------------------------------------------------

  private void assertInvalid(Path file, String messagePart) {
    assertThatThrownBy(() -> reader.read(file))
        .isInstanceOfSatisfying(
            ArchiveException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.FORMAT_INVALID);
              assertThat(e.path()).contains(file.toString());
            })
        .hasMessageContaining(messagePart)
        .hasMessageContaining(file.getFileName().toString());
  }

  /** A GADF DL3 file: primary (+ CTA reference cards), EVENTS, GTI, AEFF_2D and a RAD_MAX HDU. */
  static void writeDl3(Path file, boolean referenceMetadata, boolean gzip) throws Exception {
    Fits fits = new Fits();
    NullDataHDU primary = new NullDataHDU();
    if (referenceMetadata) {
      Header p = primary.getHeader();
      p.addValue("HIERARCH.CTA.REFERENCE.VERSION", "1", "");
      p.addValue("HIERARCH.CTA.CONTACT.ORGANIZATION", "CTAO", "");
      p.addValue("HIERARCH.CTA.PRODUCT.DESCRIPTION", LONG_DESCRIPTION, "");
      p.addValue("HIERARCH.CTA.PRODUCT.CREATION.TIME", "2024-03-01 12:00:00.000", "");
      p.addValue("HIERARCH.CTA.PRODUCT.ID", PRODUCT_ID, "");
      p.addValue("HIERARCH.CTA.PRODUCT.DATA.CATEGORY", "A", "");
      p.addValue("HIERARCH.CTA.PRODUCT.DATA.LEVELS", "DL3, DL3_IRF", "");
      p.addValue("HIERARCH.CTA.PRODUCT.DATA.ASSOCIATION", "Subarray", "");
      p.addValue("HIERARCH.CTA.PROCESS.TYPE", "Observation", "");
      p.addValue("HIERARCH.CTA.ACTIVITY.NAME", "ctapipe-create-dl3", "");
      p.addValue("HIERARCH.CTA.ACTIVITY.ID", "4be5c2a4-1f0e-4c55-8f44-0d3b59a1e0d2", "");
      p.addValue("HIERARCH.CTA.ACTIVITY.SOFTWARE.NAME", "ctapipe", "");
      p.addValue("HIERARCH.CTA.ACTIVITY.SOFTWARE.VERSION", "0.23.2", "");
      p.addValue("HIERARCH.CTA.INSTRUMENT.SITE", "CTAO-North", "");
    }
    fits.addHDU(primary);

    BinaryTableHDU events = eventsTable();
    Header e = events.getHeader();
    e.addValue("EXTNAME", "EVENTS", "");
    e.addValue("HDUCLASS", "GADF", "");
    e.addValue("HDUDOC", "https://github.com/open-gamma-ray-astro/gamma-astro-data-formats", "");
    e.addValue("HDUVERS", "0.3", "");
    e.addValue("HDUCLAS1", "EVENTS", "");
    e.addValue("OBS_ID", 6789, "");
    e.addValue("TSTART", 660_000_000.0, "");
    e.addValue("TSTOP", 660_001_800.5, "");
    e.addValue("ONTIME", 1800.5, "");
    e.addValue("LIVETIME", 1710.25, "");
    e.addValue("DEADC", 0.95, "");
    e.addValue("OBS_MODE", "POINTING", "");
    e.addValue("RA_PNT", 83.6331, "");
    e.addValue("DEC_PNT", 22.5145, "");
    e.addValue("EQUINOX", 2000.0, "");
    e.addValue("RADECSYS", "ICRS", "");
    e.addValue("ORIGIN", "CTAO", "");
    e.addValue("TELESCOP", "CTA-N", "");
    e.addValue("INSTRUME", "LST-1", "");
    e.addValue("CREATOR", "ctapipe 0.23.2", "");
    e.addValue("MJDREFI", 51910, "");
    e.addValue("MJDREFF", 7.428703703703703E-4, "");
    e.addValue("TIMEUNIT", "s", "");
    e.addValue("TIMESYS", "TT", "");
    e.addValue("TIMEREF", "TOPOCENTER", "");
    e.addValue("DATE-OBS", "2021-11-30T21:21:04", "");
    e.addValue("OBJECT", "Crab Nebula", "");
    e.addValue("RA_OBJ", 83.6287, "");
    e.addValue("DEC_OBJ", 22.0147, "");
    e.addValue("N_TELS", 1, "");
    e.addValue("GEOLON", -17.891497, "");
    e.addValue("GEOLAT", 28.761526, "");
    e.addValue("ALTITUDE", 2200.0, "");
    fits.addHDU(events);

    BinaryTableHDU gti =
        BinaryTable.fromColumnMajor(
                new Object[] {new double[] {660_000_000.0}, new double[] {660_001_800.5}})
            .toHDU();
    gti.setColumnName(0, "START", null);
    gti.setColumnName(1, "STOP", null);
    gti.getHeader().addValue("EXTNAME", "GTI", "");
    gti.getHeader().addValue("HDUCLASS", "GADF", "");
    gti.getHeader().addValue("HDUCLAS1", "GTI", "");
    fits.addHDU(gti);

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
    a.addValue("LO_THRES", 0.05, "safe energy range, TeV");
    a.addValue("HI_THRES", 100.0, "");
    fits.addHDU(aeff);

    BinaryTableHDU radMax =
        BinaryTable.fromColumnMajor(new Object[] {new float[][] {{0.2f, 0.1f}}}).toHDU();
    radMax.setColumnName(0, "RAD_MAX", null);
    radMax.getHeader().addValue("EXTNAME", "RAD_MAX", "");
    radMax.getHeader().addValue("HDUCLAS1", "RESPONSE", "");
    radMax.getHeader().addValue("HDUCLAS2", "RAD_MAX", "");
    fits.addHDU(radMax);

    write(fits, file);
    if (gzip) {
      Path tmpPlain = file.resolveSibling(file.getFileName() + ".plain");
      Files.move(file, tmpPlain);
      gzip(tmpPlain, file);
      Files.delete(tmpPlain);
    }
  }

  static BinaryTableHDU eventsTable() throws Exception {
    BinaryTableHDU events =
        BinaryTable.fromColumnMajor(
                new Object[] {
                  new long[] {1L, 2L, 5_000_000_001L},
                  new double[] {660_000_010.5, 660_000_020.25, 660_001_790.0},
                  new float[] {83.60f, 83.65f, 84.10f},
                  new float[] {22.00f, 22.02f, 21.90f},
                  new float[] {0.35f, 1.2f, 12.7f}
                })
            .toHDU();
    String[] names = {"EVENT_ID", "TIME", "RA", "DEC", "ENERGY"};
    for (int i = 0; i < names.length; i++) {
      events.setColumnName(i, names[i], null);
    }
    return events;
  }

  static void write(Fits fits, Path file) throws Exception {
    try (FitsOutputStream out = new FitsOutputStream(Files.newOutputStream(file))) {
      fits.write(out);
    }
    fits.close();
  }

  static void gzip(Path from, Path to) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
      Files.copy(from, out);
    }
  }

  private static String pad(String card) {
    return String.format("%-80s", card);
  }

  private static String block(String cards) {
    StringBuilder sb = new StringBuilder(cards);
    while (sb.length() % 2880 != 0) {
      sb.append(' ');
    }
    return sb.toString();
  }

  private static byte[] card(String text) {
    return pad(text).getBytes(StandardCharsets.US_ASCII);
  }
}
