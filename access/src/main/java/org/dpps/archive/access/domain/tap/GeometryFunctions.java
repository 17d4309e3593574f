package org.dpps.archive.access.domain.tap;

/**
 * The database functions the translated ADQL geometry calls ({@code adql_contains}, ...). They are
 * created at start-up, not by a migration, because they name Java code of this release.
 */
public interface GeometryFunctions {
  /** Creates the functions the database lacks (idempotent); returns how many it declares. */
  int install();
}
