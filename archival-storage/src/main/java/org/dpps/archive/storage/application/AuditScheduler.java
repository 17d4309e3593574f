package org.dpps.archive.storage.application;

import jakarta.enterprise.concurrent.CronTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.dpps.archive.platform.jobs.JobRunner;
import org.dpps.archive.storage.domain.Audit.Kind;
import org.dpps.archive.storage.domain.Audit.Request;
import org.dpps.archive.storage.domain.Audit.State;
import org.dpps.archive.storage.domain.Audit.Trigger;

/**
 * Starts scheduled audits. Full audits follow {@code archive.audit.schedule}; each run checks
 * {@code ceil(objects / runs per cycle)} objects, least recently audited first, so that every
 * object is fully checked once per {@code archive.audit.cycle-days}. Quick audits of every object
 * follow {@code archive.audit.quick-schedule}. A scheduled audit is not started while the previous
 * one of the same kind is still queued or running. The schedule is looked at every {@code
 * archive.audit.scheduler.tick-seconds} by a periodic task of the job runner.
 */
@ApplicationScoped
public class AuditScheduler {
  private static final System.Logger LOG = System.getLogger(AuditScheduler.class.getName());
  private AuditService audits;
  private AuditSettings settings;
  private JobRunner jobs;
  private Clock clock;
  private boolean started;
  private ZonedDateTime nextFull;
  private ZonedDateTime nextQuick;

  protected AuditScheduler() {}

  @Inject
  public AuditScheduler(AuditService audits, AuditSettings settings, JobRunner jobs, Clock clock) {
    this.audits = audits;
    this.settings = settings;
    this.jobs = jobs;
    this.clock = clock;
  }

  /** A cron expression (5 fields: minute hour day-of-month month day-of-week), in UTC. */
  static final class Cron extends CronTrigger {
    Cron(String expression) {
      super(expression, ZoneOffset.UTC);
    }

    ZonedDateTime after(ZonedDateTime time) {
      return next(time.plusSeconds(1));
    }
  }

  /** How many times {@code cron} fires in {@code days} days from {@code from} (at most 10^6). */
  static int firesWithin(String cron, ZonedDateTime from, int days) {
    Cron c = new Cron(cron);
    ZonedDateTime end = from.plusDays(days);
    int n = 0;
    for (ZonedDateTime t = c.after(from); t != null && t.isBefore(end) && n < 1_000_000; ) {
      n++;
      t = c.after(t);
    }
    return Math.max(1, n);
  }

  public synchronized void start() {
    if (!settings.schedulerEnabled() || started) {
      return;
    }
    started = true;
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
    nextFull = new Cron(settings.schedule()).after(now);
    nextQuick = new Cron(settings.quickSchedule()).after(now);
    LOG.log(
        System.Logger.Level.INFO,
        "Audit schedule: full ''{0}'' (next {1}, cycle {2} days), quick ''{3}'' (next {4})",
        settings.schedule(),
        nextFull,
        settings.cycleDays(),
        settings.quickSchedule(),
        nextQuick);
    jobs.every("audit-schedule", Duration.ofSeconds(settings.tickSeconds()), this::tick);
  }

  synchronized void tick() {
    try {
      ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
      if (nextFull != null && !now.isBefore(nextFull)) {
        nextFull = new Cron(settings.schedule()).after(now);
        if (!busy(Kind.FULL)) {
          int runs = firesWithin(settings.schedule(), now, settings.cycleDays());
          int objects = audits.countObjects();
          int slice = Math.max(1, (objects + runs - 1) / runs);
          audits.start(new Request(Kind.FULL, List.of(), List.of(), null, slice), Trigger.SCHEDULE);
        }
      }
      if (nextQuick != null && !now.isBefore(nextQuick)) {
        nextQuick = new Cron(settings.quickSchedule()).after(now);
        if (!busy(Kind.QUICK)) {
          audits.start(new Request(Kind.QUICK, List.of(), List.of(), null, null), Trigger.SCHEDULE);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "Audit scheduler error", e);
    }
  }

  private boolean busy(Kind kind) {
    return audits.recent(20).stream()
        .anyMatch(
            r ->
                r.kind() == kind
                    && r.trigger() == Trigger.SCHEDULE
                    && (r.state() == State.QUEUED || r.state() == State.RUNNING));
  }

  /** When the next scheduled audits start. */
  public synchronized Status status() {
    return new Status(
        settings.schedulerEnabled(),
        settings.schedule(),
        settings.cycleDays(),
        nextFull == null ? null : nextFull.toInstant().toString(),
        settings.quickSchedule(),
        nextQuick == null ? null : nextQuick.toInstant().toString(),
        settings.budgetBytesPerSecond() / 1e6,
        settings.threads());
  }

  /**
   * The schedule and its next runs ({@code nextFull}/{@code nextQuick} are null while the scheduler
   * is off).
   */
  public record Status(
      boolean enabled,
      String fullSchedule,
      int cycleDays,
      String nextFull,
      String quickSchedule,
      String nextQuick,
      double ioBudgetMBps,
      int threads) {}
}
