package org.dpps.archive.access.domain.tap;

/** Port: the database's TAP_SCHEMA tables, which describe the published schema to ADQL clients. */
public interface TapSchemaRepository {
  /** Replaces the TAP_SCHEMA rows with a description of {@code schema}, in one transaction. */
  void publish(TapSchema schema);
}
