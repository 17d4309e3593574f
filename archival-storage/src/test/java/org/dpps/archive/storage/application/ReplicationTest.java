package org.dpps.archive.storage.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.AipVersionCommitted;
import org.dpps.archive.storage.domain.AipVersionsCommitted;
import org.dpps.archive.storage.domain.StorageEvent;
import org.dpps.archive.storage.infrastructure.jpa.IntentEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every version on every replica, byte for byte; a replica that is down is caught up later. */
class ReplicationTest {
  private static final ProductId CRAB = new ProductId("crab-0001");
  private static final ProductId PKS = new ProductId("pks-0002");

  @TempDir Path tmp;
  private StorageFixture f;

  @BeforeEach
  void open() {
    f = new StorageFixture(tmp);
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aCommitLandsOnBothReplicasByteForByte() {
    int version = f.store(CRAB, "gamma-like events\n");

    assertThat(version).isEqualTo(1);
    Map<String, String> r1 = StorageFixture.tree(f.objectRoot("r1", CRAB));
    Map<String, String> r2 = StorageFixture.tree(f.objectRoot("r2", CRAB));
    assertThat(r1)
        .containsKeys(
            "inventory.json",
            "inventory.json.sha512",
            "v1/inventory.json",
            "v1/content/data/events.txt",
            "v1/content/bagit.txt",
            "v1/content/bag-info.txt",
            "v1/content/manifest-sha512.txt",
            "v1/content/manifest-sha256.txt",
            "v1/content/tagmanifest-sha512.txt",
            "v1/content/tagmanifest-sha256.txt",
            "v1/content/metadata/seal.ed25519");
    assertThat(r1.get("v1/content/data/events.txt"))
        .isEqualTo(StorageFixture.digest("gamma-like events\n").digests().sha512());
    assertThat(r2).isEqualTo(r1);
    assertThat(f.storage.open(f.replica("r1")).headVersion(CRAB)).isEqualTo(1);
    assertThat(f.storage.open(f.replica("r2")).headVersion(CRAB)).isEqualTo(1);
    assertThat(f.committed.fired)
        .containsExactly(new AipVersionsCommitted(List.of(new AipVersionCommitted(CRAB, 1))));
    assertThat(f.storage.head(CRAB).orElseThrow().file("data/events.txt")).isPresent();
  }

  @Test
  void aSecondVersionIsCopiedToo() {
    f.store(CRAB, "first\n");
    int second = f.store(CRAB, "second, reprocessed\n");

    assertThat(second).isEqualTo(2);
    Map<String, String> r1 = StorageFixture.tree(f.objectRoot("r1", CRAB));
    assertThat(r1).containsKeys("v2/inventory.json", "v2/content/data/events.txt");
    assertThat(r1.get("v2/content/data/events.txt"))
        .isEqualTo(StorageFixture.digest("second, reprocessed\n").digests().sha512());
    assertThat(StorageFixture.tree(f.objectRoot("r2", CRAB))).isEqualTo(r1);
    assertThat(f.storage.open(f.replica("r2")).headVersion(CRAB)).isEqualTo(2);
    List<ArchiveEvent> events = f.events.forProduct(CRAB.value());
    assertThat(events)
        .filteredOn(e -> e.is(StorageEvent.STORED))
        .extracting(ArchiveEvent::replica, e -> e.detail().get("version"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r1", 1),
            org.assertj.core.groups.Tuple.tuple("r1", 2));
    assertThat(events)
        .filteredOn(e -> e.is(StorageEvent.REPLICATED))
        .extracting(ArchiveEvent::replica, e -> e.detail().get("version"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r2", 1),
            org.assertj.core.groups.Tuple.tuple("r2", 2));
  }

  @Test
  void aReplicaThatIsDownMakesTheCommitWaitAndIsCaughtUpWhenItReturns() throws IOException {
    f.store(CRAB, "first\n");
    Path r2Root = f.replica("r2").root();
    Path away = r2Root.resolveSibling("ocfl-r2-unmounted");
    Files.move(r2Root, away);

    assertThat(f.replica("r2").available()).isFalse();
    assertThat(f.storage.unavailableReplicas()).containsExactly("r2");
    assertThatThrownBy(
            () ->
                f.storage.commitAll(
                    List.of(f.aip(CRAB, "second\n"), f.aip(PKS, "another product\n"))))
        .isInstanceOf(ArchiveException.class)
        .satisfies(
            e -> assertThat(((ArchiveException) e).code()).isEqualTo(ErrorCode.REPLICA_UNAVAILABLE))
        .hasMessageContaining("r2");

    // stored (and announced) on r1; r2 was never re-created empty
    assertThat(f.storage.open(f.replica("r1")).headVersion(CRAB)).isEqualTo(2);
    assertThat(f.storage.open(f.replica("r1")).headVersion(PKS)).isEqualTo(1);
    assertThat(r2Root).doesNotExist();
    assertThat(f.committed.fired)
        .last()
        .isEqualTo(
            new AipVersionsCommitted(
                List.of(new AipVersionCommitted(CRAB, 2), new AipVersionCommitted(PKS, 1))));
    assertThatThrownBy(() -> f.storage.ensureReplicated(CRAB))
        .isInstanceOf(ArchiveException.class)
        .satisfies(
            e ->
                assertThat(((ArchiveException) e).code()).isEqualTo(ErrorCode.REPLICA_UNAVAILABLE));

    Files.move(away, r2Root);
    assertThat(f.replica("r2").available()).isTrue();
    assertThat(StorageFixture.tree(f.objectRoot("r2", CRAB)))
        .doesNotContainKey("v2/inventory.json");
    f.storage.ensureReplicated(CRAB);
    f.storage.ensureReplicated(PKS);

    assertThat(StorageFixture.tree(f.objectRoot("r2", CRAB)))
        .containsKey("v2/content/data/events.txt")
        .isEqualTo(StorageFixture.tree(f.objectRoot("r1", CRAB)));
    assertThat(StorageFixture.tree(f.objectRoot("r2", PKS)))
        .isNotEmpty()
        .isEqualTo(StorageFixture.tree(f.objectRoot("r1", PKS)));
    assertThat(f.storage.open(f.replica("r2")).headVersion(CRAB)).isEqualTo(2);
    List<ArchiveEvent> events = f.events.forProduct(CRAB.value());
    assertThat(events)
        .filteredOn(e -> e.is(StorageEvent.STORED))
        .extracting(ArchiveEvent::replica, e -> e.detail().get("version"), ArchiveEvent::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r1", 1, ArchiveEvent.Outcome.SUCCESS),
            org.assertj.core.groups.Tuple.tuple("r1", 2, ArchiveEvent.Outcome.SUCCESS));
    assertThat(events)
        .filteredOn(e -> e.is(StorageEvent.REPLICATED))
        .extracting(ArchiveEvent::replica, e -> e.detail().get("version"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r2", 1),
            org.assertj.core.groups.Tuple.tuple("r2", 2));
    assertThat(f.eventTypes(PKS)).containsExactly(StorageEvent.STORED, StorageEvent.REPLICATED);
    assertThat(intents()).isEmpty();
  }

  @Test
  void aReplicaDownAtStartUpIsNotRecreatedEmpty() throws IOException {
    f.store(CRAB, "first\n");
    f.close();
    Path r2Root = f.replica("r2").root();
    Path away = r2Root.resolveSibling("ocfl-r2-unmounted");
    Files.move(r2Root, away);
    f = new StorageFixture(tmp);

    assertThat(f.storage.unavailableReplicas()).containsExactly("r2");
    assertThatThrownBy(() -> f.store(CRAB, "second\n"))
        .isInstanceOf(ArchiveException.class)
        .satisfies(
            e ->
                assertThat(((ArchiveException) e).code()).isEqualTo(ErrorCode.REPLICA_UNAVAILABLE));
    assertThat(r2Root).doesNotExist();
    assertThat(f.storage.open(f.replica("r1")).headVersion(CRAB)).isEqualTo(2);

    Files.move(away, r2Root);
    f.storage.ensureReplicated(CRAB);
    assertThat(StorageFixture.tree(f.objectRoot("r2", CRAB)))
        .containsKey("v2/inventory.json")
        .isEqualTo(StorageFixture.tree(f.objectRoot("r1", CRAB)));
  }

  @Test
  void recoveryRemovesAVersionThatACrashLeftBeyondTheHead() throws IOException {
    f.store(CRAB, "first\n");
    Path object = f.objectRoot("r1", CRAB);
    Map<String, String> committed = StorageFixture.tree(object);
    // a crash while installing v2: its directory is there, the root inventory still says v1
    copyTree(object.resolve("v1"), object.resolve("v2"));
    f.database.inTransaction(
        em -> {
          IntentEntity intent = new IntentEntity();
          intent.productId = CRAB.value();
          intent.replica = "r1";
          intent.version = 2;
          intent.startedAt = f.clock.instant();
          em.persist(intent);
        });
    Path workFile = f.settings.replicas().get(0).workDir().resolve("leftover-staging");
    Files.writeString(workFile, "half a file");

    int removed = new WriteRecovery(f.storage).recoverInterruptedWrites();

    assertThat(removed).isEqualTo(1);
    assertThat(object.resolve("v2")).doesNotExist();
    assertThat(StorageFixture.tree(object)).isEqualTo(committed);
    assertThat(f.storage.open(f.replica("r1")).headVersion(CRAB)).isEqualTo(1);
    assertThat(workFile).doesNotExist();
    try (Stream<Path> quarantined = Files.list(f.settings.quarantine())) {
      List<Path> dirs = quarantined.toList();
      assertThat(dirs).hasSize(1);
      assertThat(dirs.get(0).getFileName().toString()).startsWith(CRAB.value() + "-v2-");
      assertThat(StorageFixture.tree(dirs.get(0)))
          .containsKey("content/data/events.txt")
          .containsKey("inventory.json");
    }
    assertThat(intents()).isEmpty();
    ArchiveEvent recovery =
        f.events.forProduct(CRAB.value()).stream()
            .filter(e -> e.is(StorageEvent.CRASH_RECOVERY))
            .findFirst()
            .orElseThrow();
    assertThat(recovery.replica()).isEqualTo("r1");
    assertThat(recovery.detail()).containsEntry("version", 2);
    assertThat(recovery.detail().get("removed").toString()).contains(CRAB.value() + "-v2-");
    assertThat(f.events.verify().valid()).isTrue();

    // a later commit is v2 as if the crash never happened, and replicas agree
    assertThat(f.store(CRAB, "second\n")).isEqualTo(2);
    assertThat(StorageFixture.tree(f.objectRoot("r2", CRAB)))
        .isEqualTo(StorageFixture.tree(object));
  }

  private List<IntentEntity> intents() {
    return f.database.fromTransaction(
        em -> em.createQuery("select i from IntentEntity i", IntentEntity.class).getResultList());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
