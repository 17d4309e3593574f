package org.dpps.archive.platform.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.dpps.archive.platform.internal.jobs.ManagedExecutors;

/**
 * The container's executor for short helper tasks that run beside a request or a job and are
 * awaited by it: a digest computed on another core while the next chunk is read, a flush to disk
 * while more bytes arrive. Code outside the platform starts no threads of its own; it hands this
 * executor to the code that needs one.
 */
@ApplicationScoped
public class HelperExecutor {
  private Executor executor;

  protected HelperExecutor() {}

  @Inject
  public HelperExecutor(ManagedExecutors executors) {
    this(executors.executor());
  }

  private HelperExecutor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** Helper tasks on the given executor (tests, tools). */
  public static HelperExecutor over(Executor executor) {
    return new HelperExecutor(executor);
  }

  public Executor executor() {
    return executor;
  }
}
