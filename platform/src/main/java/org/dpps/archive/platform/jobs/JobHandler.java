package org.dpps.archive.platform.jobs;

import java.time.Duration;

/**
 * Runs the jobs of one kind. Each module that has background work registers one handler bean per
 * kind; the {@link JobRunner} claims due jobs of that kind, at most {@link #concurrency()} at a
 * time on one node, and calls {@link #run}. A run must be safe to repeat: after a crash or a lost
 * lease the job runs again from its last recorded progress.
 */
public interface JobHandler {
  /** The kind this handler runs, e.g. {@code deposit}. */
  String kind();

  /** Jobs of this kind run at the same time on one node. */
  default int concurrency() {
    return 1;
  }

  /** Runs (claims) of a job before it is given up as FAILED. */
  default int maxAttempts() {
    return 3;
  }

  /** The pause before the next run after a failed one ({@code attempt} counts from 1). */
  default Duration backoff(int attempt) {
    return Duration.ofSeconds(Math.min(60, 1L << Math.min(attempt, 6)));
  }

  /**
   * Does the work. Returns normally when it is done (or cancelled, see {@link
   * JobContext#cancelRequested()}) or wants to run later; throws when the run failed, and the
   * runner retries it after {@link #backoff} until {@link #maxAttempts()} runs have failed.
   */
  JobResult run(JobContext context);

  /**
   * Called once when the job is given up (its last attempt failed or was cut short by a crash), so
   * that the module can record the failure in its own terms (a deposit REJECTED, an audit FAILED).
   * {@code reason} says why.
   */
  default void givenUp(Job job, String reason) {}
}
