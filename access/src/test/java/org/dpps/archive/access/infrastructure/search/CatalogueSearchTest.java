package org.dpps.archive.access.infrastructure.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.access.fixtures.QueryBuilder.aQuery;
import static org.dpps.archive.access.fixtures.RecordBuilder.aRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dpps.archive.access.domain.SearchResult;
import org.dpps.archive.access.fixtures.CatalogueDatabase;
import org.dpps.archive.access.fixtures.QueryBuilder;
import org.dpps.archive.access.fixtures.RecordBuilder;
import org.dpps.archive.access.infrastructure.jpa.CatalogueRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Free text, filters, facets and paging on a real H2 catalogue and Lucene index. */
class CatalogueSearchTest {
  @TempDir static Path tmp;
  static CatalogueDatabase catalogue;

  @BeforeAll
  static void catalogue() {
    catalogue = CatalogueDatabase.open(tmp);
    catalogue.insert(
        aRecord("p01")
            .target("Crab Nebula")
            .levels("DL3")
            .instrument("LST-1")
            .site("CTAO-North")
            .pointing(83.63, 22.01)
            .observed("2024-01-10T20:00:00Z", "2024-01-10T20:30:00Z")
            .description("DL3 event list of the Crab Nebula")
            .build(),
        aRecord("p02")
            .target("Crab Nebula")
            .levels("DL3", "DL3_IRF")
            .instrument("LST-1")
            .observed("2024-02-05T21:00:00Z", "2024-02-05T21:20:00Z")
            .build(),
        aRecord("p03")
            .target("PKS 2155-304")
            .levels("DL3")
            .instrument("MST")
            .site("CTAO-South")
            .pointing(329.72, -30.23)
            .observed("2023-07-01T01:00:00Z", "2023-07-01T01:30:00Z")
            .build(),
        aRecord("p04")
            .target("PKS 1424+240")
            .levels("DL2")
            .instrument("LST-1")
            .observed("2023-08-01T22:00:00Z", "2023-08-01T22:30:00Z")
            .build(),
        aRecord("p05")
            .target("Mrk 421")
            .levels("DL1")
            .instrument("LST-1")
            .description("Markarian 421 flare")
            .observed("2024-03-01T00:00:00Z", "2024-03-01T01:00:00Z")
            .build(),
        aRecord("p06").levels("DL0").description("calibration coefficients").build(),
        aRecord("p07")
            .target("Crab Nebula")
            .levels("DL2")
            .instrument("LST-1")
            .observed("2022-12-31T23:50:00Z", "2023-01-01T00:20:00Z")
            .build());
  }

  @AfterAll
  static void close() {
    catalogue.close();
  }

  @Test
  void freeTextFindsTargetsAndDescriptions() {
    assertThat(ids(aQuery().text("Crab"))).containsExactlyInAnyOrder("p01", "p02", "p07");
    assertThat(ids(aQuery().text("crab nebula"))).containsExactlyInAnyOrder("p01", "p02", "p07");
    assertThat(ids(aQuery().text("2155-304"))).containsExactly("p03");
    assertThat(ids(aQuery().text("PKS"))).containsExactlyInAnyOrder("p03", "p04");
    assertThat(ids(aQuery().text("calibration"))).containsExactly("p06");
    assertThat(ids(aQuery().text("Markarian flare"))).containsExactly("p05");
    assertThat(ids(aQuery().text("Vela"))).isEmpty();
  }

  @Test
  void theLevelFilterMatchesAnyOfAProductsLevels() {
    assertThat(ids(aQuery().level("DL3"))).containsExactly("p01", "p02", "p03");
    assertThat(ids(aQuery().level("DL3_IRF"))).containsExactly("p02");
    assertThat(ids(aQuery().level("DL4"))).isEmpty();
  }

  @Test
  void theTargetFilterIsExactButIgnoresCase() {
    assertThat(ids(aQuery().target("Crab Nebula"))).containsExactly("p01", "p02", "p07");
    assertThat(ids(aQuery().target("CRAB NEBULA"))).containsExactly("p01", "p02", "p07");
    assertThat(ids(aQuery().target("pks 2155-304"))).containsExactly("p03");
    assertThat(ids(aQuery().target("Crab"))).isEmpty();
  }

  @Test
  void filtersCombine() {
    assertThat(ids(aQuery().text("Crab").level("DL2"))).containsExactly("p07");
    assertThat(ids(aQuery().instrument("LST-1").level("DL3"))).containsExactly("p01", "p02");
  }

  @Test
  void theTimeWindowMatchesObservationsThatOverlapIt() {
    assertThat(ids(aQuery().between("2024-01-10T20:10:00Z", "2024-01-10T20:15:00Z")))
        .containsExactly("p01");
    assertThat(ids(aQuery().between("2023-01-01T00:00:00Z", "2023-07-01T01:00:00Z")))
        .containsExactly("p03", "p07");
    assertThat(ids(aQuery().between("2024-01-10T20:30:01Z", "2024-02-05T20:59:59Z"))).isEmpty();
    assertThat(ids(aQuery().between("2024-02-01T00:00:00Z", null))).containsExactly("p02", "p05");
    assertThat(ids(aQuery().between(null, "2023-01-01T00:00:00Z"))).containsExactly("p07");
  }

  @Test
  void facetsCountTheWholeFilteredResult() {
    SearchResult result = catalogue.search(aQuery().level("DL3").page(1, 1).build());

    assertThat(result.total()).isEqualTo(3);
    assertThat(result.hits()).hasSize(1);
    Map<String, Map<String, Long>> facets = result.facets();
    assertThat(facets.get("level")).containsOnly(Map.entry("DL3", 3L), Map.entry("DL3_IRF", 1L));
    assertThat(facets.get("target"))
        .containsOnly(Map.entry("crab nebula", 2L), Map.entry("pks 2155-304", 1L));
    assertThat(facets.get("instrument")).containsOnly(Map.entry("LST-1", 2L), Map.entry("MST", 1L));
    assertThat(facets.get("site"))
        .containsOnly(Map.entry("CTAO-North", 1L), Map.entry("CTAO-South", 1L));
    assertThat(facets.get("format")).containsOnly(Map.entry("application/fits", 3L));
    assertThat(facets.get("year")).containsOnly(Map.entry("2024", 2L), Map.entry("2023", 1L));
  }

  @Test
  void pagesAreStableAndTogetherHoldEveryProductOnce() {
    List<String> all = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      SearchResult result = catalogue.search(aQuery().page(page, 3).build());
      assertThat(result.total()).isEqualTo(7);
      assertThat(result.page()).isEqualTo(page);
      result.hits().forEach(h -> all.add(h.productId()));
    }

    assertThat(all).containsExactly("p01", "p02", "p03", "p04", "p05", "p06", "p07");
    assertThat(catalogue.search(aQuery().page(4, 3).build()).hits()).isEmpty();
    assertThat(ids(aQuery().page(2, 3))).containsExactly("p04", "p05", "p06");
  }

  @Test
  void aHitCarriesWhatAResultListShows() {
    SearchResult.Hit hit =
        catalogue.search(aQuery().target("crab nebula").page(1, 1).build()).hits().get(0);

    assertThat(hit.productId()).isEqualTo("p01");
    assertThat(hit.version()).isEqualTo(1);
    assertThat(hit.target()).isEqualTo("Crab Nebula");
    assertThat(hit.dataLevels()).containsExactly("DL3");
    assertThat(hit.ra()).isEqualTo(83.63);
    assertThat(hit.dec()).isEqualTo(22.01);
    assertThat(hit.timeStart()).isEqualTo("2024-01-10T20:00:00Z");
    assertThat(hit.instrument()).isEqualTo("LST-1");
    assertThat(hit.format()).isEqualTo("application/fits");
    assertThat(hit.sizeBytes()).isEqualTo(3);
    assertThat(hit.fileCount()).isEqualTo(1);
    assertThat(hit.href()).isEqualTo("/api/v1/products/p01");
  }

  @Test
  void aProductIsFoundByTheSha512OfItsFile() {
    assertThat(productWithFile(RecordBuilder.sha512Of("p03"))).contains("p03");
    assertThat(productWithFile(RecordBuilder.sha512Of("nope"))).isEmpty();
    long[] counts = catalogue.database().fromTransaction(CatalogueRows::counts);
    assertThat(counts).containsExactly(7, 7);
  }

  private static Optional<String> productWithFile(String sha512) {
    return catalogue.database().fromTransaction(em -> CatalogueRows.productWithFile(em, sha512));
  }

  private static List<String> ids(QueryBuilder query) {
    return catalogue.search(query.build()).hits().stream()
        .map(SearchResult.Hit::productId)
        .toList();
  }
}
