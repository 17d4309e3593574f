package org.dpps.archive.planning.infrastructure.fits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import nom.tam.image.compression.hdu.CompressedImageHDU;
import nom.tam.image.compression.hdu.CompressedTableHDU;
import org.dpps.archive.planning.domain.FitsComparison;
import org.dpps.archive.planning.infrastructure.fits.FitsFixtures.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FitsTileCompressionTest {

  @TempDir Path dir;
  private final FitsTileCompression tiles = new FitsTileCompression();
  private final FitsEquivalence equivalence = new FitsEquivalence();
  private final FitsProfiler profiler = new FitsProfiler();

  @Test
  void libraryVersionIsTheVersionOfTheNomTamFitsJar() throws IOException {
    Properties pom = new Properties();
    try (InputStream in =
        Fits.class.getResourceAsStream(
            "/META-INF/maven/gov.nasa.gsfc.heasarc/nom-tam-fits/pom.properties")) {
      assertThat(in).isNotNull();
      pom.load(in);
    }

    assertThat(tiles.libraryVersion())
        .isEqualTo("nom-tam-fits " + pom.getProperty("version"))
        .matches("nom-tam-fits \\d+\\.\\d+\\.\\d+.*");
  }

  @ParameterizedTest
  @EnumSource(value = PixelType.class, mode = EnumSource.Mode.EXCLUDE, names = "INT64")
  void primaryImagesOfEveryTypeCompressLosslessly(PixelType type) throws Exception {
    Object pixels = FitsFixtures.image(type, FitsFixtures.NY, FitsFixtures.NX, 1);
    Path original =
        FitsFixtures.write(dir.resolve("in.fits"), false, FitsFixtures.imageHdu(pixels, null));
    Path compressed = dir.resolve("out.fits.fz");

    tiles.compress(original, compressed);

    FitsComparison.Report report = equivalence.compare(original, compressed);
    assertThat(report.differences()).isEmpty();
    assertThat(report.equivalent()).isTrue();
    List<BasicHDU<?>> hdus = FitsFixtures.hdus(compressed);
    assertThat(hdus).hasSize(2);
    assertThat(hdus.get(0).getHeader().getIntValue("NAXIS")).isZero();
    CompressedImageHDU image = (CompressedImageHDU) hdus.get(1);
    Header header = image.getHeader();
    assertThat(header.getBooleanValue("ZSIMPLE")).isTrue();
    assertThat(header.getStringValue("TFORM1")).startsWith("1PB");
    boolean integer = type != PixelType.FLOAT32 && type != PixelType.FLOAT64;
    assertThat(header.getStringValue("ZCMPTYPE")).isEqualTo(integer ? "RICE_1" : "GZIP_2");
    if (!integer) {
      assertThat(header.getStringValue("ZQUANTIZ")).isEqualTo("NONE");
    }
    assertThat(header.containsKey("ZDITHER0")).isFalse();
    assertThat(header.getIntValue("ZTILE1")).isEqualTo(FitsFixtures.NX);
    assertThat(header.getIntValue("ZTILE2")).isEqualTo(1);
    assertThat(image.asImageHDU().getKernel()).isEqualTo(pixels);
  }

  @Test
  void int64ImagesAreCopiedUncompressedBecauseCfitsioCannotReadThem() throws Exception {
    Object pixels = FitsFixtures.image(PixelType.INT64, 10, 20, 9);
    Path original =
        FitsFixtures.write(
            dir.resolve("in.fits"),
            false,
            FitsFixtures.imageHdu(pixels, null),
            FitsFixtures.imageHdu(FitsFixtures.smoothInt16(5, 5), "SMALL"));
    Path compressed = dir.resolve("out.fits.fz");

    tiles.compress(original, compressed);

    List<BasicHDU<?>> hdus = FitsFixtures.hdus(compressed);
    assertThat(hdus).hasSize(2);
    assertThat(hdus.get(0)).isInstanceOf(ImageHDU.class);
    assertThat(hdus.get(0).getKernel()).isEqualTo(pixels);
    assertThat(hdus.get(1)).isInstanceOf(CompressedImageHDU.class);
    assertThat(profiler.profile(compressed).tags())
        .containsExactly("tile-compressed", "uncompressed-image");
    assertThat(equivalence.compare(original, compressed).differences()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(PixelType.class)
  void extensionImagesOfEveryTypeRoundTripExactly(PixelType type) throws Exception {
    Object pixels = FitsFixtures.image(type, FitsFixtures.NY, FitsFixtures.NX, 2);
    Path original =
        FitsFixtures.write(
            dir.resolve("in.fits"),
            false,
            BasicHDU.getDummyHDU(),
            FitsFixtures.imageHdu(pixels, "SCI"));
    Path compressed = dir.resolve("out.fits.fz");
    Path restored = dir.resolve("restored.fits");

    tiles.compress(original, compressed);
    tiles.decompress(compressed, restored);

    assertThat(equivalence.compare(original, compressed).differences()).isEmpty();
    assertThat(equivalence.compare(original, restored).differences()).isEmpty();
    List<BasicHDU<?>> compressedHdus = FitsFixtures.hdus(compressed);
    assertThat(compressedHdus).hasSize(2);
    assertThat(compressedHdus.get(1))
        .isInstanceOf(type == PixelType.INT64 ? ImageHDU.class : CompressedImageHDU.class);
    if (type != PixelType.INT64) {
      assertThat(compressedHdus.get(1).getHeader().getStringValue("ZTENSION")).isEqualTo("IMAGE");
    }
    assertThat(compressedHdus.get(1).getHeader().getStringValue("EXTNAME")).isEqualTo("SCI");
    List<BasicHDU<?>> restoredHdus = FitsFixtures.hdus(restored);
    assertThat(restoredHdus).hasSize(2);
    assertThat(restoredHdus.get(1)).isInstanceOf(ImageHDU.class);
    assertThat(restoredHdus.get(1).getHeader().getStringValue("EXTNAME")).isEqualTo("SCI");
    assertThat(restoredHdus.get(1).getKernel()).isEqualTo(pixels);
  }

  @Test
  void denormalsAndNanPayloadsSurviveBitForBit() throws Exception {
    float[][] pixels = new float[6][40];
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 40; x++) {
        pixels[y][x] = y * 100 + x * 0.5f;
      }
    }
    pixels[1][3] = Float.intBitsToFloat(0x00012345); // denormal
    pixels[2][4] = Float.intBitsToFloat(0x7fc00001); // NaN with a payload
    pixels[5][39] = Float.intBitsToFloat(0x80000000); // -0.0
    Path original =
        FitsFixtures.write(dir.resolve("in.fits"), false, FitsFixtures.imageHdu(pixels, null));
    Path compressed = dir.resolve("out.fits.fz");
    Path restored = dir.resolve("restored.fits");

    tiles.compress(original, compressed);
    tiles.decompress(compressed, restored);

    float[][] back = (float[][]) FitsFixtures.hdus(restored).get(0).getKernel();
    assertThat(Float.floatToRawIntBits(back[1][3])).isEqualTo(0x00012345);
    assertThat(Float.floatToRawIntBits(back[2][4])).isEqualTo(0x7fc00001);
    assertThat(Float.floatToRawIntBits(back[5][39])).isEqualTo(0x80000000);
    assertThat(equivalence.compare(original, restored).differences()).isEmpty();
  }

  @Test
  void incompressibleTilesAreStoredAsUncompressedDataOfTheImageType() throws Exception {
    Object pixels = FitsFixtures.image(PixelType.INT16, 9, 50, 3); // rows 2, 5, 8 are noise
    Path original =
        FitsFixtures.write(dir.resolve("in.fits"), false, FitsFixtures.imageHdu(pixels, null));
    Path compressed = dir.resolve("out.fits.fz");

    tiles.compress(original, compressed);

    CompressedImageHDU image = (CompressedImageHDU) FitsFixtures.hdus(compressed).get(1);
    Header header = image.getHeader();
    assertThat(header.getStringValue("TTYPE1")).isEqualTo("COMPRESSED_DATA");
    assertThat(header.getStringValue("TTYPE2")).isEqualTo("UNCOMPRESSED_DATA");
    assertThat(header.getStringValue("TFORM2")).startsWith("1PI");
    byte[][] tiles = (byte[][]) image.getData().getColumn(0);
    short[][] raw = (short[][]) image.getData().getColumn(1);
    for (int row = 0; row < 9; row++) {
      if (row % 3 == 2) {
        assertThat(tiles[row]).isEmpty();
        assertThat(raw[row]).isEqualTo(((short[][]) pixels)[row]);
      } else {
        assertThat(tiles[row]).isNotEmpty();
        assertThat(raw[row]).isEmpty();
      }
    }
    assertThat(image.asImageHDU().getKernel()).isEqualTo(pixels);
  }

  @Test
  void cubesAreTiledRowByRow() throws Exception {
    int[][][] cube = new int[3][5][40];
    java.util.Random random = new java.util.Random(11);
    for (int z = 0; z < 3; z++) {
      for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 40; x++) {
          cube[z][y][x] = (z + y) % 2 == 0 ? x * 10 + y : random.nextInt();
        }
      }
    }
    Path original =
        FitsFixtures.write(dir.resolve("cube.fits"), false, FitsFixtures.imageHdu(cube, null));
    Path compressed = dir.resolve("cube.fits.fz");
    Path restored = dir.resolve("cube.restored.fits");

    tiles.compress(original, compressed);
    tiles.decompress(compressed, restored);

    Header header = FitsFixtures.hdus(compressed).get(1).getHeader();
    assertThat(header.getIntValue("ZNAXIS")).isEqualTo(3);
    assertThat(header.getIntValue("NAXIS2")).isEqualTo(15); // one tile per row
    assertThat(equivalence.compare(original, compressed).differences()).isEmpty();
    assertThat(FitsFixtures.hdus(restored).get(0).getKernel()).isEqualTo(cube);
  }

  @Test
  void mixedFilesKeepTablesAndHeaderOnlyHdusAndCompressEveryImage() throws Exception {
    short[][] primary = FitsFixtures.smoothInt16(30, 50);
    Object sci = FitsFixtures.image(PixelType.FLOAT32, 20, 30, 4);
    Path original =
        FitsFixtures.write(
            dir.resolve("mixed.fits"),
            false,
            FitsFixtures.imageHdu(primary, null),
            FitsFixtures.eventsHdu(200, "0.2"),
            FitsFixtures.headerOnlyHdu("META"),
            FitsFixtures.imageHdu(sci, "SCI"));
    Path compressed = dir.resolve("mixed.fits.fz");
    Path restored = dir.resolve("mixed.restored.fits");

    tiles.compress(original, compressed);
    tiles.decompress(compressed, restored);

    FitsComparison.Report report = equivalence.compare(original, compressed);
    assertThat(report.differences()).isEmpty();
    assertThat(report.migrated())
        .extracting(FitsComparison.HduSummary::kind)
        .containsExactly("image", "binary-table", "header-only", "image");
    List<BasicHDU<?>> hdus = FitsFixtures.hdus(compressed);
    assertThat(hdus).hasSize(5);
    assertThat(hdus.get(1)).isInstanceOf(CompressedImageHDU.class);
    assertThat(hdus.get(2))
        .isInstanceOf(BinaryTableHDU.class)
        .isNotInstanceOf(CompressedTableHDU.class);
    assertThat(hdus.get(2).getHeader().getStringValue("HDUCLASS")).isEqualTo("GADF");
    assertThat(hdus.get(3).getHeader().getStringValue("EXTNAME")).isEqualTo("META");
    assertThat(hdus.get(3).getHeader().getIntValue("NAXIS")).isZero();
    assertThat(hdus.get(4)).isInstanceOf(CompressedImageHDU.class);
    assertThat(profiler.profile(compressed).tags())
        .containsExactly("gadf-0.2", "table", "tile-compressed");

    assertThat(equivalence.compare(original, restored).differences()).isEmpty();
    List<BasicHDU<?>> back = FitsFixtures.hdus(restored);
    assertThat(back).hasSize(4);
    assertThat(back.get(0).getKernel()).isEqualTo(primary);
    assertThat(back.get(3).getKernel()).isEqualTo(sci);
    assertThat(profiler.profile(restored).tags())
        .containsExactly("gadf-0.2", "table", "uncompressed-image");
  }

  @Test
  void smoothImagesGetSmaller() throws Exception {
    Path original =
        FitsFixtures.write(
            dir.resolve("smooth.fits"),
            false,
            FitsFixtures.imageHdu(FitsFixtures.smoothInt16(400, 400), null));
    Path compressed = dir.resolve("smooth.fits.fz");

    tiles.compress(original, compressed);

    assertThat(Files.size(compressed)).isLessThan(Files.size(original) / 3);
    assertThat(equivalence.compare(original, compressed).equivalent()).isTrue();
  }

  @Test
  void headerCardsAreKeptInOrder() throws Exception {
    BasicHDU<?> hdu = FitsFixtures.imageHdu(FitsFixtures.smoothInt16(20, 30), "SCI");
    Header h = hdu.getHeader();
    h.insertHistory("reduced with ctapipe 0.19");
    h.insertComment("calibrated pixel charges");
    h.insertHistory("second history line");
    String longValue = "a long string value ".repeat(8).strip();
    hdu.addValue("LONGSTR", longValue, "continued over several cards");
    hdu.addValue("BUNIT", "p.e.", "");
    Path original = FitsFixtures.write(dir.resolve("in.fits"), false, BasicHDU.getDummyHDU(), hdu);
    Path compressed = dir.resolve("out.fits.fz");
    Path restored = dir.resolve("restored.fits");

    tiles.compress(original, compressed);
    tiles.decompress(compressed, restored);

    List<String> userKeys =
        List.of(
            "EXTNAME",
            "OBJECT",
            "EXPOSURE",
            "CALIB",
            "HISTORY",
            "COMMENT",
            "HISTORY",
            "LONGSTR",
            "BUNIT");
    Header compressedHeader = FitsFixtures.hdus(compressed).get(1).getHeader();
    assertThat(FitsFixtures.keys(compressedHeader)).containsSubsequence(userKeys);
    assertThat(compressedHeader.getStringValue("LONGSTR")).isEqualTo(longValue);
    Header restoredHeader = FitsFixtures.hdus(restored).get(1).getHeader();
    assertThat(FitsFixtures.keys(restoredHeader))
        .filteredOn(
            k ->
                !List.of("XTENSION", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "PCOUNT", "GCOUNT")
                    .contains(k))
        .containsExactlyElementsOf(userKeys);
    assertThat(restoredHeader.getStringValue("LONGSTR")).isEqualTo(longValue);
    assertThat(restoredHeader.getDoubleValue("EXPOSURE")).isEqualTo(1800.5);
    assertThat(equivalence.compare(original, restored).differences()).isEmpty();
  }

  @Test
  void checksumsAreRecomputedWhenTheInputHadThem() throws Exception {
    Path original =
        FitsFixtures.write(
            dir.resolve("in.fits"),
            true,
            FitsFixtures.imageHdu(FitsFixtures.smoothInt16(20, 30), null),
            FitsFixtures.eventsHdu(10, "0.2"));
    Path compressed = dir.resolve("out.fits.fz");
    Path restored = dir.resolve("restored.fits");

    tiles.compress(original, compressed);
    tiles.decompress(compressed, restored);

    for (Path file : List.of(compressed, restored)) {
      try (Fits fits = new Fits(file.toFile())) {
        BasicHDU<?>[] hdus = fits.read();
        for (BasicHDU<?> hdu : hdus) {
          assertThat(hdu.getHeader().containsKey("CHECKSUM")).as(file + " CHECKSUM").isTrue();
          assertThat(hdu.getHeader().containsKey("DATASUM")).as(file + " DATASUM").isTrue();
          assertThat(hdu.verifyIntegrity()).as(file + " integrity").isTrue();
        }
        assertThat(hdus[1].getHeader().containsKey("ZHECKSUM")).isFalse();
      }
    }
  }

  @Test
  void noChecksumsAreAddedWhenTheInputHadNone() throws Exception {
    Path original =
        FitsFixtures.write(
            dir.resolve("in.fits"),
            false,
            FitsFixtures.imageHdu(FitsFixtures.smoothInt16(20, 30), null));
    Path compressed = dir.resolve("out.fits.fz");

    tiles.compress(original, compressed);

    for (BasicHDU<?> hdu : FitsFixtures.hdus(compressed)) {
      assertThat(hdu.getHeader().containsKey("CHECKSUM")).isFalse();
      assertThat(hdu.getHeader().containsKey("DATASUM")).isFalse();
    }
  }

  @Test
  void compressingTwiceLeavesCompressedImagesAsTheyAre() throws Exception {
    Path original =
        FitsFixtures.write(
            dir.resolve("in.fits"),
            false,
            FitsFixtures.imageHdu(FitsFixtures.image(PixelType.INT32, 10, 20, 5), null));
    Path once = dir.resolve("once.fits.fz");
    Path twice = dir.resolve("twice.fits.fz");

    tiles.compress(original, once);
    tiles.compress(once, twice);

    assertThat(FitsFixtures.hdus(twice)).hasSize(2);
    assertThat(equivalence.compare(original, twice).differences()).isEmpty();
  }

  @Test
  void gzipInputIsAccepted() throws Exception {
    short[][] pixels = FitsFixtures.smoothInt16(20, 30);
    Path original =
        FitsFixtures.writeGzip(dir.resolve("in.fits.gz"), FitsFixtures.imageHdu(pixels, null));
    Path compressed = dir.resolve("out.fits.fz");

    tiles.compress(original, compressed);

    assertThat(equivalence.compare(original, compressed).differences()).isEmpty();
    assertThat(profiler.profile(compressed).tags()).containsExactly("tile-compressed");
  }

  @Test
  void compressedTablesAreDecompressed() throws Exception {
    BinaryTableHDU events = FitsFixtures.eventsHdu(300, "0.2");
    Path original =
        FitsFixtures.write(dir.resolve("events.fits"), false, BasicHDU.getDummyHDU(), events);
    BinaryTableHDU read = (BinaryTableHDU) FitsFixtures.hdus(original).get(1);
    CompressedTableHDU compressedTable =
        CompressedTableHDU.fromBinaryTableHDU(read, 100).compress();
    Path compressed =
        FitsFixtures.write(
            dir.resolve("events.fits.fz"), false, BasicHDU.getDummyHDU(), compressedTable);
    Path restored = dir.resolve("events.restored.fits");

    tiles.decompress(compressed, restored);

    assertThat(profiler.profile(compressed).tags()).contains("tile-compressed");
    assertThat(equivalence.compare(original, compressed).differences()).isEmpty();
    assertThat(equivalence.compare(original, restored).differences()).isEmpty();
    BasicHDU<?> back = FitsFixtures.hdus(restored).get(1);
    assertThat(back).isInstanceOf(BinaryTableHDU.class).isNotInstanceOf(CompressedTableHDU.class);
    assertThat(back.getHeader().getStringValue("EXTNAME")).isEqualTo("EVENTS");
    assertThat(((BinaryTableHDU) back).getColumn("ENERGY")).isEqualTo(read.getColumn("ENERGY"));
  }

  @Test
  void theInputIsNeverModified() throws Exception {
    Path original =
        FitsFixtures.write(
            dir.resolve("in.fits"),
            false,
            FitsFixtures.imageHdu(FitsFixtures.smoothInt16(20, 30), null));
    String before = FitsFixtures.sha256(original);

    tiles.compress(original, dir.resolve("out.fits.fz"));

    assertThat(FitsFixtures.sha256(original)).isEqualTo(before);
    assertThatThrownBy(() -> tiles.compress(original, original))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("overwrite");
    assertThat(FitsFixtures.sha256(original)).isEqualTo(before);
  }

  @Test
  void anExistingOutputIsTruncated() throws Exception {
    Path original =
        FitsFixtures.write(
            dir.resolve("in.fits"),
            false,
            FitsFixtures.imageHdu(FitsFixtures.smoothInt16(20, 30), null));
    Path out = dir.resolve("out.fits.fz");
    byte[] junk = new byte[1_000_000];
    Arrays.fill(junk, (byte) 'x');
    Files.write(out, junk);

    tiles.compress(original, out);

    assertThat(Files.size(out)).isLessThan(junk.length).isEqualTo(Files.size(out) / 2880 * 2880);
    assertThat(equivalence.compare(original, out).equivalent()).isTrue();
  }

  @Test
  void garbageInputFailsWithIOExceptionAndLeavesNoOutput() throws IOException {
    Path garbage = dir.resolve("garbage.fits");
    Files.writeString(garbage, "not a FITS file ".repeat(400));
    Path out = dir.resolve("out.fits.fz");

    assertThatThrownBy(() -> tiles.compress(garbage, out)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> tiles.decompress(garbage, out)).isInstanceOf(IOException.class);
    assertThat(out).doesNotExist();
  }
}
