package org.dpps.archive.access.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.dpps.archive.access.domain.adql.AdqlReservedWords;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapSchema;
import org.dpps.archive.access.domain.tap.TapSchemaRepository;
import org.dpps.archive.access.domain.tap.TapTable;
import org.dpps.archive.platform.database.ArchiveDatabase;

/** TAP_SCHEMA 1.1 in the schema {@code tap_schema}, rewritten from the descriptor. */
@ApplicationScoped
public class JpaTapSchemaRepository implements TapSchemaRepository {
  private ArchiveDatabase database;

  protected JpaTapSchemaRepository() {}

  @Inject
  public JpaTapSchemaRepository(ArchiveDatabase database) {
    this.database = database;
  }

  @Override
  public void publish(TapSchema schema) {
    database.get().inTransaction(em -> write(em, schema));
  }

  static void write(EntityManager em, TapSchema schema) {
    for (String t : List.of("key_columns", "keys", "columns", "tables", "schemas")) {
      em.createNativeQuery("delete from tap_schema." + t).executeUpdate();
    }
    int schemaIndex = 0;
    int tableIndex = 0;
    for (TapSchema.Schema s : schema.schemas()) {
      insert(em, "schemas", s.name(), blank(s.utype()), blank(s.description()), schemaIndex++);
      for (TapTable t : s.tables()) {
        insert(
            em,
            "tables",
            s.name(),
            t.qualifiedName(),
            t.type(),
            blank(t.utype()),
            blank(t.description()),
            tableIndex++);
        int columnIndex = 0;
        for (TapColumn c : t.columns()) {
          insert(
              em,
              "columns",
              t.qualifiedName(),
              AdqlReservedWords.asWritten(c.name()),
              blank(c.utype()),
              blank(c.ucd()),
              blank(c.unit()),
              blank(c.description()),
              c.datatype(),
              blank(c.arraysize()),
              blank(c.xtype()),
              size(c.arraysize()),
              c.principal() ? 1 : 0,
              c.indexed() ? 1 : 0,
              c.std() ? 1 : 0,
              columnIndex++);
        }
      }
    }
    for (TapSchema.Key k : schema.keys()) {
      insert(
          em,
          "keys",
          k.keyId(),
          k.fromTable(),
          k.targetTable(),
          blank(k.utype()),
          blank(k.description()));
      for (TapSchema.KeyColumn kc : k.columns()) {
        insert(em, "key_columns", k.keyId(), kc.fromColumn(), kc.targetColumn());
      }
    }
  }

  private static void insert(EntityManager em, String table, Object... values) {
    StringBuilder marks = new StringBuilder();
    for (int i = 1; i <= values.length; i++) {
      marks.append(i == 1 ? "?" : ", ?");
    }
    var insert =
        em.createNativeQuery("insert into tap_schema." + table + " values (" + marks + ")");
    for (int i = 0; i < values.length; i++) {
      insert.setParameter(i + 1, values[i]);
    }
    insert.executeUpdate();
  }

  /** TAP 1.0's {@code size}: the fixed length of an array column, else null. */
  private static Integer size(String arraysize) {
    String n = arraysize.endsWith("*") ? "" : arraysize;
    return n.matches("[0-9]+") ? Integer.valueOf(n) : null;
  }

  private static String blank(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
