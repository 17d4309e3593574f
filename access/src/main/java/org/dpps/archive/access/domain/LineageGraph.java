package org.dpps.archive.access.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The lineage of a product as a plain graph of nodes and PROV relations, for drawing. Edges keep
 * the direction of the PROV statement they come from: {@code from} is the subject (the derived
 * product, the activity that used something), {@code to} the object, in both walking directions.
 *
 * @param query what was asked
 * @param nodes the start product first, then the others by id
 * @param edges ordered by from, relation, to
 */
public record LineageGraph(LineageQuery query, List<Node> nodes, List<Edge> edges) {
  public LineageGraph {
    Objects.requireNonNull(query, "query");
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** What a node is. */
  public enum Kind {
    /** A data product (catalogued or only referenced). */
    PRODUCT,
    /** One archived version (AIP) of a product. */
    VERSION,
    ACTIVITY,
    AGENT,
    /** A file known only by its name or content digest. */
    FILE,
    /** The SIP of a deposit. */
    DEPOSIT,
    /** Any other PROV entity (for instance a CWLProv entity). */
    ENTITY;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The PROV-O relations a lineage follows; {@link #term()} is the PROV-O local name. */
  public enum Relation {
    WAS_DERIVED_FROM("wasDerivedFrom"),
    USED("used"),
    WAS_GENERATED_BY("wasGeneratedBy"),
    WAS_ASSOCIATED_WITH("wasAssociatedWith"),
    WAS_ATTRIBUTED_TO("wasAttributedTo"),
    WAS_REVISION_OF("wasRevisionOf"),
    SPECIALIZATION_OF("specializationOf"),
    ALTERNATE_OF("alternateOf");

    private final String term;

    Relation(String term) {
      this.term = term;
    }

    public String term() {
      return term;
    }

    public static Optional<Relation> ofTerm(String term) {
      for (Relation r : values()) {
        if (r.term.equals(term)) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * A node of the lineage.
   *
   * @param id its IRI
   * @param label its {@code rdfs:label}, else its product id, else its version, else its IRI
   * @param productId present when it is a product the archive holds
   * @param softwareVersion an agent's {@code ctao:softwareVersion}
   * @param startedAt an activity's {@code prov:startedAtTime} (xsd:dateTime as written)
   * @param endedAt an activity's {@code prov:endedAtTime}
   */
  public record Node(
      String id,
      Kind kind,
      String label,
      Optional<String> productId,
      Optional<String> softwareVersion,
      Optional<String> startedAt,
      Optional<String> endedAt) {
    public Node {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(productId, "productId");
      Objects.requireNonNull(softwareVersion, "softwareVersion");
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(endedAt, "endedAt");
    }
  }

  /** A PROV statement {@code from relation to}. */
  public record Edge(String from, String to, Relation relation) {
    public Edge {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(relation, "relation");
    }
  }
}
