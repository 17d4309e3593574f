package org.dpps.archive.access.domain.tap;

/** The execution phases of a UWS 1.1 job. */
public enum TapPhase {
  PENDING,
  QUEUED,
  EXECUTING,
  COMPLETED,
  ERROR,
  ABORTED,
  UNKNOWN,
  HELD,
  SUSPENDED,
  ARCHIVED;

  /** Whether the job has ended (it will not run, or run again). */
  public boolean isFinal() {
    return this == COMPLETED || this == ERROR || this == ABORTED || this == ARCHIVED;
  }
}
