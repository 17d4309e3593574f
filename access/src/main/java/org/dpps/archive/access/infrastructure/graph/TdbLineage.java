package org.dpps.archive.access.infrastructure.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.vocabulary.RDFS;
import org.dpps.archive.access.domain.LineageGraph;
import org.dpps.archive.access.domain.LineageQuery;
import org.dpps.archive.access.domain.LineageQuery.Direction;
import org.dpps.archive.access.domain.LineageReader;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.schemas.rdf.Vocab;

/**
 * The lineage of a product in the TDB2 provenance store: the part of the provenance graph reachable
 * from it upstream (what it was made from), downstream (what was made from it) or both, within a
 * number of product hops (see {@link LineageQuery} and {@link LineageWalk}). Read in one
 * transaction with a time limit.
 */
@ApplicationScoped
public class TdbLineage implements LineageReader {
  static final long TIMEOUT_MILLIS = 10_000;
  static final int MAX_NODES = 5_000;

  private TdbProvenanceGraphs graphs;
  private int maxNodes;

  protected TdbLineage() {}

  @Inject
  public TdbLineage(TdbProvenanceGraphs graphs) {
    this(graphs, MAX_NODES);
  }

  TdbLineage(TdbProvenanceGraphs graphs, int maxNodes) {
    this.graphs = graphs;
    this.maxNodes = maxNodes;
  }

  /**
   * The statements of the lineage: the PROV relations walked, and the literals and types of every
   * node reached.
   *
   * @throws ArchiveException {@code ACCESS-001} when the graph holds no such product; {@code
   *     ACCESS-008} when the lineage is too large or takes too long to read
   */
  public Model graph(LineageQuery query) {
    String product = Vocab.productIri(query.product().value());
    if (!graphs.store().contains(Vocab.graphName(query.product().value()))) {
      throw new ArchiveException(ErrorCode.PRODUCT_NOT_FOUND, "No product " + query.product());
    }
    return graphs
        .store()
        .read(
            TIMEOUT_MILLIS,
            ErrorCode.BAD_PROVENANCE_REQUEST,
            reader -> {
              Model model = prefixed();
              LineageWalk walk = new LineageWalk(reader, model, maxNodes);
              if (query.direction().includesUpstream()) {
                walk.walk(product, Direction.UPSTREAM, query.depth());
              }
              if (query.direction().includesDownstream()) {
                walk.walk(product, Direction.DOWNSTREAM, query.depth());
              }
              return model;
            });
  }

  /** The lineage as nodes and edges, for drawing (same statements as {@link #graph}). */
  @Override
  public LineageGraph document(LineageQuery query) {
    return LineageNodes.document(query, graph(query));
  }

  /** The statements of {@link #graph} in one of {@link RdfFormats#GRAPHS}. */
  @Override
  public byte[] statements(LineageQuery query, String mediaType) {
    return RdfFormats.write(graph(query), mediaType);
  }

  private static Model prefixed() {
    Model model = ModelFactory.createDefaultModel();
    model.setNsPrefix("prov", Vocab.PROV);
    model.setNsPrefix("ctao", Vocab.CTAO);
    model.setNsPrefix("dct", Vocab.DCT);
    model.setNsPrefix("premis", Vocab.PREMIS);
    model.setNsPrefix("rdfs", RDFS.getURI());
    model.setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#");
    return model;
  }
}
