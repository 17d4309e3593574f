package org.dpps.archive.access.application.tap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.dpps.archive.access.domain.tap.TapJob;
import org.dpps.archive.access.domain.tap.TapJobRepository;
import org.dpps.archive.access.domain.tap.TapLimits;
import org.dpps.archive.access.domain.tap.TapPhase;
import org.dpps.archive.access.domain.tap.TapResults;
import org.dpps.archive.platform.jobs.JobRunner;

/**
 * The UWS 1.1 operations on asynchronous TAP queries: create, run, abort, change the execution
 * duration or destruction time, delete. A job is visible to anyone who knows its (random) id; the
 * job list shows the caller's own jobs. The query runs as a platform job of kind {@code tap-query}
 * ({@link TapQueryJobs}).
 */
@ApplicationScoped
public class TapJobService {
  static final String KIND = "tap-query";
  private TapJobRepository jobs;
  private TapResults results;
  private JobRunner runner;
  private TapLimits limits;
  private Clock clock;

  protected TapJobService() {}

  @Inject
  public TapJobService(
      TapJobRepository jobs, TapResults results, JobRunner runner, TapServiceSettings settings) {
    this(jobs, results, runner, settings.limits(), Clock.systemUTC());
  }

  TapJobService(
      TapJobRepository jobs, TapResults results, JobRunner runner, TapLimits limits, Clock clock) {
    this.jobs = jobs;
    this.results = results;
    this.runner = runner;
    this.limits = limits;
    this.clock = clock;
  }

  /** Creates a PENDING job of these parameters (RUN at once when they say {@code PHASE=RUN}). */
  public TapJob create(String owner, Map<String, String> parameters) {
    Map<String, String> p = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    p.putAll(parameters);
    String phase = p.remove("PHASE");
    String runId = p.remove("RUNID");
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    TapJob job =
        new TapJob(
            UUID.randomUUID().toString(),
            owner,
            TapPhase.PENDING,
            runId,
            p,
            now,
            null,
            null,
            limits.executionDefaultSeconds(),
            now.plusSeconds(limits.retentionDefaultSeconds()),
            null,
            null,
            null,
            null);
    jobs.create(job);
    if (phase != null) {
      return phase(job.id(), phase);
    }
    return job;
  }

  /** The job, or {@link TapError#UNKNOWN_JOB}. */
  public TapJob job(String id) {
    return jobs.find(id)
        .orElseThrow(() -> new TapException(TapError.UNKNOWN_JOB, "no TAP job " + id));
  }

  /** The owner's jobs (UWS 1.1 filters PHASE, AFTER, LAST). */
  public List<TapJob> list(String owner, List<TapPhase> phases, Instant after, Integer last) {
    int limit = last == null ? 1000 : Math.max(0, Math.min(last, 1000));
    return jobs.list(owner, phases, after, limit);
  }

  /** {@code PHASE=RUN} queues a PENDING job; {@code PHASE=ABORT} stops a job that has not ended. */
  public TapJob phase(String id, String phase) {
    String p = phase == null ? "" : phase.strip().toUpperCase(Locale.ROOT);
    return switch (p) {
      case "RUN" -> run(id);
      case "ABORT" -> abort(id);
      default ->
          throw new TapException(
              TapError.BAD_PARAMETER, "PHASE=" + phase + " is not accepted: use RUN or ABORT");
    };
  }

  private TapJob run(String id) {
    TapJob job =
        update(
            id,
            j -> {
              if (j.phase() != TapPhase.PENDING) {
                return j; // UWS: RUN on a job that is not PENDING changes nothing
              }
              return j.withPhase(TapPhase.QUEUED);
            });
    if (job.phase() == TapPhase.QUEUED) {
      runner.enqueue(KIND, id);
    }
    return job;
  }

  private TapJob abort(String id) {
    TapJob job = update(id, j -> j.phase().isFinal() ? j : j.aborted(clock.instant()));
    runner.cancel(KIND, id);
    return job;
  }

  /** Sets the execution duration (seconds, at most the hard limit) of a PENDING job. */
  public TapJob executionDuration(String id, String seconds) {
    long value;
    try {
      value = Long.parseLong(seconds.strip());
    } catch (RuntimeException e) {
      throw new TapException(
          TapError.BAD_PARAMETER, "EXECUTIONDURATION=" + seconds + " is not a number of seconds");
    }
    long bounded =
        value <= 0 ? limits.executionHardSeconds() : Math.min(value, limits.executionHardSeconds());
    return update(id, j -> j.phase() == TapPhase.PENDING ? j.withExecutionDuration(bounded) : j);
  }

  /** Sets the destruction time (at most the retention's hard limit from now). */
  public TapJob destruction(String id, String isoTime) {
    Instant at;
    try {
      at = Instant.parse(isoTime.strip().endsWith("Z") ? isoTime.strip() : isoTime.strip() + "Z");
    } catch (RuntimeException e) {
      throw new TapException(
          TapError.BAD_PARAMETER, "DESTRUCTION=" + isoTime + " is not an ISO 8601 UTC time");
    }
    Instant latest = clock.instant().plusSeconds(limits.retentionHardSeconds());
    Instant bounded = (at.isAfter(latest) ? latest : at).truncatedTo(ChronoUnit.MILLIS);
    return update(id, j -> j.withDestruction(bounded));
  }

  /** Adds parameters to a PENDING job (UWS: POST to the job's parameters). */
  public TapJob parameters(String id, Map<String, String> more) {
    return update(
        id,
        j -> {
          if (j.phase() != TapPhase.PENDING) {
            throw new TapException(
                TapError.BAD_PARAMETER, "the parameters of a job can change only while PENDING");
          }
          return j.withParameters(more, j.runId());
        });
  }

  /** Aborts the job if it runs, then removes it and its result. */
  public void delete(String id) {
    job(id);
    runner.cancel(KIND, id);
    results.delete(id);
    jobs.delete(id);
  }

  /** The result of a COMPLETED job. */
  public Optional<InputStream> result(String id) throws IOException {
    TapJob job = job(id);
    return job.phase() == TapPhase.COMPLETED ? results.open(id) : Optional.empty();
  }

  /** Removes the jobs past their destruction time; returns how many. */
  public int destroyExpired() {
    List<String> expired = jobs.destructibleAt(clock.instant());
    for (String id : expired) {
      runner.cancel(KIND, id);
      results.delete(id);
      jobs.delete(id);
    }
    return expired.size();
  }

  /** How often expired jobs are looked for. */
  static Duration destructionPeriod() {
    return Duration.ofMinutes(10);
  }

  private TapJob update(String id, java.util.function.UnaryOperator<TapJob> change) {
    return jobs.update(id, change)
        .orElseThrow(() -> new TapException(TapError.UNKNOWN_JOB, "no TAP job " + id));
  }
}
