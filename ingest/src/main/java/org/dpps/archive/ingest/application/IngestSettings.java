package org.dpps.archive.ingest.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.dpps.archive.storage.application.StorageSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Typed configuration of ingest. Keys {@code archive.ingest.*}: limits that protect the archive
 * from hostile or broken deposits, and the root under which pipelines may stage bags on disk.
 */
@ApplicationScoped
public class IngestSettings {
  private Limits limits;
  private Path stagedRoot;
  private Path workArea;

  protected IngestSettings() {}

  @Inject
  public IngestSettings(
      StorageSettings storage,
      @ConfigProperty(name = "archive.ingest.max-upload-bytes", defaultValue = "1099511627776")
          long maxUploadBytes,
      @ConfigProperty(name = "archive.ingest.max-entries", defaultValue = "100000") int maxEntries,
      @ConfigProperty(name = "archive.ingest.max-unpacked-bytes", defaultValue = "1099511627776")
          long maxUnpackedBytes,
      @ConfigProperty(name = "archive.ingest.max-compression-ratio", defaultValue = "200")
          double maxRatio,
      @ConfigProperty(name = "archive.ingest.staged-root") Optional<String> stagedRoot) {
    this(
        new Limits(maxUploadBytes, maxEntries, maxUnpackedBytes, maxRatio),
        stagedRoot.filter(s -> !s.isBlank()).map(Path::of).orElse(storage.home().resolve("inbox")),
        storage.staging());
  }

  public IngestSettings(Limits limits, Path stagedRoot, Path workArea) {
    this.limits = limits;
    this.stagedRoot = stagedRoot.toAbsolutePath().normalize();
    this.workArea = workArea.toAbsolutePath().normalize();
  }

  public Limits limits() {
    return limits;
  }

  /** Where pipelines may put bags to deposit by path ({@code {"stagedPath": ...}}). */
  public Path stagedRoot() {
    return stagedRoot;
  }

  /** The archive's own staging area: one directory per deposit. */
  public Path workArea() {
    return workArea;
  }

  /**
   * Limits on one deposit.
   *
   * @param maxUploadBytes bytes of the request body
   * @param maxEntries files and directories in the SIP
   * @param maxUnpackedBytes bytes of all files once unpacked
   * @param maxCompressionRatio unpacked bytes per compressed byte (zip-bomb guard)
   */
  public record Limits(
      long maxUploadBytes, int maxEntries, long maxUnpackedBytes, double maxCompressionRatio) {}
}
