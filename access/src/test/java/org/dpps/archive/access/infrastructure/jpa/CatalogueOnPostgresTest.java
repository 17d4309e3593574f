package org.dpps.archive.access.infrastructure.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.access.fixtures.QueryBuilder.aQuery;
import static org.dpps.archive.access.fixtures.RecordBuilder.aRecord;

import java.nio.file.Path;
import java.util.List;
import org.dpps.archive.access.domain.SearchResult;
import org.dpps.archive.access.fixtures.CatalogueDatabase;
import org.dpps.archive.access.fixtures.Postgres;
import org.dpps.archive.access.fixtures.RecordBuilder;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue on PostgreSQL (the scale-out database): the PostgreSQL migration applies, records
 * round-trip through the TEXT columns, the search index is fed from PostgreSQL transactions, and
 * content lookup by digest works.
 */
class CatalogueOnPostgresTest {
  @TempDir Path tmp;

  @Test
  void catalogueRowsRoundTripAndAreSearchableOnPostgres() {
    String url = Postgres.url();
    try (CatalogueDatabase catalogue = CatalogueDatabase.open(tmp, url, "archive", "archive")) {
      catalogue.database().inTransaction(CatalogueRows::deleteAll);
      String description = "Crab \u00fc " + "x".repeat(3000);
      DescriptiveRecord crab =
          aRecord("pg-crab")
              .target("Crab Nebula")
              .levels("DL3", "DL3_IRF")
              .instrument("LST-1")
              .pointing(83.63, 22.01)
              .observed("2024-01-10T20:00:00Z", "2024-01-10T20:30:00Z")
              .description(description)
              .build();
      DescriptiveRecord other = aRecord("pg-mrk").target("Mrk 421").levels("DL1").build();
      catalogue.insert(crab, other);

      DescriptiveRecord stored =
          catalogue
              .database()
              .fromTransaction(
                  em -> CatalogueRows.record(em.find(CatalogueEntryEntity.class, "pg-crab")));
      assertThat(stored).isEqualTo(crab);
      assertThat(stored.description()).hasSize(description.length());

      SearchResult byTarget = catalogue.search(aQuery().target("crab nebula").build());
      assertThat(byTarget.hits())
          .extracting(SearchResult.Hit::productId)
          .containsExactly("pg-crab");
      assertThat(byTarget.facets().get("level"))
          .containsEntry("DL3", 1L)
          .containsEntry("DL3_IRF", 1L);
      SearchResult cone = catalogue.search(aQuery().cone(83.0, 22.0, 1.0).build());
      assertThat(cone.hits()).extracting(SearchResult.Hit::productId).containsExactly("pg-crab");

      String sha512 = RecordBuilder.sha512Of("pg-mrk");
      java.util.Optional<String> holder =
          catalogue.database().fromTransaction(em -> CatalogueRows.productWithFile(em, sha512));
      assertThat(holder).contains("pg-mrk");
      List<Object> tables =
          catalogue
              .database()
              .fromTransaction(
                  em ->
                      em.createNativeQuery(
                              "select data_type from information_schema.columns"
                                  + " where table_name = 'catalogue_entry' and column_name = 'record'")
                          .getResultList());
      assertThat(tables).containsExactly("text");
    }
  }
}
