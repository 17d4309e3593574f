package org.dpps.archive.storage.infrastructure.ocfl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocfl.api.OcflRepository;
import io.ocfl.api.model.ValidationResults;
import io.ocfl.core.OcflRepositoryBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.schemas.model.MultiDigest;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipFile;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.StoredFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcflAipStoreTest {
  static final ProductId CRAB = new ProductId("crab-0001");
  static final ProductId PKS = new ProductId("pks-0002");

  @TempDir Path tmp;
  OcflAipStore store;

  @BeforeEach
  void open() {
    store = new OcflAipStore(tmp.resolve("ocfl"), tmp.resolve("work"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void firstCommitIsVersionOneWithSizesDigestsAndFixityAndMovesTheSources() throws IOException {
    AipFile events = staged("data/events.txt", "gamma-like events\n");
    AipFile info = staged("bag-info.txt", "External-Identifier: crab-0001\n");

    int version = store.commit(aCommit(CRAB, events, info));

    assertThat(version).isEqualTo(1);
    AipVersion head = store.head(CRAB).orElseThrow();
    assertThat(head.version()).isEqualTo(1);
    assertThat(head.headVersion()).isEqualTo(1);
    assertThat(head.message()).isEqualTo("test commit of crab-0001");
    assertThat(head.files()).containsOnlyKeys("data/events.txt", "bag-info.txt");
    assertStored(head.file("data/events.txt").orElseThrow(), events, "gamma-like events\n");
    assertStored(head.file("bag-info.txt").orElseThrow(), info, "External-Identifier: crab-0001\n");
    assertThat(head.payload()).containsOnlyKeys("events.txt");
    assertThat(events.source()).doesNotExist();
    assertThat(info.source()).doesNotExist();
  }

  @Test
  void secondCommitHoldsExactlyTheNewFilesAndVersionOneKeepsItsBytes() throws IOException {
    store.commit(aCommit(CRAB, staged("data/a.txt", "v1 a"), staged("data/b.txt", "v1 b")));
    AipFile a2 = staged("data/a.txt", "v2 a, longer");

    int version = store.commit(aCommit(CRAB, a2));

    assertThat(version).isEqualTo(2);
    AipVersion head = store.head(CRAB).orElseThrow();
    assertThat(head.version()).isEqualTo(2);
    assertThat(head.files()).containsOnlyKeys("data/a.txt");
    assertStored(head.file("data/a.txt").orElseThrow(), a2, "v2 a, longer");

    AipVersion v1 = store.version(CRAB, 1).orElseThrow();
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.headVersion()).isEqualTo(2);
    assertThat(v1.files()).containsOnlyKeys("data/a.txt", "data/b.txt");
    assertThat(Files.readString(v1.file("data/a.txt").orElseThrow().location())).isEqualTo("v1 a");
    assertThat(Files.readString(v1.file("data/b.txt").orElseThrow().location())).isEqualTo("v1 b");
    assertThat(store.version(CRAB, 3)).isEmpty();
    assertThat(store.version(CRAB, 0)).isEmpty();
  }

  @Test
  void listsEveryProductAndKnowsNothingOfUnknownOnes() throws IOException {
    store.commit(aCommit(CRAB, staged("data/a.txt", "crab")));
    store.commit(aCommit(PKS, staged("data/a.txt", "pks")));

    try (Stream<ProductId> ids = store.productIds()) {
      assertThat(ids).containsExactlyInAnyOrder(CRAB, PKS);
    }
    assertThat(store.head(new ProductId("unknown-9"))).isEmpty();
    assertThat(store.version(new ProductId("unknown-9"), 1)).isEmpty();
  }

  @Test
  void committedObjectsPassOcflValidationIncludingContentFixity() throws IOException {
    store.commit(aCommit(CRAB, staged("data/a.txt", "one"), staged("bagit.txt", "two")));
    store.commit(aCommit(CRAB, staged("data/a.txt", "three")));

    OcflRepository reader =
        new OcflRepositoryBuilder()
            .storage(storage -> storage.fileSystem(tmp.resolve("ocfl")))
            .workDir(Files.createDirectories(tmp.resolve("validate-work")))
            .build();
    try {
      ValidationResults results = reader.validateObject(CRAB.ocflObjectId(), true);
      assertThat(results.getErrors()).isEmpty();
      assertThat(reader.describeObject(CRAB.ocflObjectId()).getHeadVersionNum().toString())
          .isEqualTo("v2");
    } finally {
      reader.close();
    }
  }

  @Test
  void storageRootDeclaresOcfl11() throws IOException {
    assertThat(tmp.resolve("ocfl/0=ocfl_1.1")).hasContent("ocfl_1.1");
  }

  @Test
  void aFileWhoseSizeIsNotTheStagedSizeIsRefusedAndTheObjectIsNotCreated() throws IOException {
    AipFile good = staged("data/a.txt", "real bytes");
    AipFile truncated =
        new AipFile(good.logicalPath(), good.source(), good.size() + 1, good.digests());

    assertThatThrownBy(() -> store.commit(aCommit(CRAB, truncated)))
        .isInstanceOfSatisfying(
            ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE));
    assertThat(store.head(CRAB)).isEmpty();
    assertThat(good.source()).exists();
  }

  @Test
  void aChangedSizeDoesNotReplaceTheHead() throws IOException {
    store.commit(aCommit(CRAB, staged("data/a.txt", "version one")));
    AipFile good = staged("data/a.txt", "version two!");
    AipFile wrong = new AipFile(good.logicalPath(), good.source(), 3, good.digests());

    assertThatThrownBy(() -> store.commit(aCommit(CRAB, wrong)))
        .isInstanceOf(ArchiveException.class);
    AipVersion head = store.head(CRAB).orElseThrow();
    assertThat(head.version()).isEqualTo(1);
    assertThat(Files.readString(head.file("data/a.txt").orElseThrow().location()))
        .isEqualTo("version one");
  }

  private static void assertStored(StoredFile stored, AipFile committed, String content)
      throws IOException {
    assertThat(stored.size()).isEqualTo(content.getBytes(StandardCharsets.UTF_8).length);
    assertThat(stored.sha512()).isEqualTo(committed.digests().sha512());
    assertThat(stored.location()).hasContent(content);
  }

  private static AipCommit aCommit(ProductId id, AipFile... files) {
    return new AipCommit(id, List.of(files), "test commit of " + id, "unit-test");
  }

  private int counter;

  /** Writes {@code content} to a fresh source file and digests it as ingest would. */
  private AipFile staged(String logicalPath, String content) throws IOException {
    Path source = tmp.resolve("staging/" + (counter++) + "/" + logicalPath.replace('/', '_'));
    Files.createDirectories(source.getParent());
    Files.writeString(source, content);
    MultiDigest digest = new MultiDigest();
    try (InputStream in = Files.newInputStream(source)) {
      digest.copy(in, OutputStream.nullOutputStream());
    }
    MultiDigest.Result result = digest.finish();
    return new AipFile(logicalPath, source, result.size(), result.digests());
  }
}
