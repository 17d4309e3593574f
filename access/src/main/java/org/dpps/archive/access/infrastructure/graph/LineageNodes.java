package org.dpps.archive.access.infrastructure.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDF;
import org.dpps.archive.access.domain.LineageGraph;
import org.dpps.archive.access.domain.LineageGraph.Edge;
import org.dpps.archive.access.domain.LineageGraph.Kind;
import org.dpps.archive.access.domain.LineageGraph.Node;
import org.dpps.archive.access.domain.LineageGraph.Relation;
import org.dpps.archive.access.domain.LineageQuery;
import org.dpps.archive.schemas.rdf.Vocab;

/** What the nodes of a walked lineage are, and the lineage as a {@link LineageGraph}. */
final class LineageNodes {
  private static final String PRODUCT_PREFIX = Vocab.productIri("");
  private static final Pattern VERSION =
      Pattern.compile(Pattern.quote(PRODUCT_PREFIX) + ".+:v\\d+");
  private static final Pattern AIP_FILE =
      Pattern.compile(Pattern.quote(PRODUCT_PREFIX) + ".+:v\\d+/data/.+");
  private static final Set<String> ACTIVITY_TYPES =
      Set.of(
          Vocab.ACTIVITY.getURI(),
          Vocab.PREMIS_EVENT.getURI(),
          Vocab.WFPROV + "ProcessRun",
          Vocab.WFPROV + "WorkflowRun");
  private static final Set<String> AGENT_TYPES =
      Set.of(
          Vocab.AGENT.getURI(),
          Vocab.SOFTWARE_AGENT.getURI(),
          Vocab.ORGANIZATION.getURI(),
          Vocab.PROV + "Person",
          Vocab.WFPROV + "WorkflowEngine");
  private static final Set<String> FILE_TYPES =
      Set.of(Vocab.PREMIS_FILE.getURI(), "http://purl.org/wf4ever/wf4ever#File");

  private LineageNodes() {}

  /**
   * What a node is, from its IRI and the statements about it in its model: a version has a {@code
   * ctao:version} (or an AIP IRI and no product id), a product a {@code ctao:productId} or a
   * product IRI, activities and agents their PROV types or the place they take in PROV statements.
   */
  static Kind kindOf(Resource node) {
    String iri = node.getURI();
    boolean hasProductId = node.hasProperty(Vocab.CTAO_PRODUCT_ID);
    if (!hasProductId && AIP_FILE.matcher(iri).matches()) {
      return Kind.FILE;
    }
    if (node.hasProperty(Vocab.CTAO_VERSION) || (!hasProductId && VERSION.matcher(iri).matches())) {
      return Kind.VERSION;
    }
    if (hasProductId || iri.startsWith(PRODUCT_PREFIX)) {
      return Kind.PRODUCT;
    }
    Model model = node.getModel();
    if (hasType(node, ACTIVITY_TYPES)
        || node.hasProperty(Vocab.USED)
        || node.hasProperty(Vocab.WAS_ASSOCIATED_WITH)
        || model.contains(null, Vocab.WAS_GENERATED_BY, node)) {
      return Kind.ACTIVITY;
    }
    if (hasType(node, AGENT_TYPES)
        || model.contains(null, Vocab.WAS_ASSOCIATED_WITH, node)
        || model.contains(null, Vocab.WAS_ATTRIBUTED_TO, node)) {
      return Kind.AGENT;
    }
    if (iri.startsWith(Vocab.depositIri(""))) {
      return Kind.DEPOSIT;
    }
    if (iri.startsWith("urn:ctao:file:")
        || iri.startsWith("urn:hash::")
        || hasType(node, FILE_TYPES)) {
      return Kind.FILE;
    }
    return Kind.ENTITY;
  }

  /** The walked graph as nodes (the start first, then by id) and edges (by from, relation, to). */
  static LineageGraph document(LineageQuery query, Model graph) {
    String start = Vocab.productIri(query.product().value());
    Set<String> ids = new TreeSet<>();
    List<Edge> edges = new ArrayList<>();
    for (Relation relation : Relation.values()) {
      Property property = graph.createProperty(Vocab.PROV + relation.term());
      for (Statement s : graph.listStatements(null, property, (RDFNode) null).toList()) {
        if (s.getSubject().isURIResource() && s.getObject().isURIResource()) {
          String from = s.getSubject().getURI();
          String to = s.getResource().getURI();
          edges.add(new Edge(from, to, relation));
          ids.add(from);
          ids.add(to);
        }
      }
    }
    edges.sort(
        Comparator.comparing(Edge::from)
            .thenComparing(e -> e.relation().term())
            .thenComparing(Edge::to));
    List<Node> nodes = new ArrayList<>();
    nodes.add(node(graph.createResource(start)));
    ids.remove(start);
    ids.forEach(id -> nodes.add(node(graph.createResource(id))));
    return new LineageGraph(query, nodes, edges);
  }

  private static Node node(Resource r) {
    Kind kind = kindOf(r);
    Optional<String> productId =
        kind == Kind.PRODUCT ? literal(r, Vocab.CTAO_PRODUCT_ID) : Optional.empty();
    String label =
        literal(r, Vocab.LABEL)
            .or(() -> productId)
            .or(() -> literal(r, Vocab.CTAO_VERSION).map(v -> "version " + v))
            .orElse(r.getURI());
    return new Node(
        r.getURI(),
        kind,
        label,
        productId,
        literal(r, Vocab.CTAO_SOFTWARE_VERSION),
        literal(r, Vocab.STARTED_AT),
        literal(r, Vocab.ENDED_AT));
  }

  /** The smallest lexical form among the node's literal values of {@code property}, if any. */
  private static Optional<String> literal(Resource r, Property property) {
    return r.listProperties(property).toList().stream()
        .map(Statement::getObject)
        .filter(RDFNode::isLiteral)
        .map(o -> o.asLiteral().getLexicalForm())
        .min(Comparator.naturalOrder());
  }

  private static boolean hasType(Resource node, Set<String> types) {
    return node.listProperties(RDF.type).toList().stream()
        .anyMatch(s -> s.getObject().isURIResource() && types.contains(s.getResource().getURI()));
  }
}
