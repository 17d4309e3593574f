package org.dpps.archive.platform.jobs;

import java.util.List;
import java.util.function.Function;

/**
 * Maps independent items, in parallel where the implementation can. Results come back in input
 * order; when items fail, the failure of the first failing item in input order is thrown. A job
 * gets one from {@link JobContext#parallelism(int)}; code outside a job uses {@link #SEQUENTIAL}.
 */
public interface ParallelMap {
  <T, R> List<R> map(List<T> items, Function<T, R> work);

  /** One item after the other, on the calling thread. */
  ParallelMap SEQUENTIAL =
      new ParallelMap() {
        @Override
        public <T, R> List<R> map(List<T> items, Function<T, R> work) {
          return items.stream().map(work).toList();
        }
      };
}
