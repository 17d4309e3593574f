package org.dpps.archive.planning.application;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dpps.archive.planning.domain.MigrationAction;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * A migration done by an external tool described as a CWL {@code CommandLineTool} and run with
 * {@code cwltool}, the way DPPS runs its workflows. The tool takes one input {@code input} (a File)
 * and produces one output {@code output} (a File). It gets a copy of the stored file, so a tool
 * that writes to its input cannot touch the archive. The document is checked when the plan is made
 * ({@code cwltool --print-pre}, which also normalises it to JSON).
 */
public final class CwlAction implements MigrationAction {
  public static final String ID = "cwl";
  private static final int MAX_LOG = 4000;
  private final String document;
  private final String cwltool;
  private final Duration timeout;
  private final Tool tool;
  private final String label;

  private CwlAction(String document, String cwltool, Duration timeout, Tool tool, String label) {
    this.document = document;
    this.cwltool = cwltool;
    this.timeout = timeout;
    this.tool = tool;
    this.label = label;
  }

  /**
   * Checks the document with cwltool and returns the action.
   *
   * @throws ArchiveException PLAN-005 when the document is not a valid CWL CommandLineTool with a
   *     File input {@code input} and a File output {@code output}
   */
  public static CwlAction of(String document, String cwltool, Duration timeout, Path work) {
    try {
      Files.createDirectories(work);
      Path file = work.resolve("tool.cwl");
      Files.writeString(file, document, StandardCharsets.UTF_8);
      Result r = run(List.of(cwltool, "--print-pre", file.toString()), work, Duration.ofMinutes(2));
      if (r.exit() != 0) {
        throw invalid("cwltool rejects the tool: " + tail(r.log()));
      }
      JsonNode pre = FormatRegistry.JSON.readTree(r.out());
      if (!"CommandLineTool".equals(pre.path("class").asText())) {
        throw invalid("The CWL document must be a CommandLineTool, not " + pre.path("class"));
      }
      if (!hasPort(pre.path("inputs"), "input") || !hasPort(pre.path("outputs"), "output")) {
        throw invalid(
            "The CommandLineTool needs a File input named 'input' and a File output named"
                + " 'output'");
      }
      String label = pre.path("label").asText("CWL CommandLineTool");
      String version = null;
      for (JsonNode hint : iterable(pre.path("hints"), pre.path("requirements"))) {
        if ("SoftwareRequirement".equals(hint.path("class").asText())) {
          for (JsonNode p : hint.path("packages")) {
            if (p.path("version").isArray() && p.path("version").size() > 0) {
              version = p.path("package").asText() + " " + p.path("version").get(0).asText();
            }
          }
        }
      }
      if (version == null) {
        version = "sha256:" + sha256(document).substring(0, 16);
      }
      String runner = cwltoolVersion(cwltool, work);
      return new CwlAction(document, cwltool, timeout, new Tool(label, version, runner), label);
    } catch (IOException e) {
      throw invalid("Cannot check the CWL document: " + e.getMessage());
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "CWL CommandLineTool '" + label + "' run with " + tool.runner();
  }

  @Override
  public Tool tool() {
    return tool;
  }

  @Override
  public void migrate(Path in, Path out, Path work) throws IOException {
    Files.createDirectories(work);
    Path tool = work.resolve("tool.cwl");
    Files.writeString(tool, document, StandardCharsets.UTF_8);
    Path input = work.resolve("input").resolve(in.getFileName().toString());
    Files.createDirectories(input.getParent());
    Files.copy(in, input, StandardCopyOption.REPLACE_EXISTING);
    Path job = work.resolve("job.json");
    Files.write(
        job,
        FormatRegistry.JSON.writeValueAsBytes(
            Map.of("input", Map.of("class", "File", "path", input.toString()))));
    Path outdir = work.resolve("out");
    Files.createDirectories(work.resolve("tmp"));
    List<String> command =
        List.of(
            cwltool,
            "--no-container",
            "--quiet",
            "--outdir",
            outdir.toString(),
            "--tmpdir-prefix",
            work.resolve("tmp").toString() + "/",
            "--tmp-outdir-prefix",
            work.resolve("tmp").toString() + "/",
            tool.toString(),
            job.toString());
    Result r = run(command, work, timeout);
    if (r.exit() != 0) {
      throw new IOException("cwltool exited with " + r.exit() + ": " + tail(r.log()));
    }
    JsonNode result = FormatRegistry.JSON.readTree(r.out());
    String path = result.path("output").path("path").asText(null);
    if (path == null) {
      throw new IOException("cwltool reported no File output 'output': " + tail(r.out()));
    }
    Path produced = Path.of(path).toAbsolutePath().normalize();
    if (!produced.startsWith(outdir.toAbsolutePath().normalize())
        || !Files.isRegularFile(produced)) {
      throw new IOException("The tool's output is not a file in its output directory: " + path);
    }
    Files.move(produced, out, StandardCopyOption.REPLACE_EXISTING);
  }

  private static boolean hasPort(JsonNode ports, String name) {
    for (JsonNode p : ports) {
      String id = p.path("id").asText("");
      if ((id.equals(name) || id.endsWith("#" + name) || id.endsWith("/" + name))
          && (p.path("type").asText("").equals("File")
              || (name.equals("output") && p.path("type").asText("").equals("stdout")))) {
        return true;
      }
    }
    return false;
  }

  private static List<JsonNode> iterable(JsonNode... arrays) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode a : arrays) {
      a.forEach(all::add);
    }
    return all;
  }

  private static String cwltoolVersion(String cwltool, Path work) throws IOException {
    Result r = run(List.of(cwltool, "--version"), work, Duration.ofMinutes(1));
    String text = r.out().trim();
    // "/usr/bin/cwltool 3.1.20230209161050"
    String version = text.substring(text.lastIndexOf(' ') + 1);
    return "cwltool " + version;
  }

  record Result(int exit, String out, String log) {}

  static Result run(List<String> command, Path dir, Duration timeout) throws IOException {
    Path stdout = Files.createTempFile(dir, "cwltool", ".out");
    Path stderr = Files.createTempFile(dir, "cwltool", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      boolean done;
      try {
        done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while cwltool ran");
      }
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IOException("cwltool did not finish within " + timeout);
      }
      return new Result(
          p.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  private static String tail(String log) {
    String clean = log.replaceAll("\u001B\\[[0-9;]*m", "").trim();
    return clean.length() <= MAX_LOG ? clean : "..." + clean.substring(clean.length() - MAX_LOG);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ArchiveException invalid(String message) {
    return new ArchiveException(ErrorCode.PLAN_REQUEST_INVALID, message);
  }
}
