package org.dpps.archive.access.domain.tap;

import java.util.Objects;
import java.util.Optional;

/**
 * One published column, as TAP_SCHEMA.columns and the VOTable FIELD describe it.
 *
 * @param name the name ADQL uses and results show (lower case, a regular identifier)
 * @param datatype the VOTable datatype: {@code boolean short int long float double char}
 * @param arraysize the VOTable arraysize ({@code *}, {@code 16*}, {@code 2}) or empty for a scalar
 * @param xtype the DALI xtype ({@code timestamp}, {@code point}, {@code circle}, ...) or empty
 * @param unit the VOUnit string or empty
 * @param ucd the UCD or empty
 * @param utype the utype or empty
 * @param description what the column holds
 * @param principal whether TAP_SCHEMA marks it principal
 * @param indexed whether the database has an index a query can use
 * @param std whether a standard (ObsCore, TAP_SCHEMA) defines it
 * @param physicalName the database column, an SQL regular identifier written unquoted; empty for a
 *     column a query computes
 */
public record TapColumn(
    String name,
    String datatype,
    String arraysize,
    String xtype,
    String unit,
    String ucd,
    String utype,
    String description,
    boolean principal,
    boolean indexed,
    boolean std,
    String physicalName) {

  /** The VOTable datatypes a column may have. */
  public static final java.util.Set<String> DATATYPES =
      java.util.Set.of("boolean", "short", "int", "long", "float", "double", "char", "unicodeChar");

  public TapColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(datatype, "datatype");
    if (!DATATYPES.contains(datatype)) {
      throw new IllegalArgumentException("not a VOTable datatype: " + datatype);
    }
    arraysize = Objects.requireNonNullElse(arraysize, "");
    xtype = Objects.requireNonNullElse(xtype, "");
    unit = Objects.requireNonNullElse(unit, "");
    ucd = Objects.requireNonNullElse(ucd, "");
    utype = Objects.requireNonNullElse(utype, "");
    description = Objects.requireNonNullElse(description, "");
    physicalName = Objects.requireNonNullElse(physicalName, "");
  }

  /** A result column computed by a query: a name and a type, no other metadata. */
  public static TapColumn computed(String name, String datatype, String arraysize) {
    return new TapColumn(name, datatype, arraysize, "", "", "", "", "", false, false, false, "");
  }

  /** The same column under another name (an alias in the select list). */
  public TapColumn named(String newName) {
    return new TapColumn(
        newName,
        datatype,
        arraysize,
        xtype,
        unit,
        ucd,
        utype,
        description,
        principal,
        indexed,
        std,
        physicalName);
  }

  /** The xtype, if the column has one. */
  public Optional<String> xtypeIfAny() {
    return xtype.isEmpty() ? Optional.empty() : Optional.of(xtype);
  }
}
