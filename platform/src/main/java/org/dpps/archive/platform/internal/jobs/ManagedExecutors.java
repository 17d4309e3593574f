package org.dpps.archive.platform.internal.jobs;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;

/**
 * The container's default {@link ManagedExecutorService}: every background task of the archive runs
 * on it (its pool is sized in the WAR's pre-boot commands: Payara's default core size 0 with an
 * unbounded queue would run one task at a time).
 */
@ApplicationScoped
public class ManagedExecutors {
  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  public ExecutorService executor() {
    return executor;
  }
}
