package org.dpps.archive.storage.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.storage.application.AuditScheduler;
import org.dpps.archive.storage.domain.Audit;
import org.dpps.archive.storage.domain.Audit.FailureView;
import org.dpps.archive.storage.domain.Audit.Kind;
import org.dpps.archive.storage.domain.Audit.State;
import org.dpps.archive.storage.domain.Audit.Trigger;
import org.dpps.archive.storage.domain.StorageEvent;
import org.junit.jupiter.api.Test;

/**
 * The REST answers of archival storage carry every field of the domain values they are made from,
 * under the same name and with the same value (enums by name), so the JSON stays the same.
 */
class RestResponsesTest {
  private static final Instant CREATED = Instant.parse("2026-12-03T09:42:12.339460Z");
  private static final String PAYLOAD = "v1/content/data/events.fits";

  private static final FailureView REPAIRED =
      new FailureView(
          "crab-0001",
          "r2",
          PAYLOAD,
          "CONTENT_DIGEST",
          "sha512:good",
          "sha512:bad",
          "REPAIRED",
          CREATED.plusMillis(700));
  private static final FailureView DAMAGED =
      new FailureView(
          "grb-0002",
          "r1",
          "v1/content/bag-info.txt",
          "FILE_MISSING",
          "sha512:expected",
          null,
          "DAMAGED",
          CREATED.plusMillis(900));

  /** A finished full audit with a repaired and a damaged object: every number differs. */
  private static final Audit.Report COMPLETED =
      new Audit.Report(
          "aud-abd76575-4a6f-40c5-b5de-a2cbf29f8983",
          Kind.FULL,
          Trigger.API,
          State.COMPLETED,
          List.of("r1", "r2"),
          List.of("crab-0001", "grb-0002"),
          CREATED,
          CREATED.plusMillis(51),
          CREATED.plusMillis(1197),
          9,
          8,
          324,
          792_544,
          1.095,
          0.7,
          100.0,
          2,
          1,
          3,
          "8 objects, 324 files, 0.8 MB checked; 2 failures, 1 repaired, 3 damaged",
          List.of(REPAIRED, DAMAGED));

  /** A queued scheduled quick audit: nothing started yet, no products named. */
  private static final Audit.Report QUEUED =
      new Audit.Report(
          "aud-2",
          Kind.QUICK,
          Trigger.SCHEDULE,
          State.QUEUED,
          List.of(),
          null,
          CREATED,
          null,
          null,
          0,
          0,
          0,
          0,
          0.0,
          0.0,
          0.0,
          0,
          0,
          0,
          null,
          List.of());

  @Test
  void anAuditReportKeepsEveryFieldAndEveryFailure() {
    AuditReportResponse r = AuditReportResponse.of(COMPLETED);

    assertThat(r.id()).isEqualTo("aud-abd76575-4a6f-40c5-b5de-a2cbf29f8983");
    assertThat(r.kind()).isEqualTo("FULL");
    assertThat(r.trigger()).isEqualTo("API");
    assertThat(r.state()).isEqualTo("COMPLETED");
    assertThat(r.replicas()).containsExactly("r1", "r2");
    assertThat(r.products()).containsExactly("crab-0001", "grb-0002");
    assertThat(r.createdAt()).isEqualTo(CREATED);
    assertThat(r.startedAt()).isEqualTo(CREATED.plusMillis(51));
    assertThat(r.finishedAt()).isEqualTo(CREATED.plusMillis(1197));
    assertThat(r.objectsTotal()).isEqualTo(9);
    assertThat(r.objectsChecked()).isEqualTo(8);
    assertThat(r.filesChecked()).isEqualTo(324L);
    assertThat(r.bytesChecked()).isEqualTo(792_544L);
    assertThat(r.elapsedSeconds()).isEqualTo(1.095);
    assertThat(r.rateMBps()).isEqualTo(0.7);
    assertThat(r.budgetMBps()).isEqualTo(100.0);
    assertThat(r.failuresTotal()).isEqualTo(2);
    assertThat(r.repaired()).isEqualTo(1);
    assertThat(r.damaged()).isEqualTo(3);
    assertThat(r.message())
        .isEqualTo("8 objects, 324 files, 0.8 MB checked; 2 failures, 1 repaired, 3 damaged");
    assertThat(r.failures())
        .extracting(
            AuditReportResponse.Failure::productId,
            AuditReportResponse.Failure::replica,
            AuditReportResponse.Failure::path,
            AuditReportResponse.Failure::kind,
            AuditReportResponse.Failure::expected,
            AuditReportResponse.Failure::actual,
            AuditReportResponse.Failure::action,
            AuditReportResponse.Failure::detectedAt)
        .containsExactly(
            tuple(
                "crab-0001",
                "r2",
                PAYLOAD,
                "CONTENT_DIGEST",
                "sha512:good",
                "sha512:bad",
                "REPAIRED",
                CREATED.plusMillis(700)),
            tuple(
                "grb-0002",
                "r1",
                "v1/content/bag-info.txt",
                "FILE_MISSING",
                "sha512:expected",
                null,
                "DAMAGED",
                CREATED.plusMillis(900)));
    assertCarriedOver(COMPLETED, r);
  }

  @Test
  void aQueuedReportKeepsItsNullsAndEmptyLists() {
    AuditReportResponse r = AuditReportResponse.of(QUEUED);

    assertThat(r.kind()).isEqualTo("QUICK");
    assertThat(r.trigger()).isEqualTo("SCHEDULE");
    assertThat(r.state()).isEqualTo("QUEUED");
    assertThat(r.products()).isNull();
    assertThat(r.startedAt()).isNull();
    assertThat(r.finishedAt()).isNull();
    assertThat(r.message()).isNull();
    assertThat(r.failures()).isEmpty();
    assertCarriedOver(QUEUED, r);
  }

  @Test
  void aListOfReportsKeepsItsOrder() {
    assertThat(AuditReportResponse.of(List.of(QUEUED, COMPLETED)))
        .extracting(AuditReportResponse::id)
        .containsExactly("aud-2", "aud-abd76575-4a6f-40c5-b5de-a2cbf29f8983");
  }

  @Test
  void aVerificationKeepsEveryField() {
    EventLog.Verification broken =
        new EventLog.Verification(
            false,
            1207,
            4,
            1209,
            "9f86d081884c7d65",
            1180L,
            List.of(
                "event 17: expected seq 16 (gap)", "checkpoint 1180: signature does not verify"));

    VerificationResponse v = VerificationResponse.of(broken);

    assertThat(v.valid()).isFalse();
    assertThat(v.events()).isEqualTo(1207L);
    assertThat(v.checkpoints()).isEqualTo(4L);
    assertThat(v.lastSeq()).isEqualTo(1209L);
    assertThat(v.lastHash()).isEqualTo("9f86d081884c7d65");
    assertThat(v.lastCheckpointSeq()).isEqualTo(1180L);
    assertThat(v.problems())
        .containsExactly(
            "event 17: expected seq 16 (gap)", "checkpoint 1180: signature does not verify");
    assertCarriedOver(broken, v);

    EventLog.Verification empty = new EventLog.Verification(true, 0, 0, 0, "0", null, List.of());
    VerificationResponse e = VerificationResponse.of(empty);
    assertThat(e.valid()).isTrue();
    assertThat(e.lastCheckpointSeq()).isNull();
    assertThat(e.problems()).isEmpty();
    assertCarriedOver(empty, e);
  }

  @Test
  void anEventKeepsEveryFieldWithItsTypeAndOutcomeByName() {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("auditId", "aud-1");
    detail.put("bytes", 792_544);
    detail.put("files", List.of(PAYLOAD));
    ArchiveEvent event =
        new ArchiveEvent(
            42,
            CREATED,
            StorageEvent.FIXITY_CHECK,
            ArchiveEvent.Outcome.FAILURE,
            "crab-0001",
            "r2",
            "auditor",
            detail,
            "prev-hash",
            "this-hash");

    EventView v = EventView.of(event);

    assertThat(v.seq()).isEqualTo(42L);
    assertThat(v.at()).isEqualTo(CREATED);
    assertThat(v.type()).isEqualTo("FIXITY_CHECK");
    assertThat(v.outcome()).isEqualTo("FAILURE");
    assertThat(v.productId()).isEqualTo("crab-0001");
    assertThat(v.replica()).isEqualTo("r2");
    assertThat(v.agent()).isEqualTo("auditor");
    assertThat(v.detail()).isEqualTo(detail);
    assertThat(v.prevHash()).isEqualTo("prev-hash");
    assertThat(v.hash()).isEqualTo("this-hash");
  }

  @Test
  void theScheduleKeepsEveryEntryOfTheSchedulersStatus() {
    AuditScheduler.Status status =
        new AuditScheduler.Status(
            true,
            "0 * * * *",
            30,
            "2026-12-03T10:00:00Z",
            "30 3 * * *",
            "2026-12-04T03:30:00Z",
            100.0,
            2);

    ScheduleResponse s = ScheduleResponse.of(status);

    assertThat(s)
        .isEqualTo(
            new ScheduleResponse(
                true,
                "0 * * * *",
                30,
                "2026-12-03T10:00:00Z",
                "30 3 * * *",
                "2026-12-04T03:30:00Z",
                100.0,
                2));
    assertThat(Arrays.stream(ScheduleResponse.class.getRecordComponents()).map(c -> c.getName()))
        .containsExactlyElementsOf(
            Arrays.stream(AuditScheduler.Status.class.getRecordComponents())
                .map(c -> c.getName())
                .toList());

    ScheduleResponse off =
        ScheduleResponse.of(
            new AuditScheduler.Status(false, "0 * * * *", 30, null, "30 3 * * *", null, 0, 1));
    assertThat(off.enabled()).isFalse();
    assertThat(off.nextFull()).isNull();
    assertThat(off.nextQuick()).isNull();
    assertThat(off.threads()).isEqualTo(1);
  }

  @Test
  void aCheckpointAnswersWithItsSeq() {
    assertThat(new CheckpointResponse(1207).seq()).isEqualTo(1207L);
  }

  /**
   * Every component of {@code domain} is a component of {@code rest} with the same name and value
   * (enums by name, nested records and lists of them compared the same way), and {@code rest} has
   * no other component.
   */
  private static void assertCarriedOver(Record domain, Record rest) {
    RecordComponent[] from = domain.getClass().getRecordComponents();
    RecordComponent[] to = rest.getClass().getRecordComponents();
    assertThat(Arrays.stream(to).map(RecordComponent::getName))
        .as("components of %s", rest.getClass().getSimpleName())
        .containsExactly(Arrays.stream(from).map(RecordComponent::getName).toArray(String[]::new));
    for (int i = 0; i < from.length; i++) {
      assertSameValue(
          rest.getClass().getSimpleName() + "." + to[i].getName(),
          value(from[i], domain),
          value(to[i], rest));
    }
  }

  private static void assertSameValue(String where, Object domain, Object rest) {
    if (domain instanceof Enum<?> e) {
      assertThat(rest).as(where).isEqualTo(e.name());
    } else if (domain instanceof Record d) {
      assertThat(rest).as(where).isInstanceOf(Record.class);
      assertCarriedOver(d, (Record) rest);
    } else if (domain instanceof List<?> d) {
      assertThat(rest).as(where).isInstanceOf(List.class);
      List<?> r = (List<?>) rest;
      assertThat(r).as(where).hasSameSizeAs(d);
      for (int i = 0; i < d.size(); i++) {
        assertSameValue(where + "[" + i + "]", d.get(i), r.get(i));
      }
    } else {
      assertThat(rest).as(where).isEqualTo(domain);
    }
  }

  private static Object value(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
