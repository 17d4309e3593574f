package org.dpps.archive.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The schema on PostgreSQL, the scale-out database: Flyway applies the same portable migrations as
 * on H2 and creates the same tables. Needs {@code ARCHIVE_TEST_POSTGRES_URL} (set up by {@code
 * .ci/postgres.sh}); skipped without it on a developer machine, required in CI.
 */
class PostgresDatabaseTest {

  @Test
  @SuppressWarnings("unchecked")
  void thePostgresMigrationCreatesTheSameTables() {
    String url = System.getenv("ARCHIVE_TEST_POSTGRES_URL");
    if ("true".equals(System.getenv("CI"))) {
      assertThat(url)
          .as("CI must provide ARCHIVE_TEST_POSTGRES_URL (.ci/postgres.sh)")
          .isNotBlank();
    }
    Assumptions.assumeTrue(url != null && !url.isBlank(), "no PostgreSQL");
    try (Database db = Database.open(url, "archive", "archive", List.of())) {
      List<Object> tables =
          db.fromTransaction(
              em ->
                  em.createNativeQuery(
                          "select table_name from information_schema.tables"
                              + " where table_schema = 'public' order by table_name")
                      .getResultList());
      assertThat(tables)
          .contains(
              "catalogue_entry",
              "catalogue_file",
              "deposit",
              "flyway_schema_history",
              "archive_event",
              "event_checkpoint",
              "audit",
              "audit_item",
              "audit_failure",
              "object_integrity",
              "storage_replica",
              "storage_intent");
      List<Object> versions =
          db.fromTransaction(
              em ->
                  em.createNativeQuery(
                          "select version from flyway_schema_history where success order by"
                              + " installed_rank")
                      .getResultList());
      assertThat(versions).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
    }
  }
}
