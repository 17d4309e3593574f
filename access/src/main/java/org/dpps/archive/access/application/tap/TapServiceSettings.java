package org.dpps.archive.access.application.tap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dpps.archive.access.domain.tap.TapLimits;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits of the TAP service. Keys: {@code archive.tap.maxrec.default} (10000) and {@code
 * archive.tap.maxrec.hard} (1000000) rows; {@code archive.tap.sync.seconds} (60), the execution
 * duration of a synchronous query; {@code archive.tap.sync.concurrency} (4), how many synchronous
 * queries run at once; {@code archive.tap.sync.wait-seconds} (30): how long a query waits for a
 * free slot before it is refused with 503 and {@code TAP-010}. Table uploads are not accepted yet,
 * so the capabilities declare no upload method and no upload limit.
 */
@ApplicationScoped
public class TapServiceSettings {
  private TapLimits limits;
  private int syncConcurrency;
  private long syncWaitSeconds;

  protected TapServiceSettings() {}

  @Inject
  public TapServiceSettings(
      @ConfigProperty(name = "archive.tap.maxrec.default", defaultValue = "10000") long maxRec,
      @ConfigProperty(name = "archive.tap.maxrec.hard", defaultValue = "1000000") long maxRecHard,
      @ConfigProperty(name = "archive.tap.sync.seconds", defaultValue = "60") long seconds,
      @ConfigProperty(name = "archive.tap.sync.concurrency", defaultValue = "4") int concurrency,
      @ConfigProperty(name = "archive.tap.sync.wait-seconds", defaultValue = "30")
          long waitSeconds) {
    if (concurrency < 1 || seconds < 1) {
      throw new IllegalArgumentException(
          "archive.tap.sync.concurrency and archive.tap.sync.seconds must be 1 or more");
    }
    this.limits = new TapLimits(86_400, 7 * 86_400, seconds, seconds, maxRec, maxRecHard, 0);
    this.syncConcurrency = concurrency;
    this.syncWaitSeconds = Math.max(0, waitSeconds);
  }

  /** The defaults, for tests. */
  public static TapServiceSettings defaults() {
    return new TapServiceSettings(10_000, 1_000_000, 60, 4, 30);
  }

  public TapLimits limits() {
    return limits;
  }

  public int syncConcurrency() {
    return syncConcurrency;
  }

  /** How long a synchronous query waits for a free slot. */
  public long syncWaitSeconds() {
    return syncWaitSeconds;
  }
}
