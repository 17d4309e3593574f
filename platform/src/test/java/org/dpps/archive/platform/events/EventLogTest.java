package org.dpps.archive.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dpps.archive.platform.config.PlatformSettings;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.platform.database.Database;
import org.dpps.archive.platform.internal.jpa.EventEntity;
import org.dpps.archive.platform.internal.jpa.PlatformPersistentTypes;
import org.dpps.archive.platform.signing.ArchiveKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash-chained event log: links, signed checkpoints, and what tampering looks like. */
class EventLogTest {
  @TempDir Path tmp;
  private Database database;
  private EventLog log;

  /** Event types of a test module; one of them a PREMIS fixity check. */
  enum TestEvent implements EventType {
    REPLICATED,
    FIXITY_CHECK;

    @Override
    public Optional<String> premisCode() {
      return Optional.of(this == FIXITY_CHECK ? "fix" : "rep");
    }
  }

  @BeforeEach
  void open() {
    database =
        Database.open(
            "jdbc:h2:file:" + tmp.resolve("db/archive") + ";WRITE_DELAY=0",
            "sa",
            "",
            List.of(() -> PlatformPersistentTypes.ENTITIES));
    log =
        new EventLog(
            ArchiveDatabase.wrapping(database),
            new ArchiveKeys(PlatformSettings.embedded(tmp)),
            Clock.fixed(Instant.now(), ZoneOffset.UTC),
            5);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void appendsFormAChainAndEveryFifthIsCheckpointed() {
    List<ArchiveEvent> appended = append(12);

    assertThat(appended).extracting(ArchiveEvent::seq).containsExactly(seqs(12));
    assertThat(appended.get(0).prevHash()).isEqualTo(EventLog.GENESIS);
    for (int i = 1; i < appended.size(); i++) {
      assertThat(appended.get(i).prevHash()).isEqualTo(appended.get(i - 1).hash());
      assertThat(appended.get(i).hash())
          .matches("[0-9a-f]{64}")
          .isNotEqualTo(appended.get(i - 1).hash());
    }
    assertThat(appended.get(2).detail()).containsEntry("n", 3).containsEntry("note", "event 3");

    EventLog.Verification v = log.verify();
    assertThat(v.valid()).isTrue();
    assertThat(v.problems()).isEmpty();
    assertThat(v.events()).isEqualTo(12);
    assertThat(v.lastSeq()).isEqualTo(12);
    assertThat(v.lastHash()).isEqualTo(appended.get(11).hash());
    assertThat(v.checkpoints()).isEqualTo(2);
    assertThat(v.lastCheckpointSeq()).isEqualTo(10);
    assertThat(checkpointSeqs()).containsExactly(5L, 10L);

    assertThat(log.checkpoint()).isEqualTo(12);
    assertThat(log.checkpoint()).as("already signed: no second row").isEqualTo(12);
    assertThat(log.verify().checkpoints()).isEqualTo(3);
    assertThat(log.verify().valid()).isTrue();
  }

  @Test
  void readsComeBackAsWritten() {
    List<ArchiveEvent> appended = append(7);

    assertThat(log.forProduct("p-1")).extracting(ArchiveEvent::seq).containsExactly(1L, 3L, 5L, 7L);
    assertThat(log.recent(null, 3)).extracting(ArchiveEvent::seq).containsExactly(7L, 6L, 5L);
    assertThat(log.recent(TestEvent.REPLICATED, 10))
        .extracting(ArchiveEvent::seq)
        .containsExactly(6L, 4L, 2L);
    ArchiveEvent third = log.forProduct("p-1").get(1);
    assertThat(third).isEqualTo(appended.get(2));
    assertThat(third.replica()).isEqualTo("r1");
    assertThat(third.type().premisCode()).contains("fix");
  }

  @Test
  void aRowChangedInTheDatabaseNoLongerMatchesItsHash() {
    append(7);

    int updated =
        database.fromTransaction(
            em ->
                em.createNativeQuery(
                        "update archive_event set detail = '{\"n\":3,\"note\":\"forged\"}'"
                            + " where seq = 3")
                    .executeUpdate());

    assertThat(updated).isEqualTo(1);
    EventLog.Verification v = log.verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.problems()).containsExactly("event 3: content does not match its hash");
  }

  @Test
  void aForgerWhoRehashesTheChainIsCaughtByTheSignedCheckpoints() {
    append(12);

    // rewrite event 3 and re-link every later event, so that the chain itself is consistent
    database.inTransaction(
        em -> {
          List<EventEntity> rows =
              em.createQuery(
                      "select e from EventEntity e where e.seq >= 3 order by e.seq",
                      EventEntity.class)
                  .getResultList();
          String prev = em.find(EventEntity.class, 2L).hash;
          for (EventEntity row : rows) {
            if (row.seq == 3) {
              row.detail = "{\"n\":3,\"note\":\"forged\"}";
            }
            row.prevHash = prev;
            row.hash = EventLog.hashOf(row);
            prev = row.hash;
          }
        });

    EventLog.Verification v = log.verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.problems())
        .containsExactly(
            "checkpoint 5: signed hash differs from the event's hash",
            "checkpoint 10: signed hash differs from the event's hash");
  }

  @Test
  void aRemovedRowBreaksTheChain() {
    append(7);

    database.inTransaction(
        em -> em.createNativeQuery("delete from archive_event where seq = 4").executeUpdate());

    EventLog.Verification v = log.verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.events()).isEqualTo(6);
    assertThat(v.problems())
        .contains(
            "event 5: expected seq 4 (gap)", "event 5: does not link to the previous event's hash");
  }

  @Test
  void eventsRemovedFromTheEndBeforeACheckpointAreNoticed() {
    append(12);

    int deleted =
        database.fromTransaction(
            em -> em.createNativeQuery("delete from archive_event where seq > 7").executeUpdate());

    assertThat(deleted).isEqualTo(5);
    EventLog.Verification v = log.verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.lastSeq()).isEqualTo(7);
    assertThat(v.events()).isEqualTo(7);
    assertThat(v.problems())
        .containsExactly("checkpoint 10: the log ends at 7 (events after it were removed)");
  }

  @Test
  void aCheckpointWhoseHashIsChangedFailsItsHashAndSignatureChecks() {
    List<ArchiveEvent> appended = append(6);

    database.inTransaction(
        em ->
            em.createNativeQuery("update event_checkpoint set hash = ?1 where seq = 5")
                .setParameter(1, appended.get(5).hash())
                .executeUpdate());

    EventLog.Verification v = log.verify();
    assertThat(v.valid()).isFalse();
    assertThat(v.problems())
        .containsExactly(
            "checkpoint 5: signed hash differs from the event's hash",
            "checkpoint 5: signature does not verify");
  }

  @Test
  void aCheckpointWithAnAlteredSignatureFailsItsSignatureCheck() {
    append(5);
    String signature =
        database.fromTransaction(
            em ->
                (String)
                    em.createNativeQuery("select signature from event_checkpoint where seq = 5")
                        .getSingleResult());
    byte[] bytes = java.util.Base64.getDecoder().decode(signature);
    bytes[10] ^= 0x40;
    String altered = java.util.Base64.getEncoder().encodeToString(bytes);

    database.inTransaction(
        em ->
            em.createNativeQuery("update event_checkpoint set signature = ?1 where seq = 5")
                .setParameter(1, altered)
                .executeUpdate());

    assertThat(log.verify().problems()).containsExactly("checkpoint 5: signature does not verify");
  }

  /** Appends n events, alternating products, types and replicas. */
  private List<ArchiveEvent> append(int n) {
    List<ArchiveEvent> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      boolean odd = i % 2 == 1;
      out.add(
          log.append(
              odd ? TestEvent.FIXITY_CHECK : TestEvent.REPLICATED,
              ArchiveEvent.Outcome.SUCCESS,
              odd ? "p-1" : "p-2",
              odd ? "r1" : "r2",
              "test",
              Map.of("n", i, "note", "event " + i)));
    }
    return out;
  }

  private static Long[] seqs(int n) {
    Long[] seqs = new Long[n];
    for (int i = 0; i < n; i++) {
      seqs[i] = (long) i + 1;
    }
    return seqs;
  }

  private List<Long> checkpointSeqs() {
    return database.fromTransaction(
        em ->
            em.createQuery("select c.seq from CheckpointEntity c order by c.seq", Long.class)
                .getResultList());
  }
}
