package org.dpps.archive.access.application.tap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dpps.archive.access.domain.tap.ResultSummary;
import org.dpps.archive.access.domain.tap.TapException;
import org.dpps.archive.access.domain.tap.TapJob;
import org.dpps.archive.access.domain.tap.TapJobRepository;
import org.dpps.archive.access.domain.tap.TapPhase;
import org.dpps.archive.access.domain.tap.TapResults;
import org.dpps.archive.platform.jobs.Job;
import org.dpps.archive.platform.jobs.JobContext;
import org.dpps.archive.platform.jobs.JobHandler;
import org.dpps.archive.platform.jobs.JobResult;
import org.dpps.archive.platform.jobs.JobRunner;
import org.dpps.archive.platform.startup.ArchiveStarting;

/**
 * Runs asynchronous TAP queries ({@code tap-query} jobs, the subject is the UWS job id): EXECUTING,
 * then COMPLETED with the result file, or ERROR with the message of a bad query or a timeout (a bad
 * query is not retried). A run is safe to repeat: the result is written whole or not at all. A
 * periodic task removes jobs past their destruction time.
 */
@ApplicationScoped
public class TapQueryJobs implements JobHandler {
  private static final Logger LOG = Logger.getLogger(TapQueryJobs.class.getName());
  private TapJobRepository jobs;
  private TapResults results;
  private TapQueries queries;
  private TapJobService service;
  private JobRunner runner;
  private Clock clock;

  protected TapQueryJobs() {}

  @Inject
  public TapQueryJobs(
      TapJobRepository jobs,
      TapResults results,
      TapQueries queries,
      TapJobService service,
      JobRunner runner) {
    this.jobs = jobs;
    this.results = results;
    this.queries = queries;
    this.service = service;
    this.runner = runner;
    this.clock = Clock.systemUTC();
  }

  @Override
  public String kind() {
    return TapJobService.KIND;
  }

  @Override
  public int concurrency() {
    return 2;
  }

  @Override
  public int maxAttempts() {
    return 2;
  }

  void scheduleDestruction(
      @Observes @Priority(ArchiveStarting.CATALOGUE) ArchiveStarting starting) {
    runner.every("tap-destruction", TapJobService.destructionPeriod(), this::destroy);
  }

  void destroy() {
    try {
      int removed = service.destroyExpired();
      if (removed > 0) {
        LOG.info(() -> "TAP jobs past their destruction time removed: " + removed);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "removing expired TAP jobs failed", e);
    }
  }

  @Override
  public JobResult run(JobContext context) {
    String id = context.job().subject();
    Optional<TapJob> claimed =
        jobs.update(
            id,
            j ->
                j.phase() == TapPhase.QUEUED || j.phase() == TapPhase.EXECUTING
                    ? j.started(clock.instant())
                    : j);
    if (claimed.isEmpty() || claimed.get().phase() != TapPhase.EXECUTING) {
      return JobResult.done(); // deleted, aborted or already finished
    }
    TapJob job = claimed.get();
    try {
      TapQueries.Compiled compiled = queries.compile(job.request());
      ResultSummary summary =
          results.write(
              id, out -> queries.run(compiled, Duration.ofSeconds(job.executionDuration()), out));
      if (summary.failure().isPresent()) {
        finish(id, j -> j.failed(clock.instant(), summary.failure().get().describe()));
      } else {
        finish(
            id,
            j ->
                j.completed(
                    clock.instant(),
                    compiled.format().contentType(),
                    summary.rows(),
                    summary.overflowed()));
      }
    } catch (TapException e) {
      results.delete(id);
      finish(id, j -> j.failed(clock.instant(), e.describe()));
    } catch (IOException e) {
      throw new UncheckedIOException("writing the result of TAP job " + id, e);
    }
    return JobResult.done();
  }

  @Override
  public void givenUp(Job job, String reason) {
    jobs.update(
        job.subject(),
        j -> j.phase().isFinal() ? j : j.failed(clock.instant(), "TAP-013: " + reason));
  }

  /** Records the end unless the job was aborted (or deleted) meanwhile. */
  private void finish(String id, java.util.function.UnaryOperator<TapJob> end) {
    Optional<TapJob> after =
        jobs.update(id, j -> j.phase() == TapPhase.EXECUTING ? end.apply(j) : j);
    if (after.isEmpty() || after.get().phase() == TapPhase.ABORTED) {
      results.delete(id);
    }
  }
}
