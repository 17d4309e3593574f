package org.dpps.archive.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real archive, started as a separate process from the Payara Micro uber-jar ({@code java -jar
 * <bundle> --port <port> --nocluster}) with its own {@code ARCHIVE_HOME}. Output goes to a log file
 * per start ({@code server-<n>.log} next to the home directory); the process is always destroyed by
 * {@link #stop()}/{@link #close()} and, as a last resort, by a JVM shutdown hook.
 */
public final class ArchiveServer implements AutoCloseable {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final Path bundle;
  private final Path runDir;
  private final Path home;
  private final List<String> jvmOptions;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private Process process;
  private Path log;
  private int starts;

  private ArchiveServer(Path bundle, Path runDir, List<String> jvmOptions) {
    this.bundle = bundle;
    this.runDir = runDir;
    this.home = runDir.resolve("archive-home");
    this.jvmOptions = List.copyOf(jvmOptions);
    this.port = freePort();
    Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "archive-server-killer"));
  }

  /**
   * A server for a fresh run directory under {@code archive.test.work}, on a free port.
   *
   * @param jvmOptions extra JVM options, e.g. {@code -Darchive.ingest.max-entries=2000}
   */
  public static ArchiveServer create(List<String> jvmOptions) {
    Path bundle = Path.of(required("archive.bundle")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(bundle)) {
      throw new IllegalStateException(
          "No archive bundle at "
              + bundle
              + ": build it first with ./mvnw -B -q -o install -DskipTests");
    }
    Path work = Path.of(required("archive.test.work")).toAbsolutePath().normalize();
    try {
      Files.createDirectories(work);
      return new ArchiveServer(bundle, Files.createTempDirectory(work, "run-"), jvmOptions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the process and waits until {@code /health/ready} answers 200. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running");
    }
    starts++;
    log = runDir.resolve("server-" + starts + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    // Payara Micro unpacks its runtime (~230 MB) into java.io.tmpdir at each start and leaves it
    // behind when killed: keep it in the run directory, one at a time
    Path tmp = runDir.resolve("tmp");
    deleteTree(tmp);
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    command.add("-Djava.io.tmpdir=" + tmp);
    // where ObsCore's access_url and DataLink's links point: this server
    command.add("-Darchive.public-url=http://localhost:" + port);
    command.addAll(jvmOptions);
    command.addAll(
        List.of("-jar", bundle.toString(), "--port", String.valueOf(port), "--nocluster"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(runDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("ARCHIVE_HOME", home.toString());
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command, e);
    }
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    Instant started = Instant.now();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The archive exited with status "
                + process.exitValue()
                + " before it was ready; log tail:\n"
                + logTail(80));
      }
      if (ready()) {
        System.out.printf(
            "[e2e] archive ready on port %d after %d s (home %s, log %s)%n",
            port, Duration.between(started, Instant.now()).toSeconds(), home, log);
        return;
      }
      sleep(500);
    }
    String tail = logTail(80);
    kill();
    throw new IllegalStateException(
        "The archive was not ready within " + READY_TIMEOUT + "; log tail:\n" + tail);
  }

  /** Stops the process (SIGTERM, then SIGKILL after a minute) and waits for it to end. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /**
   * Kills the process with SIGKILL (no shutdown hook, no clean-up: a crash) and waits for it to
   * end.
   */
  public synchronized void killHard() {
    if (process == null) {
      return;
    }
    kill();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Whether the server process is running. */
  public synchronized boolean running() {
    return process != null && process.isAlive();
  }

  /** Stops and starts the process on the same port and data directory. */
  public void restart() {
    stop();
    start();
  }

  @Override
  public void close() {
    stop();
  }

  private void kill() {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  public boolean ready() {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://localhost:" + port + pathAndQuery);
  }

  /** {@code ARCHIVE_HOME} of this server. */
  public Path home() {
    return home;
  }

  /** The OCFL storage root. */
  /** The first replica's OCFL storage root (replica {@code r1}). */
  public Path ocflRoot() {
    return home.resolve("ocfl");
  }

  /**
   * The OCFL storage root of a replica with the default layout: {@code r1} is {@code ocfl/}, {@code
   * r2} is {@code ocfl-r2/} under the data directory.
   */
  public Path replicaRoot(String name) {
    return name.equals("r1") ? home.resolve("ocfl") : home.resolve("ocfl-" + name);
  }

  /** The archive's own staging area (one directory per deposit). */
  public Path staging() {
    return home.resolve("staging");
  }

  /** The staging root pipelines deposit from by path ({@code stagedPath}). */
  public Path inbox() {
    return home.resolve("inbox");
  }

  /** The run directory: the home and the logs live under it. */
  public Path runDir() {
    return runDir;
  }

  public Path log() {
    return log;
  }

  /** The last {@code lines} lines of the current log. */
  public String logTail(int lines) {
    if (log == null || !Files.exists(log)) {
      return "(no log)";
    }
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "System property " + property + " is not set (run the e2e tests with failsafe)");
    }
    return value;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      int port = socket.getLocalPort();
      if (port == 8080) {
        return freePort();
      }
      return port;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clear " + dir, e);
    }
  }
}
