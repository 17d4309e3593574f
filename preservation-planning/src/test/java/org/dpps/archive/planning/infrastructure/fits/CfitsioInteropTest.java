package org.dpps.archive.planning.infrastructure.fits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nom.tam.fits.BasicHDU;
import org.dpps.archive.planning.domain.FitsComparison;
import org.dpps.archive.planning.infrastructure.fits.FitsFixtures.PixelType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interoperability with cfitsio's reference tools ({@code fpack}, {@code funpack} from the Debian
 * package libcfitsio-bin): fpack's output is judged equivalent, and funpack restores our output.
 */
class CfitsioInteropTest {

  private static final Path FPACK = Path.of("/usr/bin/fpack");
  private static final Path FUNPACK = Path.of("/usr/bin/funpack");

  @TempDir Path dir;
  private final FitsTileCompression tiles = new FitsTileCompression();
  private final FitsEquivalence equivalence = new FitsEquivalence();
  private final FitsProfiler profiler = new FitsProfiler();

  @BeforeEach
  void requireCfitsioTools() {
    assumeTrue(
        Files.isExecutable(FPACK) && Files.isExecutable(FUNPACK),
        "fpack/funpack (Debian package libcfitsio-bin) are not installed");
  }

  /** Runs a cfitsio tool with its output (-S: to stdout) redirected into a file. */
  private static void run(Path out, String... command) throws Exception {
    Path err = out.resolveSibling(out.getFileName() + ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished in time").isTrue();
    assertThat(process.exitValue())
        .as(String.join(" ", command) + ": " + Files.readString(err, StandardCharsets.UTF_8))
        .isZero();
  }

  private Path mixedFile(Object primary, Object extension) throws Exception {
    return FitsFixtures.write(
        dir.resolve("in.fits"),
        false,
        FitsFixtures.imageHdu(primary, null),
        FitsFixtures.eventsHdu(100, "0.2"),
        FitsFixtures.headerOnlyHdu("META"),
        FitsFixtures.imageHdu(extension, "SCI"));
  }

  @Test
  void fpackRiceOutputIsEquivalentToTheOriginal() throws Exception {
    Path original =
        mixedFile(
            FitsFixtures.image(PixelType.INT16, 30, 50, 1),
            FitsFixtures.image(PixelType.INT32, 20, 40, 2));
    Path packed = dir.resolve("in.fits.fz");

    run(packed, FPACK.toString(), "-r", "-S", original.toString());

    FitsComparison.Report report = equivalence.compare(original, packed);
    assertThat(report.differences()).isEmpty();
    assertThat(report.migrated())
        .extracting(FitsComparison.HduSummary::kind)
        .containsExactly("image", "binary-table", "header-only", "image");
    assertThat(profiler.profile(packed).tags())
        .containsExactly("gadf-0.2", "table", "tile-compressed");
    List<BasicHDU<?>> hdus = FitsFixtures.hdus(packed);
    assertThat(hdus.get(1).getHeader().getStringValue("EXTNAME")).isEqualTo("COMPRESSED_IMAGE");
    assertThat(hdus.get(1).getHeader().getBooleanValue("ZSIMPLE")).isTrue();
  }

  @Test
  void fpackOutputIsDecompressedByUsToAnEquivalentFile() throws Exception {
    Path original =
        mixedFile(FitsFixtures.smoothInt16(30, 50), FitsFixtures.image(PixelType.INT8, 10, 30, 3));
    Path packed = dir.resolve("in.fits.fz");
    Path restored = dir.resolve("restored.fits");
    run(packed, FPACK.toString(), "-r", "-S", original.toString());

    tiles.decompress(packed, restored);

    assertThat(equivalence.compare(original, restored).differences()).isEmpty();
    assertThat(profiler.profile(restored).tags()).doesNotContain("tile-compressed");
    assertThat(FitsFixtures.hdus(restored).get(0).getHeader().containsKey("EXTNAME")).isFalse();
  }

  @Test
  void lossyFpackOfFloatsIsNotEquivalent() throws Exception {
    float[][] noisy = new float[20][100];
    java.util.Random random = new java.util.Random(4);
    for (float[] row : noisy) {
      for (int x = 0; x < row.length; x++) {
        row[x] = 100f + 5f * (float) random.nextGaussian();
      }
    }
    Path original =
        FitsFixtures.write(
            dir.resolve("in.fits"),
            false,
            BasicHDU.getDummyHDU(),
            FitsFixtures.imageHdu(noisy, "SCI"));
    Path packed = dir.resolve("in.fits.fz");

    run(packed, FPACK.toString(), "-r", "-S", original.toString()); // quantizes floats

    FitsComparison.Report report = equivalence.compare(original, packed);
    assertThat(report.equivalent()).isFalse();
    assertThat(report.differences()).anyMatch(d -> d.startsWith("HDU 1 (SCI): data differ"));
    // fpack documents the quantization in HISTORY cards
    assertThat(report.differences()).anyMatch(d -> d.startsWith("HDU 1 (SCI): header HISTORY"));
  }

  @ParameterizedTest
  @EnumSource(
      value = PixelType.class,
      names = {"INT8", "INT16", "INT32", "FLOAT32", "FLOAT64"})
  void funpackRestoresOurCompressedOutput(PixelType type) throws Exception {
    Path original =
        mixedFile(
            FitsFixtures.image(type, FitsFixtures.NY, FitsFixtures.NX, 5),
            FitsFixtures.image(type, 12, 30, 6));
    Path compressed = dir.resolve("ours.fits.fz");
    Path unpacked = dir.resolve("unpacked.fits");
    tiles.compress(original, compressed);

    run(unpacked, FUNPACK.toString(), "-S", compressed.toString());

    FitsComparison.Report report = equivalence.compare(original, unpacked);
    assertThat(report.differences()).isEmpty();
    assertThat(profiler.profile(unpacked).tags())
        .containsExactly("gadf-0.2", "table", "uncompressed-image");
    assertThat(FitsFixtures.hdus(unpacked).get(0).getKernel())
        .isEqualTo(FitsFixtures.hdus(original).get(0).getKernel());
  }

  @Test
  void funpackRestoresChecksummedSmoothImages() throws Exception {
    Path original =
        FitsFixtures.write(
            dir.resolve("in.fits"),
            true,
            FitsFixtures.imageHdu(FitsFixtures.smoothInt16(100, 100), null));
    Path compressed = dir.resolve("ours.fits.fz");
    Path unpacked = dir.resolve("unpacked.fits");
    tiles.compress(original, compressed);

    run(unpacked, FUNPACK.toString(), "-S", compressed.toString());

    assertThat(equivalence.compare(original, unpacked).differences()).isEmpty();
    assertThat(Files.size(compressed)).isLessThan(Files.size(original));
  }
}
