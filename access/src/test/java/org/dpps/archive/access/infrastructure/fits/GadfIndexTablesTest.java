package org.dpps.archive.access.infrastructure.fits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.dpps.archive.access.fixtures.GadfFileBuilder.aGadfFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.dpps.archive.access.domain.GadfFiles;
import org.dpps.archive.access.domain.GadfFiles.Hdu;
import org.dpps.archive.access.domain.GadfFiles.HduRow;
import org.dpps.archive.access.domain.GadfFiles.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GADF HDUs are read from real FITS files written with nom-tam-fits, and the index tables are
 * read back with nom-tam-fits: names, columns, values and header keywords as gammapy reads them.
 */
class GadfIndexTablesTest {
  @TempDir Path tmp;

  @Test
  void theHeadersGiveEveryGadfHduWithItsTypeClassAndName() throws IOException {
    Path file =
        aGadfFile()
            .obsId(4242)
            .events(7)
            .gti()
            .irf("EFF_AREA", "AEFF_2D", "EFFECTIVE AREA")
            .irf("EDISP", "EDISP_2D", "ENERGY DISPERSION")
            .irf("PSF", "PSF_TABLE", "PSF")
            .irf("BKG", null, "BACKGROUND")
            .irf("RAD_MAX", "RAD_MAX_2D", "RAD_MAX")
            .extension(h -> put(h, "EXTNAME", "CALIB")) // not GADF DL3 content
            .extension(h -> put(h, "HDUCLAS1", "GTI")) // no EXTNAME: gammapy cannot address it
            .irf("EFF_AREA", "AEFF_2D", "EFFECTIVE AREA") // the name again: unreachable
            .writeTo(tmp.resolve("obs.fits"));

    List<Hdu> hdus = GadfHeaders.read(file);

    assertThat(hdus)
        .extracting(Hdu::index, Hdu::hduType, Hdu::hduClass, Hdu::hduName)
        .containsExactly(
            tuple(1, "events", "events", "EVENTS"),
            tuple(2, "gti", "gti", "GTI"),
            tuple(3, "aeff", "aeff_2d", "EFFECTIVE AREA"),
            tuple(4, "edisp", "edisp_2d", "ENERGY DISPERSION"),
            tuple(5, "psf", "psf_table", "PSF"),
            tuple(6, "bkg", "bkg_2d", "BACKGROUND"),
            tuple(7, "rad_max", "rad_max_2d", "RAD_MAX"));
    Observation obs = hdus.get(0).observation().orElseThrow();
    assertThat(obs.obsId()).isEqualTo(4242);
    assertThat(obs.eventCount()).isEqualTo(7);
    assertThat(obs.raPnt()).isEqualTo(83.63);
    assertThat(obs.decPnt()).isEqualTo(22.01);
    assertThat(obs.altPnt()).isNaN();
    assertThat(obs.tstart()).isEqualTo(1000.0);
    assertThat(obs.tstop()).isEqualTo(2800.0);
    assertThat(obs.livetime()).isEqualTo(1710.0);
    assertThat(obs.deadc()).isEqualTo(0.95);
    assertThat(obs.object()).isEqualTo("Crab Nebula");
    assertThat(obs.time())
        .isEqualTo(new GadfFiles.TimeReference(51910, 7.428703703703703E-4, "s", "TT", "LOCAL"));
    assertThat(hdus.subList(1, hdus.size())).allSatisfy(h -> assertThat(h.observation()).isEmpty());
  }

  @Test
  void aGzippedFileHasTheSameHdus() throws IOException {
    GadfFileBuilderPair pair = new GadfFileBuilderPair();

    List<Hdu> plain = GadfHeaders.read(pair.plain);

    assertThat(plain).hasSize(3);
    assertThat(GadfHeaders.read(pair.gzipped)).isEqualTo(plain);
  }

  @Test
  void aBackgroundWithFieldOfViewAxesIs3dAndUnknownFormatsFallBackToTheKind() throws IOException {
    Path file =
        aGadfFile()
            .events(1)
            .extension(
                h -> {
                  put(h, "EXTNAME", "BKG");
                  put(h, "HDUCLAS1", "RESPONSE");
                  put(h, "HDUCLAS2", "BKG");
                  put(h, "TTYPE1", "DETX_LO");
                })
            .irf("EFF_AREA", "AEFF_9D", "AEFF")
            .writeTo(tmp.resolve("bkg.fits"));

    assertThat(GadfHeaders.read(file))
        .extracting(Hdu::hduType, Hdu::hduClass)
        .containsExactly(
            tuple("events", "events"), tuple("bkg", "bkg_3d"), tuple("aeff", "aeff_2d"));
  }

  @Test
  void anEventListWithoutObsIdIsListedWithoutObservation() throws IOException {
    Path file = aGadfFile().events(3, h -> h.deleteKey("OBS_ID")).writeTo(tmp.resolve("x.fits"));

    List<Hdu> hdus = GadfHeaders.read(file);

    assertThat(hdus).singleElement().satisfies(h -> assertThat(h.observation()).isEmpty());
  }

  @Test
  void aFileThatIsNotFitsIsAnError() throws IOException {
    Path file = Files.writeString(tmp.resolve("notes.fits"), "not FITS at all");

    assertThatThrownBy(() -> GadfHeaders.read(file)).isInstanceOf(IOException.class);
  }

  @Test
  void theHduIndexHoldsOneRowPerHduWithTheGadfColumnsAndKeywords() throws Exception {
    List<HduRow> rows =
        List.of(
            new HduRow(11, "events", "events", "data/p1", "obs_11.fits.gz", "EVENTS"),
            new HduRow(11, "aeff", "aeff_2d", "data/p1", "obs_11.fits.gz", "EFFECTIVE AREA"),
            new HduRow(12, "events", "events", "data/p2/sub", "obs_12.fits", "EVENTS"));

    BinaryTableHDU table = readTable(GadfIndexTables.hduIndex(rows));

    assertThat(columnNames(table))
        .containsExactly("OBS_ID", "HDU_TYPE", "HDU_CLASS", "FILE_DIR", "FILE_NAME", "HDU_NAME");
    assertThat((long[]) table.getColumn("OBS_ID")).containsExactly(11, 11, 12);
    assertThat(strings(table, "HDU_TYPE")).containsExactly("events", "aeff", "events");
    assertThat(strings(table, "HDU_CLASS")).containsExactly("events", "aeff_2d", "events");
    assertThat(strings(table, "FILE_DIR")).containsExactly("data/p1", "data/p1", "data/p2/sub");
    assertThat(strings(table, "FILE_NAME"))
        .containsExactly("obs_11.fits.gz", "obs_11.fits.gz", "obs_12.fits");
    assertThat(strings(table, "HDU_NAME")).containsExactly("EVENTS", "EFFECTIVE AREA", "EVENTS");
    Header h = table.getHeader();
    assertThat(h.getStringValue("EXTNAME")).isEqualTo("HDU_INDEX");
    assertThat(h.getStringValue("HDUCLASS")).isEqualTo("GADF");
    assertThat(h.getStringValue("HDUCLAS1")).isEqualTo("INDEX");
    assertThat(h.getStringValue("HDUCLAS2")).isEqualTo("HDU");
    assertThat(h.getStringValue("HDUDOC")).contains("gamma-astro-data-formats");
    assertThat(h.getStringValue("HDUVERS")).isEqualTo("0.3");
  }

  @Test
  void theObservationIndexHoldsOneRowPerObservationOnTheTimeReferenceOfTheFirst() throws Exception {
    GadfFiles.TimeReference ref = new GadfFiles.TimeReference(51910, 0.25, "s", "TT", "LOCAL");
    GadfFiles.TimeReference dayLater = new GadfFiles.TimeReference(51911, 0.25, "s", "TT", "LOCAL");
    List<Observation> observations =
        List.of(
            new Observation(7, 83.63, 22.01, 60, 180, 100, 1900, 1800, 1710, 0.95, "Crab", 50, ref),
            new Observation(
                8,
                329.72,
                -30.23,
                Double.NaN,
                Double.NaN,
                100,
                1300,
                1200,
                1200,
                1.0,
                "",
                3,
                dayLater));

    BinaryTableHDU table = readTable(GadfIndexTables.obsIndex(observations));

    assertThat(columnNames(table))
        .containsExactly(
            "OBS_ID",
            "RA_PNT",
            "DEC_PNT",
            "ALT_PNT",
            "AZ_PNT",
            "TSTART",
            "TSTOP",
            "ONTIME",
            "LIVETIME",
            "DEADC",
            "OBJECT",
            "EVENT_COUNT");
    assertThat((long[]) table.getColumn("OBS_ID")).containsExactly(7, 8);
    assertThat((double[]) table.getColumn("RA_PNT")).containsExactly(83.63, 329.72);
    assertThat((double[]) table.getColumn("DEC_PNT")).containsExactly(22.01, -30.23);
    assertThat(((double[]) table.getColumn("ALT_PNT"))[0]).isEqualTo(60);
    assertThat(((double[]) table.getColumn("ALT_PNT"))[1]).isNaN();
    assertThat((double[]) table.getColumn("TSTART")).containsExactly(100, 100 + 86_400);
    assertThat((double[]) table.getColumn("TSTOP")).containsExactly(1900, 1300 + 86_400);
    assertThat((double[]) table.getColumn("LIVETIME")).containsExactly(1710, 1200);
    assertThat((double[]) table.getColumn("DEADC")).containsExactly(0.95, 1.0);
    assertThat(strings(table, "OBJECT")).containsExactly("Crab", "");
    assertThat((long[]) table.getColumn("EVENT_COUNT")).containsExactly(50, 3);
    Header h = table.getHeader();
    assertThat(h.getStringValue("EXTNAME")).isEqualTo("OBS_INDEX");
    assertThat(h.getStringValue("HDUCLAS1")).isEqualTo("INDEX");
    assertThat(h.getStringValue("HDUCLAS2")).isEqualTo("OBS");
    assertThat(h.getLongValue("MJDREFI")).isEqualTo(51910);
    assertThat(h.getDoubleValue("MJDREFF")).isEqualTo(0.25);
    assertThat(h.getStringValue("TIMEUNIT")).isEqualTo("s");
    assertThat(h.getStringValue("TIMESYS")).isEqualTo("TT");
    assertThat(h.getStringValue("TIMEREF")).isEqualTo("LOCAL");
    assertThat(h.getStringValue("TUNIT2")).isEqualTo("deg");
    assertThat(h.getStringValue("TUNIT6")).isEqualTo("s");
  }

  @Test
  void anIndexTableNeedsRows() {
    assertThatThrownBy(() -> GadfIndexTables.hduIndex(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GadfIndexTables.obsIndex(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The same file, plain and gzip-compressed. */
  private final class GadfFileBuilderPair {
    final Path plain;
    final Path gzipped;

    GadfFileBuilderPair() {
      plain =
          aGadfFile()
              .obsId(5)
              .events(4)
              .gti()
              .irf("PSF", "PSF_KING", "PSF")
              .writeTo(tmp.resolve("a.fits"));
      gzipped =
          aGadfFile()
              .obsId(5)
              .events(4)
              .gti()
              .irf("PSF", "PSF_KING", "PSF")
              .gzipped()
              .writeTo(tmp.resolve("a.fits.gz"));
    }
  }

  /** The table of a gzip-compressed FITS file (the first extension), data read. */
  private static BinaryTableHDU readTable(byte[] gz) throws Exception {
    assertThat(gz[0] & 0xff).as("gzip magic").isEqualTo(0x1f);
    try (Fits fits = new Fits(new GZIPInputStream(new ByteArrayInputStream(gz)))) {
      BinaryTableHDU table = (BinaryTableHDU) fits.getHDU(1);
      table.getData().getData();
      return table;
    }
  }

  private static List<String> columnNames(BinaryTableHDU table) {
    return java.util.stream.IntStream.range(0, table.getNCols())
        .mapToObj(table::getColumnName)
        .toList();
  }

  private static List<String> strings(BinaryTableHDU table, String column) throws Exception {
    int col = table.findColumn(column);
    return java.util.stream.IntStream.range(0, table.getNRows())
        .mapToObj(
            row -> {
              try {
                return ((String) table.getData().getElement(row, col)).strip();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private static void put(Header h, String key, String value) {
    try {
      h.addValue(key, value, "");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
