package org.dpps.archive.access.domain.adql;

import java.util.List;
import java.util.stream.Collectors;

/** A dotted name: {@code [catalog.][schema.]table} or {@code [[schema.]table.]column}. */
public record QualifiedName(List<Identifier> parts) {
  public QualifiedName {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a name has at least one part");
    }
  }

  /** A name of the given parts. */
  public static QualifiedName of(Identifier... parts) {
    return new QualifiedName(List.of(parts));
  }

  /** The last part: the table of a table name, the column of a column reference. */
  public Identifier last() {
    return parts.get(parts.size() - 1);
  }

  /** The parts before the last one (empty for a simple name). */
  public List<Identifier> qualifier() {
    return parts.subList(0, parts.size() - 1);
  }

  @Override
  public String toString() {
    return parts.stream().map(Identifier::toString).collect(Collectors.joining("."));
  }
}
