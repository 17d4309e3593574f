package org.dpps.archive.ingest.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Period;
import java.util.Optional;
import org.dpps.archive.ingest.domain.EmbargoPolicy;
import org.dpps.archive.platform.config.PlatformSettings;
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
  private EmbargoPolicy embargo;

  protected IngestSettings() {}

  @Inject
  public IngestSettings(
      PlatformSettings platform,
      @ConfigProperty(name = "archive.ingest.max-upload-bytes", defaultValue = "1099511627776")
          long maxUploadBytes,
      @ConfigProperty(name = "archive.ingest.max-entries", defaultValue = "100000") int maxEntries,
      @ConfigProperty(name = "archive.ingest.max-unpacked-bytes", defaultValue = "1099511627776")
          long maxUnpackedBytes,
      @ConfigProperty(name = "archive.ingest.max-compression-ratio", defaultValue = "200")
          double maxRatio,
      @ConfigProperty(name = "archive.ingest.staged-root") Optional<String> stagedRoot,
      @ConfigProperty(name = "archive.embargo.proprietary-period", defaultValue = "P1Y")
          String proprietaryPeriod,
      @ConfigProperty(name = "archive.embargo.group", defaultValue = "ctao") String group) {
    this(
        new Limits(maxUploadBytes, maxEntries, maxUnpackedBytes, maxRatio),
        stagedRoot.filter(s -> !s.isBlank()).map(Path::of).orElse(platform.home().resolve("inbox")),
        platform.home().resolve("staging"),
        new EmbargoPolicy(Period.parse(proprietaryPeriod.trim()), group.trim()));
  }

  public IngestSettings(Limits limits, Path stagedRoot, Path workArea) {
    this(limits, stagedRoot, workArea, EmbargoPolicy.DEFAULT);
  }

  public IngestSettings(Limits limits, Path stagedRoot, Path workArea, EmbargoPolicy embargo) {
    this.limits = limits;
    this.stagedRoot = stagedRoot.toAbsolutePath().normalize();
    this.workArea = workArea.toAbsolutePath().normalize();
    this.embargo = embargo;
  }

  /** Release dates and access groups of new products. */
  public EmbargoPolicy embargo() {
    return embargo;
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
