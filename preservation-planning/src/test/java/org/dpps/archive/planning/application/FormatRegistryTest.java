package org.dpps.archive.planning.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dpps.archive.planning.domain.FormatChange;
import org.dpps.archive.planning.domain.FormatEntry;
import org.dpps.archive.planning.domain.PlanningEvent;
import org.dpps.archive.planning.infrastructure.jpa.JpaFormatRegistryRepository;
import org.dpps.archive.planning.infrastructure.jpa.PlanningPersistentTypes;
import org.dpps.archive.platform.config.PlatformSettings;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.platform.database.Database;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.platform.internal.jpa.PlatformPersistentTypes;
import org.dpps.archive.platform.signing.ArchiveKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry on a real H2 database migrated by Flyway, with the real event log. */
class FormatRegistryTest {
  @TempDir Path tmp;
  Database db;
  FormatRegistry registry;
  EventLog events;

  @BeforeEach
  void open() {
    db =
        Database.open(
            "jdbc:h2:" + tmp.resolve("db").toAbsolutePath() + "/archive",
            "sa",
            "",
            List.of(new PlatformPersistentTypes(), new PlanningPersistentTypes()));
    ArchiveDatabase database = ArchiveDatabase.wrapping(db);
    events =
        new EventLog(
            database, new ArchiveKeys(PlatformSettings.embedded(tmp)), Clock.systemUTC(), 100);
    registry =
        new FormatRegistry(new JpaFormatRegistryRepository(database), events, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    db.close();
  }

  static JsonNode json(Object o) {
    return FormatRegistry.JSON.valueToTree(o);
  }

  @Test
  void theSeedFileIsValidAndLoadedOnceWithoutOverwritingEdits() {
    List<String> added = registry.seed();
    assertThat(added)
        .contains(
            "fits",
            "fits-image-uncompressed",
            "fits-tile-compressed",
            "gadf-0.2",
            "gadf-0.3",
            "ctapipe-hdf5-dm-v6",
            "cwlprov");
    assertThat(registry.get("fits").pronom()).isEqualTo("x-fmt/383");
    assertThat(registry.get("gadf-0.2").status()).isEqualTo("at-risk");
    assertThat(registry.get("gadf-0.2").reasons()).isNotEmpty();
    registry.update(
        "gadf-0.3",
        json(Map.of("status", "obsolete", "reasons", List.of("VODF 1.0 released"))),
        "VODF",
        "alice",
        null);
    assertThat(registry.seed()).as("a second start adds nothing").isEmpty();
    assertThat(registry.get("gadf-0.3").status()).as("the edit survives").isEqualTo("obsolete");
    assertThat(events.recent(PlanningEvent.FORMAT_CHANGED, 10)).hasSize(2);
  }

  @Test
  void everyChangeIsRecordedWithWhoWhyBeforeAndAfterAndInTheEventLog() {
    registry.seed();
    FormatEntry before = registry.get("fits-image-uncompressed");
    FormatEntry after =
        registry.update(
            before.id(),
            json(Map.of("status", "at-risk", "reasons", List.of("too big"))),
            "storage review",
            "alice",
            before.revision());
    assertThat(after.revision()).isEqualTo(before.revision() + 1);
    assertThat(after.status()).isEqualTo("at-risk");
    assertThat(after.reasons()).containsExactly("too big");
    assertThat(after.name()).as("fields not in the patch are kept").isEqualTo(before.name());
    assertThat(after.updatedBy()).isEqualTo("alice");

    List<FormatChange> history = registry.history(before.id(), 10);
    assertThat(history).hasSize(2);
    assertThat(history.get(0).reason()).isEqualTo("storage review");
    assertThat(history.get(0).changedBy()).isEqualTo("alice");
    assertThat(history.get(0).before()).containsEntry("status", "acceptable");
    assertThat(history.get(0).after()).containsEntry("status", "at-risk");
    assertThat(history.get(1).before()).isNull();
    assertThat(registry.history(null, 1000)).hasSizeGreaterThan(10);

    ArchiveEvent event = events.recent(PlanningEvent.FORMAT_CHANGED, 1).get(0);
    assertThat(event.detail().toString())
        .contains("acceptable -> at-risk")
        .contains("storage review");
    assertThat(events.verify().valid()).isTrue();
  }

  @Test
  void badChangesAreRefusedWithStableCodesAndChangeNothing() {
    registry.seed();
    FormatEntry e = registry.get("fits");
    List<Runnable> bad = new ArrayList<>();
    bad.add(
        () ->
            registry.update(
                "fits",
                json(Map.of("status", "at-risk", "reasons", List.of("x"))),
                null,
                "a",
                null));
    bad.add(() -> registry.update("fits", json(Map.of("status", "doomed")), "r", "a", null));
    bad.add(
        () ->
            registry.update(
                "fits", json(Map.of("status", "at-risk", "reasons", List.of())), "r", "a", null));
    bad.add(() -> registry.update("fits", json(Map.of("pronom", "fmt/abc")), "r", "a", null));
    bad.add(() -> registry.update("fits", json(Map.of("mediaType", "not a type")), "r", "a", null));
    bad.add(() -> registry.update("fits", json(Map.of("id", "other")), "r", "a", null));
    bad.add(() -> registry.update("fits", json(Map.of("colour", "red")), "r", "a", null));
    bad.add(() -> registry.update("fits", json(Map.of("name", "x".repeat(201))), "r", "a", null));
    bad.add(
        () ->
            registry.update(
                "fits", json(Map.of("specification", "javascript:alert(1)")), "r", "a", null));
    for (Runnable r : bad) {
      assertThatThrownBy(r::run)
          .isInstanceOf(ArchiveException.class)
          .extracting(t -> ((ArchiveException) t).code())
          .isEqualTo(ErrorCode.FORMAT_REQUEST_INVALID);
    }
    assertThatThrownBy(
            () ->
                registry.update(
                    "fits", json(Map.of("status", "acceptable")), "r", "a", e.revision() + 1))
        .extracting(t -> ((ArchiveException) t).code())
        .isEqualTo(ErrorCode.FORMAT_CONFLICT);
    assertThatThrownBy(
            () -> registry.update("nope", json(Map.of("status", "acceptable")), "r", "a", null))
        .extracting(t -> ((ArchiveException) t).code())
        .isEqualTo(ErrorCode.FORMAT_NOT_FOUND);
    assertThat(registry.get("fits")).isEqualTo(e);
    assertThat(registry.history("fits", 10)).hasSize(1);
  }

  @Test
  void archivistsAddFormatsAndAnUnchangedPatchIsNoNewRevision() {
    registry.seed();
    FormatEntry vodf =
        registry.create(
            json(
                Map.of(
                    "id", "vodf-1.0",
                    "name", "VODF 1.0",
                    "mediaType", "application/fits",
                    "profile", "vodf-1.0",
                    "status", "preferred",
                    "reasons", List.of("The successor of GADF"))),
            "VODF released",
            "bob");
    assertThat(vodf.revision()).isEqualTo(1);
    assertThat(registry.find("vodf-1.0")).isPresent();
    assertThatThrownBy(
            () ->
                registry.create(
                    json(
                        Map.of(
                            "id",
                            "vodf-1.0",
                            "name",
                            "x",
                            "mediaType",
                            "application/fits",
                            "status",
                            "preferred")),
                    "again",
                    "bob"))
        .extracting(t -> ((ArchiveException) t).code())
        .isEqualTo(ErrorCode.FORMAT_CONFLICT);
    FormatEntry same =
        registry.update("vodf-1.0", json(Map.of("status", "preferred")), "no-op", "bob", null);
    assertThat(same.revision()).isEqualTo(1);
    assertThat(registry.history("vodf-1.0", 10)).hasSize(1);
  }
}
