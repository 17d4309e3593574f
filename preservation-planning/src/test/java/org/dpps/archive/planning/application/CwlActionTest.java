package org.dpps.archive.planning.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CWL actions run by the real cwltool (Debian). */
class CwlActionTest {
  static final String COPY_TOOL =
      String.join(
          "\n",
          "cwlVersion: v1.2",
          "class: CommandLineTool",
          "label: copier",
          "baseCommand: [cp]",
          "arguments: [out.bin]",
          "hints:",
          "  SoftwareRequirement:",
          "    packages:",
          "      coreutils: {version: [\"9.1\"]}",
          "inputs:",
          "  input: {type: File, inputBinding: {position: -1}}",
          "outputs:",
          "  output: {type: File, outputBinding: {glob: out.bin}}",
          "");

  @TempDir Path tmp;

  @BeforeAll
  static void cwltool() {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/cwltool")), "cwltool from Debian (.ci/clients.sh)");
  }

  @Test
  void aCommandLineToolRunsOnACopyAndItsResultComesBack() throws IOException {
    CwlAction action =
        CwlAction.of(COPY_TOOL, "cwltool", Duration.ofMinutes(2), tmp.resolve("check"));
    assertThat(action.tool().name()).isEqualTo("copier");
    assertThat(action.tool().version()).isEqualTo("coreutils 9.1");
    assertThat(action.tool().runner()).startsWith("cwltool 3.");
    Path in = tmp.resolve("in.bin");
    Files.write(in, new byte[] {1, 2, 3, 4, 5});
    Path out = tmp.resolve("out.bin");
    action.migrate(in, out, tmp.resolve("work"));
    assertThat(Files.readAllBytes(out)).containsExactly(1, 2, 3, 4, 5);
    assertThat(Files.readAllBytes(in)).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void aToolThatWritesToItsInputCannotTouchTheStoredFile() throws IOException {
    String vandal =
        String.join(
            "\n",
            "cwlVersion: v1.2",
            "class: CommandLineTool",
            "label: vandal",
            "baseCommand: [sh, -c]",
            "arguments: ['echo spoiled > \"$0\"; cp \"$0\" out.bin', $(inputs.input.path)]",
            "inputs:",
            "  input: {type: File}",
            "outputs:",
            "  output: {type: File, outputBinding: {glob: out.bin}}",
            "");
    CwlAction action = CwlAction.of(vandal, "cwltool", Duration.ofMinutes(2), tmp.resolve("check"));
    Path in = tmp.resolve("stored.bin");
    Files.write(in, new byte[] {9, 9, 9});
    Path out = tmp.resolve("out.bin");
    action.migrate(in, out, tmp.resolve("work"));
    assertThat(Files.readString(out)).isEqualTo("spoiled\n");
    assertThat(Files.readAllBytes(in)).as("the stored file").containsExactly(9, 9, 9);
  }

  @Test
  void documentsThatAreNotASuitableCommandLineToolAreRefused() {
    for (String doc :
        new String[] {
          "garbage: [",
          "cwlVersion: v1.2\nclass: Workflow\ninputs: []\noutputs: []\nsteps: []\n",
          COPY_TOOL.replace("input:", "source:").replace("inputs.input", "inputs.source"),
          COPY_TOOL.replace("  output:", "  result:")
        }) {
      assertThatThrownBy(
              () -> CwlAction.of(doc, "cwltool", Duration.ofMinutes(2), tmp.resolve("c")))
          .as(doc)
          .isInstanceOf(ArchiveException.class)
          .extracting(t -> ((ArchiveException) t).code())
          .isEqualTo(ErrorCode.PLAN_REQUEST_INVALID);
    }
  }

  @Test
  void aFailingToolIsAnIoErrorWithCwltoolsMessage() {
    String failing = COPY_TOOL.replace("baseCommand: [cp]", "baseCommand: [\"false\"]");
    CwlAction action =
        CwlAction.of(failing, "cwltool", Duration.ofMinutes(2), tmp.resolve("check"));
    assertThatThrownBy(() -> action.migrate(writeIn(), tmp.resolve("o"), tmp.resolve("w")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cwltool exited with");
  }

  @Test
  void aToolRunningTooLongIsStopped() {
    String slow =
        COPY_TOOL
            .replace("baseCommand: [cp]", "baseCommand: [sh, -c, \"sleep 30\"]")
            .replace("arguments: [out.bin]", "");
    CwlAction action = CwlAction.of(slow, "cwltool", Duration.ofSeconds(3), tmp.resolve("check"));
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> action.migrate(writeIn(), tmp.resolve("o"), tmp.resolve("w")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did not finish");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
  }

  private Path writeIn() throws IOException {
    Path in = tmp.resolve("in-" + System.nanoTime());
    Files.write(in, new byte[] {1});
    return in;
  }
}
