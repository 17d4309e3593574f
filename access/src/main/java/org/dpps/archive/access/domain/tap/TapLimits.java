package org.dpps.archive.access.domain.tap;

/**
 * The limits the TAP capabilities declare.
 *
 * @param retentionDefaultSeconds how long an asynchronous job's results are kept by default
 * @param retentionHardSeconds the longest a job may ask for
 * @param executionDefaultSeconds a query's execution duration by default
 * @param executionHardSeconds the longest execution duration a query may ask for
 * @param outputDefaultRows MAXREC when the request gives none
 * @param outputHardRows the largest MAXREC
 * @param uploadHardBytes the largest upload
 */
public record TapLimits(
    long retentionDefaultSeconds,
    long retentionHardSeconds,
    long executionDefaultSeconds,
    long executionHardSeconds,
    long outputDefaultRows,
    long outputHardRows,
    long uploadHardBytes) {
  public TapLimits {
    if (retentionDefaultSeconds > retentionHardSeconds
        || executionDefaultSeconds > executionHardSeconds
        || outputDefaultRows > outputHardRows
        || outputDefaultRows < 0
        || uploadHardBytes < 0) {
      throw new IllegalArgumentException("a default above its hard limit, or a negative limit");
    }
  }
}
