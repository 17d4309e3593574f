package org.dpps.archive.schemas.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtapipeProvenanceLogTest {

  @TempDir Path tmp;

  /** Two runs appended to one log (ctapipe opens it with mode "a+"), NaN in the config. */
  @Test
  void parsesAppendedRunsOfARealisticLog() throws Exception {
    Path log =
        Path.of(getClass().getResource("/provenance/ctapipe-process.provenance.log").toURI());

    List<CtapipeActivity> activities = CtapipeProvenanceLog.parse(log);

    assertThat(activities).hasSize(2);
    CtapipeActivity process = activities.get(0);
    assertThat(process.name()).isEqualTo("ctapipe-process");
    assertThat(process.uuid()).isEqualTo("5f0c8a5e-6a4e-4b8e-9d41-1c2b3a4d5e6f");
    assertThat(process.start()).contains(Instant.parse("2024-01-02T03:04:05.123Z"));
    assertThat(process.stop()).contains(Instant.parse("2024-01-02T03:34:06.456Z"));
    assertThat(process.softwareVersion()).contains("0.23.2");
    assertThat(process.exitCode()).contains(0);
    assertThat(process.inputs())
        .containsExactly(
            new FileRef(
                "/data/sim/gamma_20deg_0deg_run1___cta-prod6-lapalma.simtel.zst",
                Optional.of("DL0/Event"),
                Optional.empty()),
            new FileRef(
                "/opt/conda/envs/ctapipe/share/ctapipe/stage1_config.yaml",
                Optional.of("Tool Configuration"),
                Optional.empty()));
    assertThat(process.outputs())
        .containsExactly(
            new FileRef(
                "/data/dl1/gamma_run1.dl1.h5",
                Optional.of("DL1/Event"),
                Optional.of("7a1e2f3c-4b5d-4e6f-8a9b-0c1d2e3f4a5b")));

    CtapipeActivity apply = activities.get(1);
    assertThat(apply.name()).isEqualTo("ctapipe-apply-models");
    assertThat(apply.start()).contains(Instant.parse("2024-01-02T04:00:00Z"));
    assertThat(apply.stop()).contains(Instant.parse("2024-01-02T04:00:07.5Z"));
    assertThat(apply.softwareVersion()).contains("0.24.0");
    assertThat(apply.exitCode()).contains(1);
    assertThat(apply.inputs().get(0).productId()).contains("7a1e2f3c-4b5d-4e6f-8a9b-0c1d2e3f4a5b");
    assertThat(apply.inputs().get(1).role()).isEmpty();
    assertThat(apply.outputs()).isEmpty();
  }

  @Test
  void minimalActivityHasEmptyOptionals() {
    String json =
        "[{\"activity_name\": \"ctapipe-info\", \"activity_uuid\": \"u-1\","
            + " \"start\": {}, \"stop\": {}, \"system\": {}, \"input\": [], \"output\": [],"
            + " \"exit_code\": null, \"status\": \"running\"}]";

    List<CtapipeActivity> activities =
        CtapipeProvenanceLog.parse(json.getBytes(StandardCharsets.UTF_8), "x.provenance.log");

    assertThat(activities)
        .containsExactly(
            new CtapipeActivity(
                "ctapipe-info",
                "u-1",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.empty()));
  }

  @Test
  void timesWithAnExplicitZoneAreHonoured() {
    String json =
        "[{\"activity_name\": \"a\", \"activity_uuid\": \"u\","
            + " \"start\": {\"time_utc\": \"2024-01-02T03:04:05+01:00\"},"
            + " \"stop\": {\"time_utc\": \"2024-01-02T03:04:06Z\"}}]";

    CtapipeActivity a =
        CtapipeProvenanceLog.parse(json.getBytes(StandardCharsets.UTF_8), "z").get(0);

    assertThat(a.start()).contains(Instant.parse("2024-01-02T02:04:05Z"));
    assertThat(a.stop()).contains(Instant.parse("2024-01-02T03:04:06Z"));
  }

  @Test
  void emptyListIsNoActivities() {
    assertThat(CtapipeProvenanceLog.parse("[]".getBytes(StandardCharsets.UTF_8), "e")).isEmpty();
  }

  @Test
  void garbageIsProvenanceInvalidWithThePath() throws Exception {
    Path file = tmp.resolve("tool.provenance.log");
    Files.writeString(file, "INFO this is a plain log, not JSON");

    assertInvalid(file, "not valid JSON");
  }

  @Test
  void truncatedJsonIsProvenanceInvalid() throws Exception {
    Path file = tmp.resolve("cut.provenance.log");
    Files.writeString(file, "[{\"activity_name\": \"ctapipe-process\", \"activity_uu");

    assertInvalid(file, "not valid JSON");
  }

  @Test
  void emptyFileIsProvenanceInvalid() throws Exception {
    Path file = tmp.resolve("empty.provenance.log");
    Files.writeString(file, "  \n");

    assertInvalid(file, "empty");
  }

  @Test
  void wrongShapesAreProvenanceInvalid() throws Exception {
    assertInvalidContent("42", "expected a JSON list of activities");
    assertInvalidContent("[42]", "activity 0 is not a JSON object");
    assertInvalidContent("[{\"activity_uuid\": \"u\"}]", "activity 0 lacks a string activity_name");
    assertInvalidContent(
        "[{\"activity_name\": \"a\", \"activity_uuid\": \"u\", \"input\": {}}]",
        "activity 0 input is not a list");
    assertInvalidContent(
        "[{\"activity_name\": \"a\", \"activity_uuid\": \"u\", \"output\": [{\"role\": \"x\"}]}]",
        "activity 0 output[0] lacks a string url");
    assertInvalidContent(
        "[{\"activity_name\": \"a\", \"activity_uuid\": \"u\", \"exit_code\": \"zero\"}]",
        "non-integer exit_code");
    assertInvalidContent(
        "[{\"activity_name\": \"a\", \"activity_uuid\": \"u\","
            + " \"start\": {\"time_utc\": \"yesterday\"}}]",
        "activity 0 start time_utc is not a timestamp: yesterday");
  }

  @Test
  void filesOver16MiBAreRefusedWithoutParsing() throws Exception {
    Path file = tmp.resolve("huge.provenance.log");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(CtapipeProvenanceLog.MAX_BYTES + 1);
    }

    assertInvalid(file, "larger than 16777216 bytes");
  }

  @Test
  void deeplyNestedJsonIsProvenanceInvalidNotAStackOverflow() {
    String json = "[".repeat(100_000) + "]".repeat(100_000);

    assertInvalidContent(json, "not valid JSON");
  }

  private static void assertInvalid(Path file, String messagePart) {
    assertThatThrownBy(() -> CtapipeProvenanceLog.parse(file))
        .isInstanceOfSatisfying(
            ArchiveException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PROVENANCE_INVALID);
              assertThat(e.path()).contains(file.toString());
            })
        .hasMessageContaining(messagePart);
  }

  private static void assertInvalidContent(String json, String messagePart) {
    assertThatThrownBy(
            () -> CtapipeProvenanceLog.parse(json.getBytes(StandardCharsets.UTF_8), "p.log"))
        .isInstanceOfSatisfying(
            ArchiveException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PROVENANCE_INVALID);
              assertThat(e.path()).contains("p.log");
            })
        .hasMessageContaining(messagePart);
  }
}
