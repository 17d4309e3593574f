package org.dpps.archive.access.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dpps.archive.access.domain.LineageGraph;
import org.dpps.archive.access.domain.LineageQuery;
import org.dpps.archive.access.domain.LineageReader;
import org.dpps.archive.platform.error.ArchiveException;

/**
 * The lineage of a product: the part of the provenance graph reachable from it upstream (what it
 * was made from), downstream (what was made from it) or both, within a number of product hops (see
 * {@link LineageQuery}). Read in one transaction with a time limit.
 */
@ApplicationScoped
public class Lineage {
  private LineageReader reader;

  protected Lineage() {}

  @Inject
  public Lineage(LineageReader reader) {
    this.reader = reader;
  }

  /**
   * The statements of the lineage (the PROV relations walked, and the literals and types of every
   * node reached) written as {@code mediaType} (Turtle, JSON-LD or N-Triples).
   *
   * @throws ArchiveException {@code ACCESS-001} when the graph holds no such product; {@code
   *     ACCESS-008} when the lineage is too large or takes too long to read
   */
  public byte[] statements(LineageQuery query, String mediaType) {
    return reader.statements(query, mediaType);
  }

  /** The lineage as nodes and edges, for drawing (same statements as {@link #statements}). */
  public LineageGraph document(LineageQuery query) {
    return reader.document(query);
  }
}
