package org.dpps.archive.ingest.infrastructure.unpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.ingest.infrastructure.unpack.SafeUnpackerHostileEntriesTest.listAll;
import static org.dpps.archive.ingest.infrastructure.unpack.SafeUnpackerTest.GENEROUS;
import static org.dpps.archive.ingest.infrastructure.unpack.SafeUnpackerTest.assertRejected;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dpps.archive.ingest.application.IngestSettings.Limits;
import org.dpps.archive.ingest.domain.SipStager;
import org.dpps.archive.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying a bag staged on disk by a pipeline. */
class SafeUnpackerCopyTreeTest {
  @TempDir Path tmp;

  @Test
  void copiesAStagedBagWithDigests() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("inbox/bag/data/run"));
    Files.writeString(source.resolve("events.txt"), "events");
    Files.writeString(tmp.resolve("inbox/bag/bagit.txt"), "BagIt-Version: 1.0\n");

    SipStager.Result result =
        new SafeUnpacker(GENEROUS).copyTree(tmp.resolve("inbox/bag"), tmp.resolve("t"));

    assertThat(result.files()).containsOnlyKeys("bagit.txt", "data/run/events.txt");
    SafeUnpackerTest.assertDigests(
        result.files().get("data/run/events.txt"), "events".getBytes(StandardCharsets.UTF_8));
    assertThat(tmp.resolve("t/data/run/events.txt")).hasContent("events");
    assertThat(tmp.resolve("inbox/bag/data/run/events.txt")).hasContent("events");
    assertThat(result.bytes()).isEqualTo(6 + 19);
  }

  @Test
  void refusesSymlinksAndWritesNothingOutsideTheTarget() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside")).resolve("secret");
    Files.writeString(outside, "s");
    Path bag = Files.createDirectories(tmp.resolve("inbox/bag/data"));
    Files.writeString(bag.resolve("a.txt"), "a");
    Files.createSymbolicLink(bag.resolve("secret"), outside);
    Path bag2 = Files.createDirectories(tmp.resolve("inbox/bag2/data"));
    Files.createSymbolicLink(bag2.resolve("dir"), tmp.resolve("outside"));

    for (Path source : List.of(tmp.resolve("inbox/bag"), tmp.resolve("inbox/bag2"))) {
      Path target = tmp.resolve("targets").resolve(source.getFileName());
      assertRejected(() -> new SafeUnpacker(GENEROUS).copyTree(source, target))
          .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_ESCAPE))
          .satisfies(e -> assertThat(e.path().orElseThrow()).matches("data/(secret|dir)"));
      assertThat(listAll(target)).noneMatch(p -> p.getFileName().toString().matches("secret|dir"));
    }
    assertThat(listAll(tmp.resolve("outside"))).containsExactly(outside);
    assertThat(outside).hasContent("s");
    try (Stream<Path> top = Files.list(tmp)) {
      assertThat(top.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("outside", "inbox", "targets");
    }
  }

  @Test
  void appliesTheEntryAndSizeLimits() throws IOException {
    Path bag = Files.createDirectories(tmp.resolve("bag/data"));
    Files.write(bag.resolve("a.bin"), new byte[3000]);
    Files.write(bag.resolve("b.bin"), new byte[3000]);

    assertRejected(
            () ->
                new SafeUnpacker(new Limits(1L << 30, 2, 1L << 30, 200))
                    .copyTree(tmp.resolve("bag"), tmp.resolve("t1")))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_ENTRIES));
    assertRejected(
            () ->
                new SafeUnpacker(new Limits(1L << 30, 100, 5000, 200))
                    .copyTree(tmp.resolve("bag"), tmp.resolve("t2")))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_TOO_LARGE))
        .satisfies(e -> assertThat(e.path().orElseThrow()).matches("data/[ab]\\.bin"));
  }

  @Test
  void aMissingSourceIsAnInvalidStagedPath() {
    assertRejected(() -> new SafeUnpacker(GENEROUS).copyTree(tmp.resolve("nope"), tmp.resolve("t")))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.STAGED_PATH_INVALID));
  }
}
