package org.dpps.archive.ingest.infrastructure.unpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.ingest.fixtures.ArchiveBuilder.aTar;
import static org.dpps.archive.ingest.fixtures.ArchiveBuilder.aZip;
import static org.dpps.archive.ingest.infrastructure.unpack.SafeUnpackerTest.GENEROUS;
import static org.dpps.archive.ingest.infrastructure.unpack.SafeUnpackerTest.assertRejected;
import static org.dpps.archive.ingest.infrastructure.unpack.SafeUnpackerTest.unpack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.dpps.archive.ingest.domain.SipStager;
import org.dpps.archive.ingest.domain.SipStager.Format;
import org.dpps.archive.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Entry names and types an attacker might use to write outside the bag. */
class SafeUnpackerHostileEntriesTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"../evil", "data/../../evil", "./../evil", "a/../../evil"})
  void climbingOutOfTheTargetIsRefusedAndNothingIsWritten(String name) throws IOException {
    for (Format format : List.of(Format.ZIP, Format.TAR)) {
      byte[] archive =
          SafeUnpackerTest.builder(format).file("data/ok.txt", "ok").file(name, "pwned").build();
      Path target = tmp.resolve("deposit-" + format + "/target");

      assertRejected(() -> unpack(GENEROUS, archive, format, target))
          .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_ESCAPE))
          .satisfies(e -> assertThat(e.code().id()).isEqualTo("INGEST-004"))
          .satisfies(e -> assertThat(e.path()).contains(name));
      assertThat(target.getParent().resolve("evil")).doesNotExist();
      assertThat(tmp.resolve("evil")).doesNotExist();
      assertThat(listAll(tmp)).noneMatch(p -> p.getFileName().toString().equals("evil"));
    }
  }

  @Test
  void absolutePathsAreRefusedInZipAndTar() throws IOException {
    Path target = tmp.resolve("t");
    assertRejected(() -> unpack(GENEROUS, aZip().file("/etc/x", "x").build(), Format.ZIP, target))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_ESCAPE))
        .satisfies(e -> assertThat(e.path()).contains("/etc/x"));
    assertRejected(() -> unpack(GENEROUS, aTar().file("/etc/x", "x").build(), Format.TAR, target))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_ESCAPE))
        .satisfies(e -> assertThat(e.getMessage()).contains("Absolute"));
    assertRejected(
            () -> unpack(GENEROUS, aZip().file("C:/Windows/x", "x").build(), Format.ZIP, target))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_ESCAPE));
    assertThat(listAll(target)).allMatch(Files::isDirectory);
  }

  @ParameterizedTest
  @ValueSource(strings = {"data\\evil.txt", "..\\..\\evil.txt", "data\\..\\x"})
  void backslashesInTarNamesAreRefused(String name) throws IOException {
    Path target = tmp.resolve("t");
    assertRejected(() -> unpack(GENEROUS, aTar().file(name, "x").build(), Format.TAR, target))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_ESCAPE))
        .satisfies(e -> assertThat(e.getMessage()).contains("NUL or a backslash"));
    assertThat(listAll(target)).allMatch(Files::isDirectory);
  }

  @Test
  void nulInAZipNameIsRefused() throws IOException {
    Path target = tmp.resolve("t");
    assertRejected(
            () -> unpack(GENEROUS, aZip().file("data/a\0.txt", "x").build(), Format.ZIP, target))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_ESCAPE))
        .satisfies(e -> assertThat(e.getMessage()).contains("NUL or a backslash"));
    assertThat(listAll(target)).allMatch(Files::isDirectory);
  }

  /**
   * commons-compress turns the DOS separators of a (FAT-platform) zip entry into '/' before the
   * name is checked: a backslash name lands inside the target and cannot hide a '..'.
   */
  @Test
  void zipBackslashSeparatorsAreReadAsSlashesAndStillCannotClimb() throws IOException {
    Path target = tmp.resolve("t");
    SipStager.Result result =
        unpack(GENEROUS, aZip().file("data\\run\\a.txt", "a").build(), Format.ZIP, target);
    assertThat(result.files()).containsOnlyKeys("data/run/a.txt");
    assertThat(target.resolve("data/run/a.txt")).hasContent("a");

    Path other = tmp.resolve("other/t");
    assertRejected(
            () -> unpack(GENEROUS, aZip().file("..\\..\\evil", "x").build(), Format.ZIP, other))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_ESCAPE));
    assertThat(listAll(tmp)).noneMatch(p -> p.getFileName().toString().contains("evil"));
  }

  @Test
  void tarSymbolicAndHardLinksAreRefused() {
    for (byte type : new byte[] {TarConstants.LF_SYMLINK, TarConstants.LF_LINK}) {
      Path target = tmp.resolve("t" + (char) type);
      byte[] archive =
          aTar().file("data/ok.txt", "ok").tarSpecial("data/link", type, "/etc/passwd").build();
      assertRejected(() -> unpack(GENEROUS, archive, Format.TAR, target))
          .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_ESCAPE))
          .satisfies(e -> assertThat(e.getMessage()).contains("Links are not accepted"))
          .satisfies(e -> assertThat(e.path()).contains("data/link"));
      assertThat(target.resolve("data/link")).doesNotExist();
    }
  }

  @Test
  void tarDevicesAndPipesAreRefused() {
    for (byte type : new byte[] {TarConstants.LF_CHR, TarConstants.LF_BLK, TarConstants.LF_FIFO}) {
      Path target = tmp.resolve("t" + (char) type);
      byte[] archive = aTar().tarSpecial("data/dev", type, null).build();
      assertRejected(() -> unpack(GENEROUS, archive, Format.TAR, target))
          .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_ESCAPE))
          .satisfies(e -> assertThat(e.path()).contains("data/dev"));
      assertThat(target.resolve("data/dev")).doesNotExist();
    }
  }

  @Test
  void aZipSymlinkEntryIsRefused() {
    byte[] archive =
        aZip().file("data/ok.txt", "ok").zipSymlink("data/link", "/etc/passwd").build();
    Path target = tmp.resolve("t");

    assertRejected(() -> unpack(GENEROUS, archive, Format.ZIP, target))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_ESCAPE))
        .satisfies(e -> assertThat(e.path()).contains("data/link"));
    assertThat(target.resolve("data/link")).doesNotExist();
  }

  @Test
  void anEntryPresentTwiceIsAMalformedArchive() {
    for (Format format : List.of(Format.ZIP, Format.TAR)) {
      byte[] archive =
          SafeUnpackerTest.builder(format)
              .file("data/a.txt", "first")
              .file("./data/a.txt", "second")
              .build();
      Path target = tmp.resolve("t-" + format);

      assertRejected(() -> unpack(GENEROUS, archive, format, target))
          .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_ARCHIVE))
          .satisfies(e -> assertThat(e.path()).contains("data/a.txt"));
      assertThat(target.resolve("data/a.txt")).hasContent("first");
    }
  }

  static List<Path> listAll(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !p.equals(dir)).toList();
    }
  }
}
