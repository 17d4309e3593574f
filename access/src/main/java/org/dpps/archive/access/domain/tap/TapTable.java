package org.dpps.archive.access.domain.tap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One published table (or view).
 *
 * @param schema the schema's name ({@code ivoa}, {@code ctao}, {@code tap_schema})
 * @param name the table's name without the schema ({@code obscore})
 * @param type {@code table} or {@code view}
 * @param description what the table holds
 * @param utype the utype or empty
 * @param columns the published columns, in order
 * @param physicalName the database table, {@code schema.table}, regular SQL identifiers
 */
public record TapTable(
    String schema,
    String name,
    String type,
    String description,
    String utype,
    List<TapColumn> columns,
    String physicalName) {

  private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  public TapTable {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    type = Objects.requireNonNullElse(type, "table");
    description = Objects.requireNonNullElse(description, "");
    utype = Objects.requireNonNullElse(utype, "");
    columns = List.copyOf(columns);
    physicalName = Objects.requireNonNullElse(physicalName, schema + "." + name);
    for (String part : physicalName.split("\\.", -1)) {
      requireSqlName(part);
    }
    for (TapColumn c : columns) {
      requireSqlName(c.physicalName());
    }
  }

  /** {@code schema.table}, the name TAP_SCHEMA.tables publishes. */
  public String qualifiedName() {
    return schema + "." + name;
  }

  /** The column of this name (ADQL's case rules are the caller's: names here are lower case). */
  public Optional<TapColumn> column(String columnName) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
  }

  static void requireSqlName(String name) {
    if (!SQL_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a regular SQL identifier: " + name);
    }
  }
}
