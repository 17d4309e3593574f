package org.dpps.archive.access.domain.tap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the TAP service publishes: the schemas with their tables and columns, and the foreign
 * keys between tables. ADQL can name only what is here; TAP_SCHEMA, {@code /tables} and the
 * results' FIELDs all describe it.
 */
public record TapSchema(List<Schema> schemas, List<Key> keys) {
  public TapSchema {
    schemas = List.copyOf(schemas);
    keys = List.copyOf(keys);
  }

  /** One schema and its tables. */
  public record Schema(String name, String description, String utype, List<TapTable> tables) {
    public Schema {
      Objects.requireNonNull(name, "name");
      description = Objects.requireNonNullElse(description, "");
      utype = Objects.requireNonNullElse(utype, "");
      tables = List.copyOf(tables);
    }
  }

  /** A foreign key: columns of {@code fromTable} that refer to columns of {@code targetTable}. */
  public record Key(
      String keyId,
      String fromTable,
      String targetTable,
      String description,
      String utype,
      List<KeyColumn> columns) {
    public Key {
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(fromTable, "fromTable");
      Objects.requireNonNull(targetTable, "targetTable");
      description = Objects.requireNonNullElse(description, "");
      utype = Objects.requireNonNullElse(utype, "");
      columns = List.copyOf(columns);
    }
  }

  /** One column pair of a foreign key. */
  public record KeyColumn(String fromColumn, String targetColumn) {}

  /** Every table of every schema. */
  public List<TapTable> tables() {
    return schemas.stream().flatMap(s -> s.tables().stream()).toList();
  }

  /** The table of this qualified name ({@code schema.table}), ignoring case. */
  public Optional<TapTable> table(String qualifiedName) {
    return tables().stream()
        .filter(t -> t.qualifiedName().equalsIgnoreCase(qualifiedName))
        .findFirst();
  }

  /** The tables of this name in any schema (more than one: the name is ambiguous). */
  public List<TapTable> tablesNamed(String tableName) {
    return tables().stream().filter(t -> t.name().equalsIgnoreCase(tableName)).toList();
  }
}
