package org.dpps.archive.storage.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.dpps.archive.platform.database.Database;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.platform.internal.jpa.PlatformPersistentTypes;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.Audit;
import org.dpps.archive.storage.domain.StorageEvent;
import org.dpps.archive.storage.infrastructure.jpa.StoragePersistentTypes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication, an audit with a repair, and the event log's chain and checkpoints on a real
 * PostgreSQL (the scale-out database): timestamps, sequences and text columns must round-trip
 * exactly, or recomputed hashes would not match.
 */
class StorageOnPostgresTest {
  @TempDir Path tmp;

  @Test
  void auditsRepairAndTheEventLogVerifiesOnPostgres() throws Exception {
    String url = System.getenv("ARCHIVE_TEST_POSTGRES_URL");
    if ("true".equals(System.getenv("CI"))) {
      assertThat(url).as("CI must provide ARCHIVE_TEST_POSTGRES_URL").isNotBlank();
    }
    Assumptions.assumeTrue(url != null && !url.isBlank(), "no PostgreSQL");
    Database db =
        Database.open(
            url,
            "archive",
            "archive",
            List.of(() -> StoragePersistentTypes.ENTITIES, () -> PlatformPersistentTypes.ENTITIES));
    db.inTransaction(
        em -> {
          for (String table :
              List.of(
                  "audit_failure",
                  "audit_item",
                  "audit",
                  "object_integrity",
                  "event_checkpoint",
                  "archive_event",
                  "storage_intent",
                  "storage_replica")) {
            em.createNativeQuery("delete from " + table).executeUpdate();
          }
        });
    try (StorageFixture f =
        new StorageFixture(tmp, 3, null, new StorageFixture.MutableClock(Instant.now()), db)) {
      ProductId id = new ProductId("pg-product");
      f.store(id, "events on postgres\n");
      Path payload = f.objectRoot("r2", id).resolve("v1/content/data/events.txt");
      Files.writeString(payload, "events on postgreS\n");

      Audit.Report report =
          f.audits.start(
              new Audit.Request(Audit.Kind.FULL, List.of(), List.of(), null, null),
              Audit.Trigger.API);
      Audit.Report done = f.awaitAudit(report.id());

      assertThat(done.state()).isEqualTo(Audit.State.COMPLETED);
      assertThat(done.repaired()).isEqualTo(1);
      assertThat(done.failures())
          .extracting(Audit.FailureView::replica, Audit.FailureView::kind)
          .contains(org.assertj.core.groups.Tuple.tuple("r2", "CONTENT_DIGEST"));
      assertThat(Files.readString(payload)).isEqualTo("events on postgres\n");
      assertThat(f.audits.integrityOf(id.value())).contains("OK");

      List<ArchiveEvent> events = f.events.forProduct(id.value());
      assertThat(events)
          .extracting(e -> e.type().name())
          .contains(
              StorageEvent.STORED.name(),
              StorageEvent.REPLICATED.name(),
              StorageEvent.FIXITY_CHECK.name(),
              StorageEvent.RECOVERY.name());
      EventLog.Verification verification = f.events.verify();
      assertThat(verification.valid()).as("%s", verification.problems()).isTrue();
      assertThat(verification.checkpoints()).isGreaterThanOrEqualTo(2);

      db.inTransaction(
          em ->
              em.createNativeQuery("update archive_event set detail = ?1 where seq = 2")
                  .setParameter(1, "{\"forged\":true}")
                  .executeUpdate());
      EventLog.Verification tampered = f.events.verify();
      assertThat(tampered.valid()).isFalse();
      assertThat(tampered.problems()).anyMatch(p -> p.startsWith("event 2:"));
    }
  }
}
