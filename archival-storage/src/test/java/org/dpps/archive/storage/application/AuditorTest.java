package org.dpps.archive.storage.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.Audit;
import org.dpps.archive.storage.domain.Audit.FailureView;
import org.dpps.archive.storage.domain.Audit.Kind;
import org.dpps.archive.storage.domain.Audit.Report;
import org.dpps.archive.storage.domain.Audit.State;
import org.dpps.archive.storage.domain.Audit.Trigger;
import org.dpps.archive.storage.domain.StorageEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixity audits through {@link AuditService}: damage on one replica is found, named with its
 * digests, and healed from the other; damage on both leaves the object DAMAGED and untouched; a
 * forgery that makes every digest agree is caught by the seal.
 */
class AuditorTest {
  private static final ProductId CRAB = new ProductId("crab-0001");
  private static final String EVENTS = "gamma-like events, run 4242\n";
  private static final String PAYLOAD = "v1/content/data/events.txt";

  @TempDir Path tmp;
  private StorageFixture f;

  @BeforeEach
  void open() {
    f = new StorageFixture(tmp);
    f.store(CRAB, EVENTS);
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aFlippedByteOnOneReplicaIsReportedWithBothDigestsAndRepaired() throws IOException {
    Path file = r2().resolve(PAYLOAD);
    byte[] bytes = Files.readAllBytes(file);
    bytes[3] ^= 0x01;
    Files.write(file, bytes);

    Report report = audit(Kind.FULL, CRAB);

    String good = sha512(EVENTS);
    String bad = StorageFixture.digest(bytes).digests().sha512();
    assertThat(report.state()).isEqualTo(State.COMPLETED);
    assertThat(report.failures())
        .extracting(
            FailureView::replica,
            FailureView::path,
            FailureView::kind,
            FailureView::expected,
            FailureView::actual,
            FailureView::action)
        .contains(
            tuple("r2", PAYLOAD, "CONTENT_DIGEST", good, bad, "REPAIRED"),
            tuple("r2", PAYLOAD, "MANIFEST_DIGEST", good, bad, "REPAIRED"));
    assertOnlyOn("r2", report, "REPAIRED");
    assertThat(report.repaired()).isEqualTo(1);
    assertThat(report.damaged()).isZero();
    assertThat(Files.readString(file)).isEqualTo(EVENTS);
    assertHealed(StorageEvent.RECOVERY);
  }

  @Test
  void aDeletedPayloadFileIsRestored() throws IOException {
    Files.delete(r2().resolve(PAYLOAD));

    Report report = audit(Kind.FULL, CRAB);

    assertThat(report.failures())
        .extracting(
            FailureView::replica,
            FailureView::path,
            FailureView::kind,
            FailureView::expected,
            FailureView::actual,
            FailureView::action)
        .contains(tuple("r2", PAYLOAD, "FILE_MISSING", sha512(EVENTS), null, "REPAIRED"));
    assertOnlyOn("r2", report, "REPAIRED");
    assertThat(report.repaired()).isEqualTo(1);
    assertThat(r2().resolve(PAYLOAD)).hasContent(EVENTS);
    assertHealed(StorageEvent.RECOVERY);
  }

  @Test
  void aTruncatedTagFileIsReportedAgainstTheInventoryAndTheTagManifestAndRepaired()
      throws IOException {
    Path tag = r2().resolve("v1/content/bag-info.txt");
    String original = Files.readString(tag);
    String truncated = original.substring(0, original.length() / 2);
    Files.writeString(tag, truncated);

    Report report = audit(Kind.FULL, CRAB);

    assertThat(report.failures())
        .extracting(
            FailureView::replica,
            FailureView::path,
            FailureView::kind,
            FailureView::expected,
            FailureView::actual,
            FailureView::action)
        .contains(
            tuple(
                "r2",
                "v1/content/bag-info.txt",
                "CONTENT_DIGEST",
                sha512(original),
                sha512(truncated),
                "REPAIRED"),
            tuple(
                "r2",
                "v1/content/bag-info.txt",
                "MANIFEST_DIGEST",
                sha512(original),
                sha512(truncated),
                "REPAIRED"));
    assertOnlyOn("r2", report, "REPAIRED");
    assertThat(tag).hasContent(original);
    assertHealed(StorageEvent.RECOVERY);
  }

  @Test
  void aDeletedObjectIsReplicatedAgain() throws IOException {
    Map<String, String> before = StorageFixture.tree(r1());
    deleteTree(r2());

    Report report = audit(Kind.FULL, CRAB);

    assertThat(report.failures())
        .extracting(FailureView::replica, FailureView::kind, FailureView::action)
        .containsExactly(tuple("r2", "OBJECT_MISSING", "REPLICATED"));
    assertThat(report.repaired()).isEqualTo(1);
    assertThat(StorageFixture.tree(r2())).isEqualTo(before);
    assertThat(f.storage.open(f.replica("r2")).headVersion(CRAB)).isEqualTo(1);
    assertHealed(StorageEvent.REPLICATED);
    assertThat(f.events.forProduct(CRAB.value()))
        .filteredOn(e -> e.is(StorageEvent.REPLICATED))
        .last()
        .satisfies(
            e -> {
              assertThat(e.agent()).isEqualTo(Auditor.AGENT);
              assertThat(e.replica()).isEqualTo("r2");
              assertThat(e.detail()).containsEntry("from", "r1");
            });
  }

  @Test
  void anUnknownFileIsQuarantined() throws IOException {
    Path dark = r2().resolve("v1/content/data/planted.bin");
    Files.writeString(dark, "not part of the AIP\n");

    Report report = audit(Kind.FULL, CRAB);

    assertThat(report.failures())
        .extracting(
            FailureView::replica,
            FailureView::path,
            FailureView::kind,
            FailureView::actual,
            FailureView::action)
        .containsExactly(
            tuple(
                "r2",
                "v1/content/data/planted.bin",
                "DARK_FILE",
                sha512("not part of the AIP\n"),
                "QUARANTINED"));
    assertThat(dark).doesNotExist();
    List<Path> quarantined = filesUnder(f.settings.quarantine());
    assertThat(quarantined).hasSize(1);
    assertThat(quarantined.get(0).toString().replace('\\', '/'))
        .contains("r2/" + CRAB.value() + "/")
        .endsWith("v1/content/data/planted.bin");
    assertThat(quarantined.get(0)).hasContent("not part of the AIP\n");
    ArchiveEvent q =
        f.events.forProduct(CRAB.value()).stream()
            .filter(e -> e.is(StorageEvent.QUARANTINE))
            .findFirst()
            .orElseThrow();
    assertThat(q.replica()).isEqualTo("r2");
    assertThat(q.detail()).containsEntry("path", "v1/content/data/planted.bin");
    assertHealed(StorageEvent.QUARANTINE);
  }

  @Test
  void aCorruptedInventoryIsRestored() throws IOException {
    Path inventory = r2().resolve("inventory.json");
    String original = Files.readString(inventory);
    Files.writeString(inventory, original.substring(0, original.length() - 20));

    Report report = audit(Kind.FULL, CRAB);

    assertThat(report.failures())
        .extracting(FailureView::replica, FailureView::path, FailureView::kind)
        .contains(
            tuple("r2", "inventory.json", "INVENTORY_INVALID"),
            tuple("r2", "inventory.json", "INVENTORY_SIDECAR"));
    assertOnlyOn("r2", report, "REPAIRED");
    assertThat(inventory).hasContent(original);
    assertHealed(StorageEvent.RECOVERY);
  }

  @Test
  void aReplicaThatMissedAVersionIsBroughtUpToTheHead() throws IOException {
    Path r2Root = f.replica("r2").root();
    Path away = r2Root.resolveSibling("ocfl-r2-unmounted");
    Files.move(r2Root, away);
    assertThatThrownBy(() -> f.store(CRAB, "second version\n"))
        .isInstanceOf(ArchiveException.class)
        .satisfies(
            e ->
                assertThat(((ArchiveException) e).code()).isEqualTo(ErrorCode.REPLICA_UNAVAILABLE));

    Report whileDown = audit(Kind.FULL, CRAB);

    assertThat(whileDown.failures())
        .extracting(FailureView::replica, FailureView::kind, FailureView::action)
        .containsExactly(tuple("r2", "REPLICA_UNAVAILABLE", "SKIPPED"));
    assertThat(f.audits.integrityOf(CRAB.value())).contains("UNKNOWN");

    Files.move(away, r2Root);
    Report report = audit(Kind.QUICK, CRAB);

    assertThat(report.failures())
        .extracting(
            FailureView::replica,
            FailureView::kind,
            FailureView::expected,
            FailureView::actual,
            FailureView::action)
        .containsExactly(tuple("r2", "VERSION_BEHIND", "v2", "v1", "REPAIRED"));
    assertThat(report.bytesChecked()).as("escalated to a full check").isPositive();
    assertThat(f.storage.open(f.replica("r2")).headVersion(CRAB)).isEqualTo(2);
    assertThat(r2().resolve("v2/content/data/events.txt")).hasContent("second version\n");
    // r2's copy of v1 was intact: its check succeeded, and the repair added v2
    assertHealed(StorageEvent.RECOVERY, ArchiveEvent.Outcome.SUCCESS);
  }

  @Test
  void damageOnBothReplicasMarksTheObjectDamagedAndTouchesNothing() throws IOException {
    Files.writeString(r1().resolve(PAYLOAD), EVENTS.replace('g', 'G'));
    Files.writeString(r2().resolve(PAYLOAD), EVENTS.substring(0, 10));
    Map<String, String> r1Before = StorageFixture.tree(r1());
    Map<String, String> r2Before = StorageFixture.tree(r2());

    Report report = audit(Kind.FULL, CRAB);

    assertThat(report.failures())
        .extracting(FailureView::replica, FailureView::path, FailureView::kind)
        .contains(tuple("r1", PAYLOAD, "CONTENT_DIGEST"), tuple("r2", PAYLOAD, "CONTENT_DIGEST"));
    assertThat(report.failures()).extracting(FailureView::action).containsOnly("DAMAGED");
    assertThat(report.damaged()).isEqualTo(1);
    assertThat(report.repaired()).isZero();
    assertThat(f.audits.damaged()).containsOnlyKeys(CRAB.value());
    assertThat(f.audits.damaged().get(CRAB.value()))
        .contains("r1:CONTENT_DIGEST " + PAYLOAD)
        .contains("r2:CONTENT_DIGEST " + PAYLOAD);
    assertThat(f.audits.integrityOf(CRAB.value())).contains("DAMAGED");
    assertThat(StorageFixture.tree(r1())).isEqualTo(r1Before);
    assertThat(StorageFixture.tree(r2())).isEqualTo(r2Before);
    assertThat(f.settings.quarantine()).doesNotExist();
    assertThat(f.eventTypes(CRAB))
        .contains(StorageEvent.FIXITY_CHECK, StorageEvent.DAMAGED)
        .doesNotContain(StorageEvent.RECOVERY, StorageEvent.QUARANTINE);
    assertThat(f.events.verify().valid()).isTrue();
  }

  @Test
  void aForgeryThatMakesEveryDigestAgreeIsCaughtByTheSealAndRepaired() throws IOException {
    Path object = r2();
    Map<String, String> before = StorageFixture.tree(object);
    String forged = "forged events, run 4242\n";
    Files.writeString(object.resolve(PAYLOAD), forged);
    // the forger rewrites both payload manifests, both tag manifests...
    writeContent(object, "manifest-sha512.txt", sha512(forged) + "  data/events.txt\n");
    writeContent(
        object,
        "manifest-sha256.txt",
        StorageFixture.digest(forged).digests().sha256() + "  data/events.txt\n");
    StringBuilder t512 = new StringBuilder();
    StringBuilder t256 = new StringBuilder();
    for (String tag :
        List.of("bag-info.txt", "bagit.txt", "manifest-sha256.txt", "manifest-sha512.txt")) {
      String content = Files.readString(object.resolve("v1/content/" + tag));
      t512.append(sha512(content)).append("  ").append(tag).append('\n');
      t256.append(StorageFixture.digest(content).digests().sha256())
          .append("  ")
          .append(tag)
          .append('\n');
    }
    writeContent(object, "tagmanifest-sha512.txt", t512.toString());
    writeContent(object, "tagmanifest-sha256.txt", t256.toString());
    // ...and the OCFL inventory (manifest and state digests) with both of its sidecars
    String inventory = Files.readString(object.resolve("inventory.json"));
    Map<String, String> now = StorageFixture.tree(object);
    for (String path : before.keySet()) {
      if (path.startsWith("v1/content/") && !before.get(path).equals(now.get(path))) {
        assertThat(inventory).contains(before.get(path));
        inventory = inventory.replace(before.get(path), now.get(path));
      }
    }
    String inventorySha512 = sha512(inventory);
    for (String path : List.of("inventory.json", "v1/inventory.json")) {
      Files.writeString(object.resolve(path), inventory);
      Path sidecar = object.resolve(path + ".sha512");
      String old = Files.readString(sidecar);
      Files.writeString(sidecar, inventorySha512 + old.substring(old.indexOf(' ')));
    }
    assertThat(Files.readString(object.resolve("inventory.json.sha512")))
        .startsWith(inventorySha512 + " ");

    Report report = audit(Kind.FULL, CRAB);

    assertThat(report.failures())
        .extracting(FailureView::replica, FailureView::path, FailureView::kind, FailureView::action)
        .as("every digest agrees: only the seal gives the forgery away")
        .containsExactly(tuple("r2", "v1: metadata/seal.ed25519", "SEAL", "REPAIRED"));
    assertThat(report.repaired()).isEqualTo(1);
    assertThat(StorageFixture.tree(object)).isEqualTo(before);
    assertThat(object.resolve(PAYLOAD)).hasContent(EVENTS);
    assertHealed(StorageEvent.RECOVERY);
  }

  @Test
  void aQuickAuditAsksTheDerivedStoresToReconcileAndAFullAuditDoesNot() {
    audit(Kind.FULL, CRAB);
    assertThat(f.reconciliations).hasValue(0);

    audit(Kind.QUICK, CRAB);
    assertThat(f.reconciliations).hasValue(1);
  }

  @Test
  void aQuickAuditOfIntactCopiesReadsNoContentAndFindsNothing() {
    Report report = audit(Kind.QUICK, CRAB);

    assertThat(report.state()).isEqualTo(State.COMPLETED);
    assertThat(report.kind()).isEqualTo(Kind.QUICK);
    assertThat(report.objectsChecked()).isEqualTo(1);
    assertThat(report.bytesChecked()).isZero();
    assertThat(report.filesChecked()).isZero();
    assertThat(report.failuresTotal()).isZero();
    assertThat(report.failures()).isEmpty();
    assertThat(f.audits.integrityOf(CRAB.value())).contains("OK");
    assertThat(f.events.forProduct(CRAB.value()))
        .filteredOn(e -> e.is(StorageEvent.FIXITY_CHECK))
        .extracting(ArchiveEvent::replica, e -> e.detail().get("mode"), ArchiveEvent::outcome)
        .containsExactly(
            tuple("r1", "quick", ArchiveEvent.Outcome.SUCCESS),
            tuple("r2", "quick", ArchiveEvent.Outcome.SUCCESS));
  }

  @Test
  void aQuickAuditThatSeesASizeChangeEscalatesToAFullCheckAndRepairs() throws IOException {
    Path file = r2().resolve(PAYLOAD);
    Files.writeString(file, EVENTS + "appended garbage\n");

    Report report = audit(Kind.QUICK, CRAB);

    assertThat(report.bytesChecked()).isPositive();
    assertThat(report.filesChecked()).isPositive();
    assertThat(report.failures())
        .extracting(
            FailureView::replica,
            FailureView::path,
            FailureView::kind,
            FailureView::expected,
            FailureView::actual,
            FailureView::action)
        .contains(
            tuple(
                "r2",
                PAYLOAD,
                "CONTENT_DIGEST",
                sha512(EVENTS),
                sha512(EVENTS + "appended garbage\n"),
                "REPAIRED"));
    assertOnlyOn("r2", report, "REPAIRED");
    assertThat(report.repaired()).isEqualTo(1);
    assertThat(file).hasContent(EVENTS);
    assertThat(f.events.forProduct(CRAB.value()))
        .filteredOn(e -> e.is(StorageEvent.FIXITY_CHECK) && "r2".equals(e.replica()))
        .extracting(e -> e.detail().get("mode"), ArchiveEvent::outcome)
        .contains(tuple("full", ArchiveEvent.Outcome.FAILURE));
    assertHealed(StorageEvent.RECOVERY);
  }

  @Test
  void anObjectStoredNowhereIsMissingOnBothAndDamaged() {
    ProductId ghost = new ProductId("never-stored-0009");

    Report report = audit(Kind.FULL, ghost);

    assertThat(report.failures())
        .extracting(FailureView::productId, FailureView::replica, FailureView::kind)
        .containsExactlyInAnyOrder(
            tuple(ghost.value(), "r1", "OBJECT_MISSING"),
            tuple(ghost.value(), "r2", "OBJECT_MISSING"));
    assertThat(report.failures()).extracting(FailureView::action).containsOnly("DAMAGED");
    assertThat(report.damaged()).isEqualTo(1);
    assertThat(f.audits.damaged()).containsOnlyKeys(ghost.value());
    assertThat(f.audits.integrityOf(ghost.value())).contains("DAMAGED");
    assertThat(f.eventTypes(ghost)).contains(StorageEvent.DAMAGED);
    assertThat(f.objectRoot("r1", ghost)).doesNotExist();
    assertThat(f.objectRoot("r2", ghost)).doesNotExist();
  }

  @Test
  void anInvalidRequestIsRefused() {
    assertThatThrownBy(
            () ->
                f.audits.start(
                    new Audit.Request(Kind.FULL, List.of("r1", "r9"), null, null, null),
                    Trigger.API))
        .isInstanceOf(ArchiveException.class)
        .satisfies(
            e ->
                assertThat(((ArchiveException) e).code())
                    .isEqualTo(ErrorCode.AUDIT_REQUEST_INVALID))
        .hasMessageContaining("r9");
    assertThatThrownBy(
            () ->
                f.audits.start(
                    new Audit.Request(Kind.FULL, null, List.of("../../etc/passwd"), null, null),
                    Trigger.API))
        .isInstanceOf(ArchiveException.class)
        .satisfies(
            e ->
                assertThat(((ArchiveException) e).code())
                    .isEqualTo(ErrorCode.AUDIT_REQUEST_INVALID));
    assertThatThrownBy(
            () -> f.audits.start(new Audit.Request(Kind.FULL, null, null, null, 0), Trigger.API))
        .isInstanceOf(ArchiveException.class)
        .satisfies(
            e ->
                assertThat(((ArchiveException) e).code())
                    .isEqualTo(ErrorCode.AUDIT_REQUEST_INVALID));
    assertThat(f.audits.recent(10)).isEmpty();
  }

  @Test
  void anAuditOfOneReplicaLeavesTheOtherAloneButRepairsFromIt() throws IOException {
    Files.writeString(r1().resolve(PAYLOAD), "damaged on r1\n");

    Report r2Only = auditOn("r2");

    assertThat(r2Only.replicas()).containsExactly("r2");
    assertThat(r2Only.failures()).isEmpty();
    assertThat(r1().resolve(PAYLOAD)).hasContent("damaged on r1\n");

    Files.writeString(r1().resolve(PAYLOAD), EVENTS);
    Files.writeString(r2().resolve(PAYLOAD), "damaged on r2\n");

    Report repaired = auditOn("r2");

    assertOnlyOn("r2", repaired, "REPAIRED");
    assertThat(repaired.repaired()).isEqualTo(1);
    assertHealed(StorageEvent.RECOVERY);
  }

  @Test
  void aStoredObjectTheCatalogueDoesNotKnowIsDarkAndACataloguedOneStorageLacksIsDamaged() {
    f.close();
    ProductId lost = new ProductId("lost-0007");
    f =
        new StorageFixture(
            tmp,
            100,
            StorageFixture.catalogueOf(List.of(lost)),
            new StorageFixture.MutableClock(java.time.Instant.now()));

    Report report =
        run(f.audits.start(new Audit.Request(null, null, null, null, null), Trigger.API));

    assertThat(report.kind()).isEqualTo(Kind.FULL);
    assertThat(report.objectsTotal()).isEqualTo(2);
    assertThat(report.failures())
        .extracting(
            FailureView::productId, FailureView::replica, FailureView::kind, FailureView::action)
        .containsExactlyInAnyOrder(
            tuple(CRAB.value(), "r1,r2", "DARK_OBJECT", "REPORTED"),
            tuple(lost.value(), "r1", "OBJECT_MISSING", "DAMAGED"),
            tuple(lost.value(), "r2", "OBJECT_MISSING", "DAMAGED"));
    assertThat(f.audits.damaged()).containsOnlyKeys(lost.value());
    assertThat(f.audits.integrityOf(CRAB.value())).contains("OK");
  }

  // ------------------------------------------------------------------ helpers

  private Path r1() {
    return f.objectRoot("r1", CRAB);
  }

  private Path r2() {
    return f.objectRoot("r2", CRAB);
  }

  @Test
  void filesInAStorageRootOutsideEveryObjectAreReportedAndLeftAlone() throws IOException {
    Path r2Root = f.replica("r2").root();
    Path stray = r2Root.resolve("stray.txt");
    Files.writeString(stray, "not an object\n");
    Path nested = r2Root.resolve("abc/def/lost.bin");
    Files.createDirectories(nested.getParent());
    Files.write(nested, new byte[] {1, 2, 3});

    Report whole =
        run(f.audits.start(new Audit.Request(Kind.QUICK, null, null, null, null), Trigger.API));
    Report oneProduct = audit(Kind.QUICK, CRAB);

    assertThat(whole.failures())
        .extracting(
            FailureView::productId,
            FailureView::replica,
            FailureView::path,
            FailureView::kind,
            FailureView::action)
        .containsExactlyInAnyOrder(
            tuple(null, "r2", "stray.txt", "DARK_FILE", "REPORTED"),
            tuple(null, "r2", "abc/def/lost.bin", "DARK_FILE", "REPORTED"));
    assertThat(oneProduct.failures()).as("only audits of everything walk the roots").isEmpty();
    assertThat(Files.readString(stray)).isEqualTo("not an object\n");
    assertThat(Files.readAllBytes(nested)).containsExactly(1, 2, 3);
  }

  private Report audit(Kind kind, ProductId productId) {
    return run(
        f.audits.start(
            new Audit.Request(kind, null, List.of(productId.value()), null, null), Trigger.API));
  }

  private Report auditOn(String replica) {
    return run(
        f.audits.start(
            new Audit.Request(Kind.FULL, List.of(replica), List.of(CRAB.value()), null, null),
            Trigger.API));
  }

  private Report run(Report queued) {
    Report report = f.awaitAudit(queued.id());
    assertThat(report.state()).isEqualTo(State.COMPLETED);
    assertThat(report.objectsChecked()).isEqualTo(report.objectsTotal());
    assertThat(report.failuresTotal()).isEqualTo(report.failures().size());
    return report;
  }

  private static void assertOnlyOn(String replica, Report report, String action) {
    assertThat(report.failures()).isNotEmpty();
    assertThat(report.failures()).extracting(FailureView::replica).containsOnly(replica);
    assertThat(report.failures()).extracting(FailureView::action).containsOnly(action);
    assertThat(report.failures()).extracting(FailureView::productId).containsOnly(CRAB.value());
  }

  /**
   * Both copies are byte-identical again, a new full audit finds nothing, the object is OK, and the
   * failed fixity check on r2 and the healing event are in the product's log.
   */
  private void assertHealed(StorageEvent healing) {
    assertHealed(healing, ArchiveEvent.Outcome.FAILURE);
  }

  /** As above; {@code r2Check} is how r2's fixity check came out (an intact copy may lag). */
  private void assertHealed(StorageEvent healing, ArchiveEvent.Outcome r2Check) {
    assertThat(StorageFixture.tree(r2())).isNotEmpty().isEqualTo(StorageFixture.tree(r1()));
    Report again = audit(Kind.FULL, CRAB);
    assertThat(again.failuresTotal()).isZero();
    assertThat(again.failures()).isEmpty();
    assertThat(again.repaired()).isZero();
    assertThat(again.bytesChecked()).isPositive();
    assertThat(f.audits.integrityOf(CRAB.value())).contains("OK");
    assertThat(f.audits.damaged()).isEmpty();
    List<ArchiveEvent> events = f.events.forProduct(CRAB.value());
    assertThat(events)
        .filteredOn(e -> e.is(StorageEvent.FIXITY_CHECK))
        .extracting(ArchiveEvent::replica, ArchiveEvent::outcome)
        .contains(tuple("r2", r2Check), tuple("r1", ArchiveEvent.Outcome.SUCCESS));
    assertThat(events)
        .filteredOn(e -> e.is(healing))
        .extracting(ArchiveEvent::replica, ArchiveEvent::outcome)
        .contains(tuple("r2", ArchiveEvent.Outcome.SUCCESS));
    assertThat(events.stream().filter(e -> e.is(StorageEvent.RECOVERY)))
        .allSatisfy(e -> assertThat(e.detail()).containsEntry("from", "r1"));
    assertThat(f.events.verify().valid()).isTrue();
  }

  private static void writeContent(Path object, String tag, String content) throws IOException {
    Files.writeString(object.resolve("v1/content/" + tag), content, StandardCharsets.UTF_8);
  }

  private static String sha512(String content) {
    return StorageFixture.digest(content).digests().sha512();
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return new ArrayList<>(walk.filter(Files::isRegularFile).toList());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
