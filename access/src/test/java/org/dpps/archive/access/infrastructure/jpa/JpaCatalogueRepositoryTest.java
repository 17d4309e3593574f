package org.dpps.archive.access.infrastructure.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpps.archive.access.application.TapSettings;
import org.dpps.archive.access.domain.CatalogueEntry;
import org.dpps.archive.access.fixtures.CatalogueDatabase;
import org.dpps.archive.access.fixtures.RecordBuilder;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.schemas.model.DescriptiveRecord;
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
    repository =
        new JpaCatalogueRepository(
            ArchiveDatabase.wrapping(db.database()), TapSettings.defaults().publication());
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

  @Test
  void obsCoreRowsAreWrittenWithTheCatalogueRowReplacedByANewVersionAndDeletedWithIt() {
    DescriptiveRecord dl3 =
        RecordBuilder.aRecord("p-dl3")
            .levels("DL3")
            .obsId(5002)
            .target("Crab")
            .pointing(83.63, 22.01)
            .observed("2020-01-01T00:00:00Z", "2020-01-01T00:28:00Z")
            .hduClasses("EVENTS", "GTI")
            .build();
    repository.upsertAll(List.of(new CatalogueEntry(dl3, 1)));

    List<Object[]> rows = obscore("p-dl3");
    assertThat(rows).hasSize(1);
    Object[] r = rows.get(0);
    assertThat(r[0]).isEqualTo("5002");
    assertThat(r[1]).isEqualTo("ivo://ctao.dpps/products?p-dl3");
    assertThat(r[2]).isEqualTo("event");
    assertThat(((Number) r[3]).intValue()).isEqualTo(2);
    assertThat(((Number) r[4]).doubleValue()).isEqualTo(58849.0);
    assertThat(((Number) r[5]).intValue()).isEqualTo(1);
    assertThat(count("ivoa.obscore_hea")).isEqualTo(1);
    assertThat(count("ctao.observation")).isEqualTo(1);
    assertThat(obscore("p-one"))
        .as("a product without a data level is no ObsCore dataset")
        .isEmpty();

    repository.upsertAll(List.of(new CatalogueEntry(dl3, 2)));
    assertThat(obscore("p-dl3")).hasSize(1);
    assertThat(((Number) obscore("p-dl3").get(0)[5]).intValue()).isEqualTo(2);

    repository.deleteAll();
    assertThat(count("ivoa.obscore")).isZero();
    assertThat(count("ivoa.obscore_hea")).isZero();
    assertThat(count("ctao.observation")).isZero();
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> obscore(String productId) {
    return db.database()
        .fromTransaction(
            em ->
                em.createNativeQuery(
                        "select obs_id, obs_publisher_did, dataproduct_type, calib_level, t_min,"
                            + " catalogue_version from ivoa.obscore where product_id = ?1")
                    .setParameter(1, productId)
                    .getResultList());
  }

  private long count(String table) {
    return db.database()
        .fromTransaction(
            em ->
                ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult())
                    .longValue());
  }

  private static CatalogueEntry row(ProductId id, int version) {
    return new CatalogueEntry(RecordBuilder.aRecord(id.value()).build(), version);
  }
}
