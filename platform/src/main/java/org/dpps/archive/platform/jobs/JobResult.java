package org.dpps.archive.platform.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run of a job ended, when it did not throw: finished, or to be run again later without
 * counting as a failed attempt (a deposit waiting for a replica to come back).
 */
public sealed interface JobResult {
  /** The work is done. */
  static JobResult done() {
    return Done.INSTANCE;
  }

  /** Run again after {@code delay}; {@code why} is shown as the job's message meanwhile. */
  static JobResult retryAfter(Duration delay, String why) {
    return new Later(delay, why);
  }

  /**
   * The node is shutting down and the run stopped at a safe point before the end: the job runs
   * again, from its recorded progress, at the next start (of this or another node).
   */
  static JobResult stopped() {
    return new Later(Duration.ZERO, "Interrupted by a shutdown; continues at the next start");
  }

  /** Finished. */
  enum Done implements JobResult {
    INSTANCE
  }

  /** Not finished: run again after the delay. */
  record Later(Duration delay, String why) implements JobResult {
    public Later {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("negative delay");
      }
    }
  }
}
