package org.dpps.archive.ingest.infrastructure.unpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.ingest.fixtures.ArchiveBuilder.aTar;
import static org.dpps.archive.ingest.fixtures.ArchiveBuilder.aTarGz;
import static org.dpps.archive.ingest.fixtures.ArchiveBuilder.aZip;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.Adler32;
import org.dpps.archive.ingest.application.IngestSettings.Limits;
import org.dpps.archive.ingest.domain.SipStager;
import org.dpps.archive.ingest.domain.SipStager.Format;
import org.dpps.archive.ingest.fixtures.ArchiveBuilder;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.schemas.model.MultiDigest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Well-formed deposits, the size and count limits, and the media type mapping. */
class SafeUnpackerTest {
  static final Limits GENEROUS = new Limits(1L << 30, 1000, 1L << 30, 200);
  static final byte[] EVENTS = random(70_000, 1);
  static final String NOTES = "Crab Nebula, run 6789\n";

  static final ExecutorService HELPERS = Executors.newCachedThreadPool();

  @TempDir Path tmp;

  @AfterAll
  static void stopHelpers() {
    HELPERS.shutdown();
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void unpacksNestedDirectoriesWithIndependentlyCheckedDigests(Format format) throws Exception {
    byte[] archive =
        builder(format)
            .dir("bag/")
            .file("bag/bagit.txt", "BagIt-Version: 1.0\n")
            .dir("bag/data/run/")
            .file("bag/data/run/events.bin", EVENTS)
            .file("bag/data/notes.txt", NOTES)
            .build();
    Path target = tmp.resolve("target");

    SipStager.Result result = unpack(GENEROUS, archive, format, target);

    assertThat(result.files())
        .containsOnlyKeys("bag/bagit.txt", "bag/data/run/events.bin", "bag/data/notes.txt");
    assertDigests(result.files().get("bag/data/run/events.bin"), EVENTS);
    assertDigests(result.files().get("bag/data/notes.txt"), NOTES.getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readAllBytes(target.resolve("bag/data/run/events.bin"))).isEqualTo(EVENTS);
    assertThat(target.resolve("bag/data/notes.txt")).hasContent(NOTES);
    assertThat(result.bytes()).isEqualTo(EVENTS.length + NOTES.length() + 19);
  }

  @Test
  void entriesWithoutDirectoryEntriesAndDotSlashNamesAreNormalised() throws Exception {
    byte[] archive = aTar().file("./data/a.txt", "a").file("data//b.txt", "bb").build();

    SipStager.Result result = unpack(GENEROUS, archive, Format.TAR, tmp.resolve("t"));

    assertThat(result.files()).containsOnlyKeys("data/a.txt", "data/b.txt");
    assertThat(tmp.resolve("t/data/b.txt")).hasContent("bb");
  }

  @Test
  void moreEntriesThanAllowedAreRefused() {
    Limits three = new Limits(1L << 30, 3, 1L << 30, 200);
    byte[] archive = aZip().file("a", "1").file("b", "2").file("c", "3").file("d", "4").build();

    assertRejected(() -> unpack(three, archive, Format.ZIP, tmp.resolve("t")))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_ENTRIES))
        .satisfies(e -> assertThat(e.path()).contains("d"));
  }

  @Test
  void anUploadLargerThanTheLimitIsRefused() {
    Limits small = new Limits(10_000, 1000, 1L << 30, 200);
    byte[] archive = aTar().file("data/events.bin", random(20_000, 2)).build();

    assertRejected(() -> unpack(small, archive, Format.TAR, tmp.resolve("t")))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_TOO_LARGE))
        .satisfies(e -> assertThat(e.getMessage()).contains("larger than 10000 bytes"));
  }

  @Test
  void moreUnpackedBytesThanAllowedAreRefused() {
    Limits small = new Limits(1L << 30, 1000, 5_000, 200);
    byte[] archive =
        aTar().file("data/a.bin", random(3_000, 3)).file("data/b.bin", random(3_000, 4)).build();

    assertRejected(() -> unpack(small, archive, Format.TAR, tmp.resolve("t")))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_TOO_LARGE))
        .satisfies(e -> assertThat(e.path()).contains("data/b.bin"))
        .satisfies(e -> assertThat(e.getMessage()).contains("unpacks to more than 5000 bytes"));
  }

  @ParameterizedTest
  @EnumSource(
      value = Format.class,
      names = {"ZIP", "TAR_GZ"})
  void aZipBombIsStoppedByTheCompressionRatio(Format format) {
    byte[] bomb = builder(format).file("data/zeros.bin", new byte[10 << 20]).build();
    assertThat(bomb.length).isLessThan(100_000);

    assertRejected(() -> unpack(GENEROUS, bomb, format, tmp.resolve("t")))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.COMPRESSION_RATIO))
        .satisfies(e -> assertThat(e.path()).contains("data/zeros.bin"));
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void randomBytesAreAMalformedArchive(Format format) {
    byte[] garbage = random(4096, 5);

    assertRejected(() -> unpack(GENEROUS, garbage, format, tmp.resolve("t")))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_ARCHIVE));
  }

  @Test
  void mediaTypesMapToFormatsIgnoringCaseAndParameters() {
    assertThat(Format.ofMediaType("application/zip")).contains(Format.ZIP);
    assertThat(Format.ofMediaType("application/zip; charset=x")).contains(Format.ZIP);
    assertThat(Format.ofMediaType("Application/X-Zip-Compressed")).contains(Format.ZIP);
    assertThat(Format.ofMediaType("application/x-tar")).contains(Format.TAR);
    assertThat(Format.ofMediaType("application/tar")).contains(Format.TAR);
    assertThat(Format.ofMediaType("application/gzip")).contains(Format.TAR_GZ);
    assertThat(Format.ofMediaType("application/x-gzip ; q=1")).contains(Format.TAR_GZ);
    assertThat(Format.ofMediaType("application/x-gtar")).contains(Format.TAR_GZ);
    assertThat(Format.ofMediaType("application/tar+gzip")).contains(Format.TAR_GZ);
    assertThat(Format.ofMediaType("application/json")).isEmpty();
    assertThat(Format.ofMediaType("application/x-7z-compressed")).isEmpty();
    assertThat(Format.ofMediaType("")).isEmpty();
    assertThat(Format.ofMediaType(null)).isEmpty();
  }

  static SipStager.Result unpack(Limits limits, byte[] archive, Format format, Path target) {
    // helper tasks as on the server: the 70 kB file's digests take the parallel path
    return new SafeUnpacker(limits, HELPERS)
        .unpack(new ByteArrayInputStream(archive), format, target);
  }

  static org.assertj.core.api.ObjectAssert<ArchiveException> assertRejected(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(thrown).isInstanceOf(ArchiveException.class);
    return org.assertj.core.api.Assertions.assertThatObject((ArchiveException) thrown);
  }

  static ArchiveBuilder builder(Format format) {
    return switch (format) {
      case ZIP -> aZip();
      case TAR -> aTar();
      case TAR_GZ -> aTarGz();
    };
  }

  static void assertDigests(MultiDigest.Result actual, byte[] content) throws Exception {
    HexFormat hex = HexFormat.of();
    Adler32 adler = new Adler32();
    adler.update(content);
    assertThat(actual.size()).isEqualTo(content.length);
    assertThat(actual.digests().sha512())
        .isEqualTo(hex.formatHex(MessageDigest.getInstance("SHA-512").digest(content)));
    assertThat(actual.digests().sha256())
        .isEqualTo(hex.formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    assertThat(actual.digests().adler32())
        .isEqualTo(String.format(Locale.ROOT, "%08x", adler.getValue()));
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
