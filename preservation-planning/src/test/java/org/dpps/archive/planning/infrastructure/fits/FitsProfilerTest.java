package org.dpps.archive.planning.infrastructure.fits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;
import org.dpps.archive.planning.domain.FitsProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FitsProfilerTest {

  @TempDir Path dir;
  private final FitsTileCompression tiles = new FitsTileCompression();
  private final FitsProfiler profiler = new FitsProfiler();

  @Test
  void uncompressedInt16ImageIsAnUncompressedImage() throws Exception {
    Path file =
        FitsFixtures.write(
            dir.resolve("image.fits"),
            false,
            FitsFixtures.imageHdu(FitsFixtures.smoothInt16(30, 20), null));

    FitsProfile profile = profiler.profile(file);

    assertThat(profile.tags()).containsExactly("uncompressed-image");
    assertThat(profile.hdus()).isEqualTo(1);
  }

  @Test
  void compressedOutputIsTileCompressedAndNoLongerAnUncompressedImage() throws Exception {
    Path original =
        FitsFixtures.write(
            dir.resolve("image.fits"),
            false,
            FitsFixtures.imageHdu(FitsFixtures.smoothInt16(30, 20), null));
    Path compressed = dir.resolve("image.fits.fz");
    tiles.compress(original, compressed);

    FitsProfile profile = profiler.profile(compressed);

    assertThat(profile.tags()).containsExactly("tile-compressed");
    assertThat(profile.hdus()).isEqualTo(2); // empty primary + compressed image
  }

  @Test
  void gadfEventsTableGivesItsVersionAndTable() throws Exception {
    Path file =
        FitsFixtures.write(
            dir.resolve("events.fits"),
            false,
            BasicHDU.getDummyHDU(),
            FitsFixtures.eventsHdu(50, "0.2"),
            FitsFixtures.headerOnlyHdu("META"));

    FitsProfile profile = profiler.profile(file);

    assertThat(profile.tags()).containsExactly("gadf-0.2", "table");
    assertThat(profile.hdus()).isEqualTo(3);
  }

  @Test
  void gadfVersionWrittenWithPrefixAndPatchIsNormalised() throws Exception {
    Path file =
        FitsFixtures.write(
            dir.resolve("events.fits"),
            false,
            BasicHDU.getDummyHDU(),
            FitsFixtures.eventsHdu(5, "v0.3.1"));

    assertThat(profiler.profile(file).tags()).contains("gadf-0.3");
  }

  @ParameterizedTest
  @CsvSource({
    "0.2, gadf-0.2",
    "0.2.0, gadf-0.2",
    "v0.2, gadf-0.2",
    "V 0.3, gadf-0.3",
    "1, gadf-1.0",
    "10.12, gadf-10.12",
    "draft, gadf-unknown"
  })
  void gadfVersionsAreNormalisedToMajorDotMinor(String hduvers, String tag) {
    assertThat(FitsProfiler.gadfTag(hduvers)).isEqualTo(tag);
  }

  @Test
  void gzipFitsIsTaggedAndStillProfiled() throws Exception {
    Path file =
        FitsFixtures.writeGzip(
            dir.resolve("events.fits.gz"),
            FitsFixtures.imageHdu(FitsFixtures.smoothInt16(10, 10), null),
            FitsFixtures.eventsHdu(20, "0.2"));

    FitsProfile profile = profiler.profile(file);

    assertThat(profile.tags()).containsExactly("gadf-0.2", "gzip", "table", "uncompressed-image");
    assertThat(profile.hdus()).isEqualTo(2);
  }

  @Test
  void tagsAreSortedAndUnmodifiable() throws Exception {
    Path file =
        FitsFixtures.write(
            dir.resolve("mixed.fits"),
            false,
            FitsFixtures.imageHdu(FitsFixtures.smoothInt16(10, 10), null),
            FitsFixtures.eventsHdu(5, "0.2"));

    FitsProfile profile = profiler.profile(file);

    assertThat(profile.tags()).containsExactly("gadf-0.2", "table", "uncompressed-image");
    assertThatThrownBy(() -> profile.tags().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void garbageIsRefusedWithAnIOException() throws IOException {
    Path file = dir.resolve("garbage.fits");
    byte[] garbage = new byte[6000];
    new java.util.Random(7).nextBytes(garbage);
    Files.write(file, garbage);

    assertThatThrownBy(() -> profiler.profile(file)).isInstanceOf(IOException.class);
  }

  @Test
  void textIsRefusedWithAnIOException() throws IOException {
    Path file = dir.resolve("readme.fits");
    Files.writeString(file, "This is not FITS at all.\n".repeat(200));

    assertThatThrownBy(() -> profiler.profile(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void emptyFileIsRefusedWithAnIOException() throws IOException {
    Path file = Files.createFile(dir.resolve("empty.fits"));

    assertThatThrownBy(() -> profiler.profile(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void gzipOfGarbageIsRefusedWithAnIOException() throws IOException {
    Path file = dir.resolve("garbage.fits.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("no FITS here".repeat(500).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    assertThatThrownBy(() -> profiler.profile(file)).isInstanceOf(IOException.class);
  }

  @Test
  void truncatedDataUnitIsRefusedWithAnIOException() throws Exception {
    Path file =
        FitsFixtures.write(
            dir.resolve("image.fits"),
            false,
            FitsFixtures.imageHdu(FitsFixtures.smoothInt16(100, 100), null));
    byte[] bytes = Files.readAllBytes(file);
    Path truncated = dir.resolve("truncated.fits");
    Files.write(truncated, Arrays.copyOf(bytes, 2880 + 5000)); // header + part of 20000 bytes

    assertThatThrownBy(() -> profiler.profile(truncated))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void missingFinalPaddingIsTolerated() throws Exception {
    Path file =
        FitsFixtures.write(
            dir.resolve("image.fits"),
            false,
            FitsFixtures.imageHdu(FitsFixtures.smoothInt16(10, 10), null));
    Path unpadded = dir.resolve("unpadded.fits");
    Files.write(unpadded, Arrays.copyOf(Files.readAllBytes(file), 2880 + 200));

    assertThat(profiler.profile(unpadded).tags()).containsExactly("uncompressed-image");
  }

  @Test
  void largeImagesAreProfiledFromTheirHeadersOnly() throws Exception {
    // 64 MiB float image + a table after it: the data unit is written as zeros after a header
    // made by nom-tam-fits (a valid FITS file, sparse on disk).
    int nx = 4096;
    int ny = 4096;
    Path file = dir.resolve("large.fits");
    Header header = new Header();
    header.setSimple(true);
    header.setBitpix(-32);
    header.setNaxes(2);
    header.setNaxis(1, nx);
    header.setNaxis(2, ny);
    header.addValue("EXTEND", true, "");
    long dataBytes = 4L * nx * ny;
    try (FitsOutputStream out = new FitsOutputStream(Files.newOutputStream(file))) {
      header.write(out);
    }
    long afterImage = Files.size(file) + dataBytes; // multiple of 2880: 64 MiB = 23301 blocks + 1
    afterImage = (afterImage + 2879) / 2880 * 2880;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(afterImage);
    }
    Path table =
        FitsFixtures.write(
            dir.resolve("table.fits"),
            false,
            BasicHDU.getDummyHDU(),
            FitsFixtures.eventsHdu(3, "0.2"));
    byte[] tableBytes = Files.readAllBytes(table);
    try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
      out.write(tableBytes, 2880, tableBytes.length - 2880); // the EVENTS extension only
    }
    assertThat(Files.size(file)).isGreaterThan(dataBytes);

    long allocatedBefore = allocatedBytes();
    long start = System.nanoTime();
    FitsProfile profile = profiler.profile(file);
    long millis = (System.nanoTime() - start) / 1_000_000;
    long allocated = allocatedBytes() - allocatedBefore;

    assertThat(profile.tags()).containsExactly("gadf-0.2", "table", "uncompressed-image");
    assertThat(profile.hdus()).isEqualTo(2);
    assertThat(millis).isLessThan(5_000);
    if (allocatedBefore >= 0) {
      assertThat(allocated).as("bytes allocated while profiling").isLessThan(8L << 20);
    }
  }

  @Test
  void largeGzipImagesAreStreamedWithoutBeingHeldInMemory() throws Exception {
    int nx = 4096;
    int ny = 4096;
    Path file = dir.resolve("large.fits.gz");
    Header header = new Header();
    header.setSimple(true);
    header.setBitpix(-32);
    header.setNaxes(2);
    header.setNaxis(1, nx);
    header.setNaxis(2, ny);
    try (FitsOutputStream out =
        new FitsOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16))) {
      header.write(out);
      byte[] zeros = new byte[1 << 16];
      long left = 4L * nx * ny;
      while (left > 0) {
        int n = (int) Math.min(zeros.length, left);
        out.write(zeros, 0, n);
        left -= n;
      }
    }

    long allocatedBefore = allocatedBytes();
    FitsProfile profile = profiler.profile(file);
    long allocated = allocatedBytes() - allocatedBefore;

    assertThat(profile.tags()).containsExactly("gzip", "uncompressed-image");
    assertThat(profile.hdus()).isEqualTo(1);
    if (allocatedBefore >= 0) {
      assertThat(allocated).as("bytes allocated while profiling").isLessThan(8L << 20);
    }
  }

  /** Bytes allocated so far by this thread, or -1 if the JVM cannot tell. */
  private static long allocatedBytes() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
        && bean.isThreadAllocatedMemorySupported()
        && bean.isThreadAllocatedMemoryEnabled()) {
      return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }
}
