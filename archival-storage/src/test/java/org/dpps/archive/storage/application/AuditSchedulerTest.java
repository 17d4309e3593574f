package org.dpps.archive.storage.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.Audit.Kind;
import org.dpps.archive.storage.domain.Audit.Report;
import org.dpps.archive.storage.domain.Audit.State;
import org.dpps.archive.storage.domain.Audit.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cron arithmetic and the scheduler's share of a full cycle per run. */
class AuditSchedulerTest {
  private static final ZonedDateTime T =
      ZonedDateTime.of(2026, 3, 10, 12, 34, 56, 0, ZoneOffset.UTC);

  @TempDir Path tmp;
  private StorageFixture f;
  private AuditScheduler scheduler;

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void hourlyFiresSevenHundredAndTwentyTimesInThirtyDays() {
    assertThat(AuditScheduler.firesWithin("0 * * * *", T, 30)).isEqualTo(720);
  }

  @Test
  void dailyFiresThirtyTimesInThirtyDays() {
    assertThat(AuditScheduler.firesWithin("30 3 * * *", T, 30)).isEqualTo(30);
  }

  @Test
  void cronArithmetic() {
    assertThat(AuditScheduler.firesWithin("0 3 * * 1", T, 28)).as("Mondays").isEqualTo(4);
    assertThat(AuditScheduler.firesWithin("0 3 1 * *", T, 1))
        .as("never within the window, counted as one run")
        .isEqualTo(1);
    assertThat(Duration.between(T, new AuditScheduler.Cron("30 3 * * *").after(T)))
        .isEqualTo(Duration.ofHours(14).plusMinutes(55).plusSeconds(4));
  }

  @Test
  void aTickAfterTheCronTimeStartsAScheduledAuditOfItsShareOfTheObjects() {
    // Starts after the previous day's fire times: the CronTrigger of the jakartaee-api 10.0.0 jar
    // on this test class path throws ArrayIndexOutOfBoundsException for a time earlier on the same
    // day than a daily schedule's hour (jakartaee/concurrency#274); the server's 3.0.4 is fixed.
    StorageFixture.MutableClock clock =
        new StorageFixture.MutableClock(Instant.parse("2026-03-09T04:00:00Z"));
    f = new StorageFixture(tmp, 100, null, clock);
    for (int i = 1; i <= 5; i++) {
      f.store(new ProductId("product-000" + i), "events of product " + i + "\n");
    }
    // full audits daily at 03:00 over a two-day cycle: each run takes ceil(5 / 2) = 3 objects
    AuditSettings settings = new AuditSettings("0 3 * * *", "30 3 * * *", 2, 0, 1, true, 3600);
    scheduler = new AuditScheduler(f.audits, settings, f.jobs, clock);
    scheduler.start(); // computes the next fire times from the clock
    // the job runner is not started: this test ticks by hand
    assertThat(scheduler.status().nextFull()).isEqualTo("2026-03-10T03:00:00Z");
    assertThat(scheduler.status().nextQuick()).isEqualTo("2026-03-10T03:30:00Z");

    scheduler.tick();
    assertThat(f.audits.recent(10)).as("before the next 03:00 nothing starts").isEmpty();

    clock.set(Instant.parse("2026-03-10T03:00:05Z"));
    scheduler.tick();

    List<Report> audits = f.audits.recent(10);
    assertThat(audits).hasSize(1);
    Report first = audits.get(0);
    assertThat(first.kind()).isEqualTo(Kind.FULL);
    assertThat(first.trigger()).isEqualTo(Trigger.SCHEDULE);
    assertThat(first.state()).isEqualTo(State.QUEUED);
    assertThat(first.objectsTotal()).isEqualTo(3);
    assertThat(items(first.id())).containsExactly("product-0001", "product-0002", "product-0003");
    assertThat(scheduler.status().nextFull()).isEqualTo("2026-03-11T03:00:00Z");

    clock.set(Instant.parse("2026-03-10T03:30:01Z"));
    scheduler.tick();
    Report quick =
        f.audits.recent(10).stream().filter(r -> r.kind() == Kind.QUICK).findFirst().orElseThrow();
    assertThat(quick.trigger()).isEqualTo(Trigger.SCHEDULE);
    assertThat(quick.objectsTotal()).as("quick audits cover every object").isEqualTo(5);

    // the next day's run is not started while the previous full audit is still queued
    clock.set(Instant.parse("2026-03-11T03:00:01Z"));
    scheduler.tick();
    assertThat(f.audits.recent(10)).filteredOn(r -> r.kind() == Kind.FULL).hasSize(1);

    assertThat(f.awaitAudit(first.id()).state()).isEqualTo(State.COMPLETED);
    clock.set(Instant.parse("2026-03-12T03:00:01Z"));
    scheduler.tick();

    List<Report> full = f.audits.recent(10).stream().filter(r -> r.kind() == Kind.FULL).toList();
    assertThat(full).hasSize(2);
    Report second = full.stream().filter(r -> !r.id().equals(first.id())).findFirst().orElseThrow();
    assertThat(second.objectsTotal()).isEqualTo(3);
    assertThat(items(second.id()))
        .as("least recently audited first")
        .startsWith("product-0004", "product-0005")
        .hasSize(3);
  }

  @Test
  void aDisabledSchedulerNeverStarts() {
    f = new StorageFixture(tmp);
    scheduler = new AuditScheduler(f.audits, AuditSettings.manual(0, 1), f.jobs, f.clock);
    scheduler.start();
    f.clock.advance(Duration.ofDays(3));
    scheduler.tick();

    assertThat(scheduler.status().enabled()).isFalse();
    assertThat(scheduler.status().nextFull()).isNull();
    assertThat(f.audits.recent(10)).isEmpty();
  }

  private List<String> items(String auditId) {
    return f.database.fromTransaction(
        em ->
            em.createQuery(
                    "select i.productId from AuditItemEntity i where i.auditId = :a"
                        + " order by i.position",
                    String.class)
                .setParameter("a", auditId)
                .getResultList());
  }
}
