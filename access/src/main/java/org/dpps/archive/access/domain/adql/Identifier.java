package org.dpps.archive.access.domain.adql;

import java.util.Objects;

/**
 * A name as written: a regular identifier (case-insensitive) or a delimited one ({@code "..."},
 * case-sensitive, quotes removed and doubled quotes undone).
 */
public record Identifier(String name, boolean delimited) {
  public Identifier {
    Objects.requireNonNull(name, "name");
  }

  /** A regular (case-insensitive) identifier. */
  public static Identifier regular(String name) {
    return new Identifier(name, false);
  }

  /** A delimited (case-sensitive) identifier. */
  public static Identifier delimited(String name) {
    return new Identifier(name, true);
  }

  /** Whether this identifier names the same thing as {@code other} under ADQL's case rules. */
  public boolean matches(String other) {
    return delimited ? name.equals(other) : name.equalsIgnoreCase(other);
  }

  @Override
  public String toString() {
    return delimited ? '"' + name.replace("\"", "\"\"") + '"' : name;
  }
}
