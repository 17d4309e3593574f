package org.dpps.archive.storage.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Audit configuration. {@code archive.audit.schedule}: cron expression (minute hour day-of-month
 * month day-of-week, UTC) of scheduled full audits, each checking its share of a full cycle of
 * {@code archive.audit.cycle-days} days, least recently audited objects first; {@code
 * archive.audit.quick-schedule}: cron of quick audits (existence, size, OCFL structure) of every
 * object; {@code archive.audit.io-budget-mbps}: default read budget in MB/s (0 = unlimited); {@code
 * archive.audit.threads}: objects checked in parallel; {@code archive.audit.scheduler.enabled}.
 */
@ApplicationScoped
public class AuditSettings {
  private String schedule;
  private String quickSchedule;
  private int cycleDays;
  private double budgetMbps;
  private int threads;
  private boolean schedulerEnabled;
  private int tickSeconds;

  protected AuditSettings() {}

  @Inject
  public AuditSettings(
      @ConfigProperty(name = "archive.audit.schedule", defaultValue = "0 * * * *") String schedule,
      @ConfigProperty(name = "archive.audit.quick-schedule", defaultValue = "30 3 * * *")
          String quickSchedule,
      @ConfigProperty(name = "archive.audit.cycle-days", defaultValue = "30") int cycleDays,
      @ConfigProperty(name = "archive.audit.io-budget-mbps", defaultValue = "100")
          double budgetMbps,
      @ConfigProperty(name = "archive.audit.threads", defaultValue = "1") int threads,
      @ConfigProperty(name = "archive.audit.scheduler.enabled", defaultValue = "true")
          boolean schedulerEnabled,
      @ConfigProperty(name = "archive.audit.scheduler.tick-seconds", defaultValue = "20")
          int tickSeconds) {
    this.schedule = schedule.trim();
    this.quickSchedule = quickSchedule.trim();
    this.cycleDays = Math.max(1, cycleDays);
    this.budgetMbps = Math.max(0, budgetMbps);
    this.threads = Math.max(1, threads);
    this.schedulerEnabled = schedulerEnabled;
    this.tickSeconds = Math.max(1, tickSeconds);
  }

  /** Defaults with the scheduler off (tests and tools). */
  public static AuditSettings manual(double budgetMbps, int threads) {
    return new AuditSettings("0 * * * *", "30 3 * * *", 30, budgetMbps, threads, false, 20);
  }

  public String schedule() {
    return schedule;
  }

  public String quickSchedule() {
    return quickSchedule;
  }

  public int cycleDays() {
    return cycleDays;
  }

  public long budgetBytesPerSecond() {
    return (long) (budgetMbps * 1_000_000);
  }

  public int threads() {
    return threads;
  }

  public boolean schedulerEnabled() {
    return schedulerEnabled;
  }

  public int tickSeconds() {
    return tickSeconds;
  }
}
