package org.dpps.archive.platform.jobs;

/** Where a job is. QUEUED jobs wait for their {@code runAfter}; the last three are final. */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
