package org.dpps.archive.ingest.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.dpps.archive.ingest.domain.Deposit;
import org.dpps.archive.ingest.domain.DepositRepository;
import org.dpps.archive.platform.jobs.Job;
import org.dpps.archive.platform.jobs.JobContext;
import org.dpps.archive.platform.jobs.JobHandler;
import org.dpps.archive.platform.jobs.JobResult;
import org.dpps.archive.platform.jobs.JobRunner;
import org.dpps.archive.storage.api.Storage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deposits as jobs of kind {@code deposit}: one job per received deposit, one deposit at a time,
 * its products characterised and assembled on both cores. A deposit waiting for a replica is tried
 * again every {@code archive.storage.replica-retry-seconds} once every replica is back. A job cut
 * short by a crash runs again; the deposit itself gives up after {@link
 * DepositProcessor#MAX_ATTEMPTS} attempts.
 */
@ApplicationScoped
public class DepositJobs implements JobHandler {
  public static final String KIND = "deposit";
  private static final int PARALLELISM = Math.max(2, Runtime.getRuntime().availableProcessors());
  private DepositProcessor processor;
  private DepositRepository deposits;
  private Storage storage;
  private JobRunner runner;
  private Duration replicaRetry;

  protected DepositJobs() {}

  @Inject
  public DepositJobs(
      DepositProcessor processor,
      DepositRepository deposits,
      Storage storage,
      JobRunner runner,
      @ConfigProperty(name = "archive.storage.replica-retry-seconds", defaultValue = "10")
          int replicaRetrySeconds) {
    this.processor = processor;
    this.deposits = deposits;
    this.storage = storage;
    this.runner = runner;
    this.replicaRetry = Duration.ofSeconds(Math.max(1, replicaRetrySeconds));
  }

  /** Queues the deposit for processing (or finds it queued already). */
  public void submit(String depositId) {
    runner.enqueue(KIND, depositId);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int maxAttempts() {
    // the deposit counts its own attempts and rejects itself after MAX_ATTEMPTS; one more run
    // lets it do so with its own message
    return DepositProcessor.MAX_ATTEMPTS + 1;
  }

  @Override
  public JobResult run(JobContext context) {
    String id = context.subject();
    Deposit deposit = deposits.find(id).orElse(null);
    if (deposit == null || deposit.state().isFinal()) {
      return JobResult.done();
    }
    if (deposit.awaitingReplica() && !storage.unavailableReplicas().isEmpty()) {
      return JobResult.retryAfter(
          replicaRetry, "Waits for replicas " + storage.unavailableReplicas());
    }
    DepositProcessor.Outcome outcome = processor.process(id, context.parallelism(PARALLELISM));
    return outcome == DepositProcessor.Outcome.WAITING_FOR_REPLICA
        ? JobResult.retryAfter(replicaRetry, "Waits for a replica")
        : JobResult.done();
  }

  @Override
  public void givenUp(Job job, String reason) {
    processor.giveUp(job.subject(), reason);
  }
}
