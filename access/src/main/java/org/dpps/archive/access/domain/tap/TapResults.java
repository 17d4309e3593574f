package org.dpps.archive.access.domain.tap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/** Port: where the results of asynchronous TAP jobs are kept until the jobs are destroyed. */
public interface TapResults {
  /**
   * Writes a job's result: whatever {@code writing} writes becomes the result only if it returns.
   */
  <T> T write(String jobId, Writing<T> writing) throws IOException;

  /** The result of a job, if it has one; the caller closes it. */
  Optional<InputStream> open(String jobId) throws IOException;

  /** The size of a job's result in bytes, if it has one. */
  Optional<Long> size(String jobId);

  /** Removes a job's result (nothing if it has none). */
  void delete(String jobId);

  /** Writes a result to a stream. */
  @FunctionalInterface
  interface Writing<T> {
    T to(OutputStream out) throws IOException;
  }
}
