package org.dpps.archive.platform.jobs;

import java.util.List;
import java.util.function.Function;

/** What a running job sees of the runner. */
public interface JobContext {
  /** The job as it was claimed. */
  Job job();

  /** What the job works on (a deposit id, an audit id, a plan id). */
  default String subject() {
    return job().subject();
  }

  /**
   * Whether somebody asked to cancel the job (checked against the database by the runner every few
   * seconds). A handler that sees it stops at the next safe point and returns.
   */
  boolean cancelRequested();

  /**
   * Whether the node is shutting down. A handler that sees it stops at the next safe point and
   * returns {@link JobResult#stopped()}.
   */
  boolean stopping();

  /** Records progress: shown in the job's view, kept across restarts. */
  void progress(long done, long total, String note);

  /**
   * Maps independent pieces of this job's work over at most {@code parallelism} tasks on the
   * container's executor. Results come back in input order; if items fail, the failure of the first
   * failing item (in input order) is thrown, so a job's outcome does not depend on timing.
   */
  <T, R> List<R> parallel(List<T> items, int parallelism, Function<T, R> work);

  /** The same as {@link #parallel}, as a {@link ParallelMap} to hand to the code that does it. */
  default ParallelMap parallelism(int parallelism) {
    JobContext context = this;
    return new ParallelMap() {
      @Override
      public <T, R> List<R> map(List<T> items, Function<T, R> work) {
        return context.parallel(items, parallelism, work);
      }
    };
  }
}
