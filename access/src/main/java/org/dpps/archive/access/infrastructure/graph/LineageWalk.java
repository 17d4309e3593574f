package org.dpps.archive.access.infrastructure.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.syntax.ElementData;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;
import org.dpps.archive.access.domain.LineageGraph.Kind;
import org.dpps.archive.access.domain.LineageQuery.Direction;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.schemas.rdf.Vocab;

/**
 * Walks the provenance graph from a product, breadth first, with one SPARQL query per step over the
 * union of the named graphs, copying what it crosses into a model: the PROV statements it follows
 * and the literals, {@code rdf:type} and {@code dct:type} of every node it reaches.
 *
 * <ul>
 *   <li>Upstream from any node: {@code wasDerivedFrom}, {@code wasGeneratedBy}, {@code used},
 *       {@code wasAssociatedWith}, {@code wasAttributedTo}, {@code alternateOf}, {@code
 *       specializationOf}, {@code wasRevisionOf}; from a product also its AIP versions (the nodes
 *       that are {@code specializationOf} it).
 *   <li>Downstream: the nodes that are {@code wasDerivedFrom}, {@code used}, {@code wasGeneratedBy}
 *       or {@code wasRevisionOf} a node reached, and the agents of the activities reached.
 * </ul>
 *
 * Only products count as hops (see {@link org.dpps.archive.access.domain.LineageQuery}): everything
 * else reached is walked on within the same hop. A node is walked from once, so cycles end.
 */
final class LineageWalk {
  static final int BATCH = 100;

  private static final String PREFIXES =
      "PREFIX prov: <" + Vocab.PROV + "> PREFIX dct: <" + Vocab.DCT + "> ";
  private static final String UPSTREAM =
      PREFIXES
          + """
          SELECT ?s ?p ?o ?next WHERE {
            { VALUES ?s { }
              VALUES ?p { prov:wasDerivedFrom prov:wasGeneratedBy prov:used
                          prov:wasAssociatedWith prov:wasAttributedTo prov:alternateOf
                          prov:specializationOf prov:wasRevisionOf }
              ?s ?p ?o . FILTER(isIRI(?o)) BIND(?o AS ?next) }
            UNION
            { VALUES ?o { }
              ?s prov:specializationOf ?o . FILTER(isIRI(?s))
              BIND(prov:specializationOf AS ?p) BIND(?s AS ?next) }
          }""";
  private static final String DOWNSTREAM =
      PREFIXES
          + """
          SELECT ?s ?p ?o ?next WHERE {
            { VALUES ?o { }
              VALUES ?p { prov:wasDerivedFrom prov:used prov:wasGeneratedBy prov:wasRevisionOf }
              ?s ?p ?o . FILTER(isIRI(?s)) BIND(?s AS ?next) }
            UNION
            { VALUES ?s { }
              ?s prov:wasAssociatedWith ?o . FILTER(isIRI(?o))
              BIND(prov:wasAssociatedWith AS ?p) BIND(?o AS ?next) }
          }""";
  private static final String DESCRIBE =
      PREFIXES
          + """
          SELECT ?s ?p ?o WHERE {
            VALUES ?s { }
            ?s ?p ?o .
            FILTER(isLiteral(?o) || ?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>
                   || ?p = dct:type)
          }""";

  private final ProvenanceStore.Reader reader;
  private final Model graph;
  private final int maxNodes;

  /**
   * @param reader the read transaction to query in
   * @param graph where the statements crossed are copied
   * @param maxNodes how many nodes one walk may reach before it is refused
   */
  LineageWalk(ProvenanceStore.Reader reader, Model graph, int maxNodes) {
    this.reader = reader;
    this.graph = graph;
    this.maxNodes = maxNodes;
  }

  /** Walks {@code depth} product hops from {@code start} one way (not both). */
  void walk(String start, Direction direction, int depth) {
    if (direction == Direction.BOTH) {
      throw new IllegalArgumentException("walk one direction at a time");
    }
    Set<String> seen = new HashSet<>(Set.of(start));
    describe(List.of(start));
    List<String> products = List.of(start);
    for (int hop = 0; hop < depth && !products.isEmpty(); hop++) {
      List<String> nextProducts = new ArrayList<>();
      List<String> frontier = products;
      while (!frontier.isEmpty()) {
        List<String> reached = new ArrayList<>();
        for (int from = 0; from < frontier.size(); from += BATCH) {
          List<String> batch = frontier.subList(from, Math.min(frontier.size(), from + BATCH));
          for (QuerySolution row : reader.select(step(direction, batch))) {
            graph.add(
                row.getResource("s"),
                graph.createProperty(row.getResource("p").getURI()),
                row.getResource("o"));
            String next = row.getResource("next").getURI();
            if (seen.add(next)) {
              reached.add(next);
            }
          }
        }
        if (seen.size() > maxNodes) {
          throw new ArchiveException(
              ErrorCode.BAD_PROVENANCE_REQUEST,
              "The "
                  + direction.value()
                  + " lineage reaches more than "
                  + maxNodes
                  + " nodes within "
                  + depth
                  + " hops; ask for a smaller depth");
        }
        describe(reached);
        frontier = new ArrayList<>();
        for (String node : reached) {
          (isProduct(node) ? nextProducts : frontier).add(node);
        }
      }
      products = nextProducts;
    }
  }

  private Query step(Direction direction, List<String> nodes) {
    if (direction == Direction.UPSTREAM) {
      List<String> products = nodes.stream().filter(this::isProduct).toList();
      return withValues(UPSTREAM, Map.of("s", nodes, "o", products));
    }
    return withValues(DOWNSTREAM, Map.of("o", nodes, "s", nodes));
  }

  private boolean isProduct(String node) {
    return LineageNodes.kindOf(graph.createResource(node)) == Kind.PRODUCT;
  }

  private void describe(List<String> nodes) {
    for (int from = 0; from < nodes.size(); from += BATCH) {
      List<String> batch = nodes.subList(from, Math.min(nodes.size(), from + BATCH));
      for (QuerySolution row : reader.select(withValues(DESCRIBE, Map.of("s", batch)))) {
        graph.add(
            row.getResource("s"),
            graph.createProperty(row.getResource("p").getURI()),
            row.get("o"));
      }
    }
  }

  /**
   * The template with the IRIs filled into its empty {@code VALUES ?var { }} blocks, built as
   * syntax (no IRI is ever pasted into query text).
   */
  static Query withValues(String template, Map<String, List<String>> iris) {
    Query query = QueryFactory.create(template);
    ElementWalker.walk(
        query.getQueryPattern(),
        new ElementVisitorBase() {
          @Override
          public void visit(ElementData data) {
            if (data.getVars().size() == 1 && data.getRows().isEmpty()) {
              Var var = data.getVars().get(0);
              iris.getOrDefault(var.getVarName(), List.of())
                  .forEach(
                      iri -> data.add(BindingFactory.binding(var, NodeFactory.createURI(iri))));
            }
          }
        });
    return query;
  }
}
