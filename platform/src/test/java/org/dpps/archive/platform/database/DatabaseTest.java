package org.dpps.archive.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path tmp;

  @Test
  void firstOpenAppliesEveryMigrationAndReopeningAppliesNothingNew() {
    String url = "jdbc:h2:file:" + tmp.resolve("db") + ";WRITE_DELAY=0";

    try (Database db = Database.open(url, "sa", "", List.of())) {
      assertThat(tables(db))
          .contains(
              "DEPOSIT",
              "CATALOGUE_ENTRY",
              "CATALOGUE_FILE",
              "ARCHIVE_EVENT",
              "EVENT_CHECKPOINT",
              "AUDIT",
              "AUDIT_ITEM",
              "AUDIT_FAILURE",
              "OBJECT_INTEGRITY",
              "STORAGE_REPLICA",
              "STORAGE_INTENT");
      assertThat(migrations(db))
          .containsExactly(
              "1:true", "2:true", "3:true", "4:true", "5:true", "6:true", "7:true", "8:true");
      assertThat(columns(db, "CATALOGUE_FILE"))
          .contains("PRODUCT_ID", "PATH", "SHA512", "SHA256", "ADLER32");
      assertThat(columns(db, "CATALOGUE_ENTRY")).contains("VERSION", "GRAPH_VERSION");
      assertThat(columns(db, "OBSCORE"))
          .contains("OBS_PUBLISHER_DID", "CALIB_LEVEL", "S_REGION", "EM_MIN", "S_ZONE");
      assertThat(columns(db, "OBSCORE_HEA")).contains("ENERGY_MIN", "ENERGY_MAX");
      assertThat(columns(db, "COLUMNS")).contains("ARRAYSIZE", "XTYPE", "PRINCIPAL", "STD");
    }
    try (Database db = Database.open(url, "sa", "", List.of())) {
      assertThat(migrations(db))
          .containsExactly(
              "1:true", "2:true", "3:true", "4:true", "5:true", "6:true", "7:true", "8:true");
      assertThat(tables(db)).contains("DEPOSIT", "CATALOGUE_ENTRY", "CATALOGUE_FILE");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void committedRowsSurviveAReopenAndAFailedTransactionIsRolledBack() {
    String url = "jdbc:h2:file:" + tmp.resolve("db") + ";WRITE_DELAY=0";
    String insert =
        "insert into deposit (id, state, source, upload_complete, payload_bytes, payload_files,"
            + " received_at, updated_at, attempts, opt_version) values (?1, 'RECEIVED', 'UPLOAD',"
            + " false, 0, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, 0)";
    try (Database db = Database.open(url, "sa", "", List.of())) {
      db.inTransaction(em -> em.createNativeQuery(insert).setParameter(1, "d-1").executeUpdate());
      try {
        db.inTransaction(
            em -> {
              em.createNativeQuery(insert).setParameter(1, "d-2").executeUpdate();
              throw new IllegalStateException("abort");
            });
      } catch (IllegalStateException expected) {
        assertThat(expected).hasMessage("abort");
      }
    }
    try (Database db = Database.open(url, "sa", "", List.of())) {
      List<Object> ids =
          db.fromTransaction(
              em ->
                  (List<Object>)
                      em.createNativeQuery("select id from deposit order by id").getResultList());
      assertThat(ids).containsExactly("d-1");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> tables(Database db) {
    return db.fromTransaction(
        em ->
            em.createNativeQuery(
                    "select table_name from information_schema.tables"
                        + " where table_schema = 'PUBLIC'")
                .getResultList());
  }

  @SuppressWarnings("unchecked")
  private static List<String> columns(Database db, String table) {
    return db.fromTransaction(
        em ->
            em.createNativeQuery(
                    "select column_name from information_schema.columns where table_name = ?1")
                .setParameter(1, table)
                .getResultList());
  }

  /** Flyway's applied migrations as {@code version:success} (not the schema-creation marker). */
  @SuppressWarnings("unchecked")
  private static List<String> migrations(Database db) {
    List<Object[]> rows =
        db.fromTransaction(
            em ->
                em.createNativeQuery(
                        "select \"version\", \"success\" from \"flyway_schema_history\""
                            + " where \"version\" is not null order by \"installed_rank\"")
                    .getResultList());
    return rows.stream().map(r -> r[0] + ":" + r[1]).toList();
  }
}
