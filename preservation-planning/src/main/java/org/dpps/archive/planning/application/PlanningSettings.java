package org.dpps.archive.planning.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import org.dpps.archive.platform.config.PlatformSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Typed configuration of preservation planning, keys {@code archive.planning.*}: the cwltool
 * executable, how long one CWL migration may run, how often a product is tried, and how many
 * products of a plan are migrated at the same time. Work files live under the archive's home
 * ({@code work/migrations}), on the same file system as storage so results move in.
 */
@ApplicationScoped
public class PlanningSettings {
  private String cwltool;
  private Duration cwlTimeout;
  private Path work;
  private int maxAttempts;
  private int threads;

  protected PlanningSettings() {}

  @Inject
  public PlanningSettings(
      PlatformSettings platform,
      @ConfigProperty(name = "archive.planning.cwltool", defaultValue = "cwltool") String cwltool,
      @ConfigProperty(name = "archive.planning.cwl-timeout", defaultValue = "PT1H") String timeout,
      @ConfigProperty(name = "archive.planning.max-attempts", defaultValue = "3") int maxAttempts,
      @ConfigProperty(name = "archive.planning.threads", defaultValue = "2") int threads) {
    this(
        cwltool,
        Duration.parse(timeout.trim()),
        platform.home().resolve("work/migrations"),
        maxAttempts,
        threads);
  }

  public PlanningSettings(
      String cwltool, Duration cwlTimeout, Path work, int maxAttempts, int threads) {
    this.cwltool = cwltool;
    this.cwlTimeout = cwlTimeout;
    this.work = work.toAbsolutePath().normalize();
    this.maxAttempts = maxAttempts;
    this.threads = Math.max(1, threads);
  }

  public String cwltool() {
    return cwltool;
  }

  public Duration cwlTimeout() {
    return cwlTimeout;
  }

  public Path work() {
    return work;
  }

  /** How often a product is tried before its item is FAILED (storage conflicts, crashes). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Products of one plan migrated at the same time. */
  public int threads() {
    return threads;
  }
}
