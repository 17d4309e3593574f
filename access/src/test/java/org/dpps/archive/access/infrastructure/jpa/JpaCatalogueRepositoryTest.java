package org.dpps.archive.access.infrastructure.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpps.archive.access.domain.CatalogueEntry;
import org.dpps.archive.access.fixtures.CatalogueDatabase;
import org.dpps.archive.access.fixtures.RecordBuilder;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.schemas.model.ProductId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the reconciliation reads of the catalogue: the rows' versions, the versions the search index
 * itself holds, and the versions whose graphs were recorded as written (real H2 and Lucene).
 */
class JpaCatalogueRepositoryTest {
  private static final ProductId P1 = new ProductId("p-one");
  private static final ProductId P2 = new ProductId("p-two");
  private static final ProductId P3 = new ProductId("p-three");

  @TempDir Path tmp;
  CatalogueDatabase db;
  JpaCatalogueRepository repository;

  @BeforeEach
  void open() {
    db = CatalogueDatabase.open(tmp);
    repository = new JpaCatalogueRepository(ArchiveDatabase.wrapping(db.database()));
    repository.upsertAll(List.of(row(P1, 1), row(P2, 2), row(P3, 1)));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void rowsAndIndexDocumentsEachSayWhichVersionTheyHold() {
    assertThat(repository.versions()).containsOnly(entry(P1, 1), entry(P2, 2), entry(P3, 1));
    assertThat(repository.indexedVersions()).containsOnly(entry(P1, 1), entry(P2, 2), entry(P3, 1));
    assertThat(repository.indexedCount()).isEqualTo(3);
  }

  @Test
  void aGraphCountsAsWrittenOnlyOnceRecordedAndANewVersionLeavesItBehindUntilWrittenAgain() {
    assertThat(repository.graphVersions()).isEmpty();

    repository.graphsWritten(Map.of(P1, 1, P2, 2));
    assertThat(repository.graphVersions()).containsOnly(entry(P1, 1), entry(P2, 2));

    repository.upsertAll(List.of(row(P1, 2)));
    assertThat(repository.versions()).contains(entry(P1, 2));
    assertThat(repository.indexedVersions()).contains(entry(P1, 2));
    assertThat(repository.graphVersions())
        .as("the v2 graph is not written yet")
        .contains(entry(P1, 1));

    repository.graphsWritten(Map.of(P1, 2));
    assertThat(repository.graphVersions()).containsOnly(entry(P1, 2), entry(P2, 2));
  }

  @Test
  void recordingGraphsTouchesNeitherTheRowsNorTheIndex() {
    repository.graphsWritten(Map.of(P3, 1));

    assertThat(repository.versions()).contains(entry(P3, 1));
    assertThat(repository.indexedVersions()).contains(entry(P3, 1));
    assertThat(repository.record(P3)).isPresent();
  }

  @Test
  void afterDeleteAllNothingIsCataloguedOrIndexed() {
    repository.deleteAll();

    assertThat(repository.versions()).isEmpty();
    assertThat(repository.indexedVersions()).isEmpty();
    assertThat(repository.indexedCount()).isZero();
  }

  private static CatalogueEntry row(ProductId id, int version) {
    return new CatalogueEntry(RecordBuilder.aRecord(id.value()).build(), version);
  }
}
