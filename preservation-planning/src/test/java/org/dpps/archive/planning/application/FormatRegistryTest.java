package org.dpps.archive.planning.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.dpps.archive.planning.domain.FormatChange;
import org.dpps.archive.planning.domain.FormatEntry;
import org.dpps.archive.planning.domain.FormatFields;
import org.dpps.archive.planning.domain.FormatPatch;
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

  static final FormatPatch PATCH = FormatPatch.NONE;

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
        PATCH.withStatus("obsolete").withReasons(List.of("VODF 1.0 released")),
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
            PATCH.withStatus("at-risk").withReasons(List.of("too big")),
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
                "fits", PATCH.withStatus("at-risk").withReasons(List.of("x")), null, "a", null));
    bad.add(() -> registry.update("fits", PATCH.withStatus("doomed"), "r", "a", null));
    bad.add(
        () ->
            registry.update(
                "fits", PATCH.withStatus("at-risk").withReasons(List.of()), "r", "a", null));
    bad.add(() -> registry.update("fits", PATCH.withPronom("fmt/abc"), "r", "a", null));
    bad.add(() -> registry.update("fits", PATCH.withMediaType("not a type"), "r", "a", null));
    bad.add(() -> registry.update("fits", PATCH.withId("other"), "r", "a", null));
    // an unknown field ("colour") cannot be put in a FormatPatch: FormatRequestsTest refuses it
    bad.add(() -> registry.update("fits", PATCH.withName("x".repeat(201)), "r", "a", null));
    bad.add(
        () ->
            registry.update(
                "fits", PATCH.withSpecification("javascript:alert(1)"), "r", "a", null));
    for (Runnable r : bad) {
      assertThatThrownBy(r::run)
          .isInstanceOf(ArchiveException.class)
          .extracting(t -> ((ArchiveException) t).code())
          .isEqualTo(ErrorCode.FORMAT_REQUEST_INVALID);
    }
    assertThatThrownBy(
            () ->
                registry.update("fits", PATCH.withStatus("acceptable"), "r", "a", e.revision() + 1))
        .extracting(t -> ((ArchiveException) t).code())
        .isEqualTo(ErrorCode.FORMAT_CONFLICT);
    assertThatThrownBy(
            () -> registry.update("nope", PATCH.withStatus("acceptable"), "r", "a", null))
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
            new FormatFields(
                "vodf-1.0",
                "VODF 1.0",
                "application/fits",
                "vodf-1.0",
                null,
                null,
                "preferred",
                List.of("The successor of GADF"),
                null),
            "VODF released",
            "bob");
    assertThat(vodf.revision()).isEqualTo(1);
    assertThat(registry.find("vodf-1.0")).isPresent();
    assertThatThrownBy(
            () ->
                registry.create(
                    new FormatFields(
                        "vodf-1.0",
                        "x",
                        "application/fits",
                        null,
                        null,
                        null,
                        "preferred",
                        null,
                        null),
                    "again",
                    "bob"))
        .extracting(t -> ((ArchiveException) t).code())
        .isEqualTo(ErrorCode.FORMAT_CONFLICT);
    FormatEntry same =
        registry.update("vodf-1.0", PATCH.withStatus("preferred"), "no-op", "bob", null);
    assertThat(same.revision()).isEqualTo(1);
    assertThat(registry.history("vodf-1.0", 10)).hasSize(1);
  }

  static ArchiveException refused(Runnable r) {
    try {
      r.run();
    } catch (ArchiveException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }

  @Test
  void aPatchSetsClearsOrKeepsEachFieldAndTheResultIsCheckedAsAWhole() {
    registry.seed();
    FormatEntry gzip = registry.get("fits-gzip");
    FormatEntry cleared =
        registry.update(
            "fits-gzip",
            PATCH.withId("fits-gzip").withProfile(null).withPronom(null),
            "clear",
            "alice",
            null);
    assertThat(cleared.profile()).as("null clears an optional field").isNull();
    assertThat(cleared.pronom()).isNull();
    assertThat(cleared.version()).as("an absent field is kept").isEqualTo(gzip.version());
    assertThat(cleared.reasons()).isEqualTo(gzip.reasons());
    assertThat(cleared.revision()).isEqualTo(gzip.revision() + 1);

    FormatEntry trimmed =
        registry.update(
            "fits-gzip",
            PATCH.withName("  Gzip  ").withStatus(" AT_RISK ").withReasons(List.of(" big ")),
            " why ",
            "alice",
            cleared.revision());
    assertThat(trimmed.name()).isEqualTo("Gzip");
    assertThat(trimmed.status()).isEqualTo("at-risk");
    assertThat(trimmed.reasons()).containsExactly("big");
    assertThat(registry.history("fits-gzip", 1).get(0).reason())
        .as("the reason is kept as given")
        .isEqualTo(" why ");

    List<String> messages = new ArrayList<>();
    for (FormatPatch bad :
        List.of(
            PATCH.withName(null),
            PATCH.withStatus(null),
            PATCH.withName("  "),
            PATCH.withReasons(null),
            PATCH.withReasons(Arrays.asList("x", null)),
            PATCH.withReasons(Collections.nCopies(21, "x")),
            PATCH.withId(null),
            PATCH.withId(" fits-gzip"),
            PATCH.withProfile("Bad Profile"),
            PATCH.withVersion("v".repeat(65)))) {
      ArchiveException e = refused(() -> registry.update("fits-gzip", bad, "r", "a", null));
      assertThat(e.code()).isEqualTo(ErrorCode.FORMAT_REQUEST_INVALID);
      messages.add(e.getMessage());
    }
    assertThat(messages)
        .containsExactly(
            "'name' is required",
            "'status' is required",
            "'name' must be a non-empty string",
            "An at-risk format needs at least one reason",
            "reasons must be non-empty strings of at most 2000 characters",
            "reasons must be an array of at most 20 strings",
            "The id of a format cannot change",
            "The id of a format cannot change",
            "profile must match [a-z0-9][a-z0-9.+-]{0,63}",
            "'version' is longer than 64 characters");
    assertThat(registry.get("fits-gzip")).isEqualTo(trimmed);
  }

  @Test
  void aNewEntryIsCheckedFieldByFieldBeforeItsReason() {
    FormatFields none = new FormatFields(null, null, null, null, null, null, null, null, null);
    assertThat(refused(() -> registry.create(none, null, "bob")).getMessage())
        .isEqualTo("'id' is required");
    FormatFields fields =
        new FormatFields(
            "n1", "N", "application/fits", null, null, null, "preferred", null, "ftp://x");
    assertThat(refused(() -> registry.create(fields, "r", "bob")).getMessage())
        .isEqualTo("specification must be an http(s) URL");
    FormatFields good =
        new FormatFields(
            " n1 ", " N ", "application/fits", null, null, null, "OBSOLETE", List.of(" a "), null);
    assertThat(refused(() -> registry.create(good, " ", "bob")).getMessage())
        .isEqualTo("Say why: 'reason' is required for every change of the registry");
    FormatEntry created = registry.create(good, "new", "bob");
    assertThat(created)
        .isEqualTo(
            new FormatEntry(
                "n1",
                "N",
                "application/fits",
                null,
                null,
                null,
                "obsolete",
                List.of("a"),
                null,
                1,
                created.updatedAt(),
                "bob"));
  }
}
