package org.dpps.archive.storage.application;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.CronTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts scheduled audits. Full audits follow {@code archive.audit.schedule}; each run checks
 * {@code ceil(objects / runs per cycle)} objects, least recently audited first, so that every
 * object is fully checked once per {@code archive.audit.cycle-days}. Quick audits of every object
 * follow {@code archive.audit.quick-schedule}. A scheduled audit is not started while the previous
 * one of the same kind is still queued or running.
 */
@ApplicationScoped
public class AuditScheduler {
  private static final System.Logger LOG = System.getLogger(AuditScheduler.class.getName());
  private AuditService audits;
  private AuditSettings settings;
  private Clock clock;
  private ScheduledExecutorService timer;
  private ZonedDateTime nextFull;
  private ZonedDateTime nextQuick;

  protected AuditScheduler() {}

  @Inject
  public AuditScheduler(AuditService audits, AuditSettings settings, Clock clock) {
    this.audits = audits;
    this.settings = settings;
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
    if (!settings.schedulerEnabled() || timer != null) {
      return;
    }
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
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "audit-scheduler");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::tick, 1, settings.tickSeconds(), TimeUnit.SECONDS);
  }

  synchronized void tick() {
    try {
      ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
      if (nextFull != null && !now.isBefore(nextFull)) {
        nextFull = new Cron(settings.schedule()).after(now);
        if (!busy(AuditService.Kind.FULL)) {
          int runs = firesWithin(settings.schedule(), now, settings.cycleDays());
          int objects = audits.countObjects();
          int slice = Math.max(1, (objects + runs - 1) / runs);
          audits.start(
              new AuditService.Request(AuditService.Kind.FULL, List.of(), List.of(), null, slice),
              AuditService.Trigger.SCHEDULE);
        }
      }
      if (nextQuick != null && !now.isBefore(nextQuick)) {
        nextQuick = new Cron(settings.quickSchedule()).after(now);
        if (!busy(AuditService.Kind.QUICK)) {
          audits.start(
              new AuditService.Request(AuditService.Kind.QUICK, List.of(), List.of(), null, null),
              AuditService.Trigger.SCHEDULE);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "Audit scheduler error", e);
    }
  }

  private boolean busy(AuditService.Kind kind) {
    return audits.recent(20).stream()
        .anyMatch(
            r ->
                r.kind() == kind
                    && r.trigger() == AuditService.Trigger.SCHEDULE
                    && (r.state() == AuditService.State.QUEUED
                        || r.state() == AuditService.State.RUNNING));
  }

  /** When the next scheduled audits start. */
  public synchronized java.util.Map<String, Object> status() {
    java.util.Map<String, Object> s = new java.util.LinkedHashMap<>();
    s.put("enabled", settings.schedulerEnabled());
    s.put("fullSchedule", settings.schedule());
    s.put("cycleDays", settings.cycleDays());
    s.put("nextFull", nextFull == null ? null : nextFull.toInstant().toString());
    s.put("quickSchedule", settings.quickSchedule());
    s.put("nextQuick", nextQuick == null ? null : nextQuick.toInstant().toString());
    s.put("ioBudgetMBps", settings.budgetBytesPerSecond() / 1e6);
    s.put("threads", settings.threads());
    return s;
  }

  @PreDestroy
  synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
