package org.dpps.archive.access.infrastructure.adql;

import org.dpps.archive.access.domain.tap.TapColumn;

/**
 * A translated value expression: its SQL (with parameter markers) and its inferred VOTable type.
 *
 * @param sql the SQL text; never contains text copied from the query
 * @param datatype the VOTable datatype, or null when unknown (a NULL literal)
 * @param arraysize the VOTable arraysize or empty
 * @param xtype the DALI xtype or empty
 * @param column the published column when the expression is a plain column reference, else null
 */
record Typed(String sql, String datatype, String arraysize, String xtype, TapColumn column) {

  static Typed of(String sql, String datatype) {
    return new Typed(sql, datatype, "", "", null);
  }

  static Typed string(String sql) {
    return new Typed(sql, "char", "*", "", null);
  }

  static Typed ofColumn(String sql, TapColumn column) {
    return new Typed(sql, column.datatype(), column.arraysize(), column.xtype(), column);
  }

  /** The same type with other SQL (the metadata of a plain column is not kept). */
  Typed withSql(String newSql) {
    return new Typed(newSql, datatype, arraysize, xtype, null);
  }
}
