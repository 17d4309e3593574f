package org.dpps.archive.access.domain;

/**
 * Port: the lineage of a product read from the provenance graph: the part of it reachable from the
 * product upstream, downstream or both within a number of product hops (see {@link LineageQuery}),
 * read in one transaction with a time limit.
 *
 * <p>Both methods throw {@link org.dpps.archive.platform.error.ArchiveException}: {@code
 * ACCESS-001} when the graph holds no such product; {@code ACCESS-008} when the lineage is too
 * large or takes too long to read.
 */
public interface LineageReader {
  /** The lineage as nodes and edges, for drawing. */
  LineageGraph document(LineageQuery query);

  /**
   * The statements of the lineage (the PROV relations walked, and the literals and types of every
   * node reached), written as {@code mediaType}: {@code text/turtle}, {@code application/ld+json}
   * or {@code application/n-triples}.
   *
   * @throws IllegalArgumentException if {@code mediaType} is not one of those
   */
  byte[] statements(LineageQuery query, String mediaType);
}
