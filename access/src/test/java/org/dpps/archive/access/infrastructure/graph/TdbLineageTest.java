package org.dpps.archive.access.infrastructure.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.riot.Lang;
import org.dpps.archive.access.domain.LineageGraph;
import org.dpps.archive.access.domain.LineageGraph.Edge;
import org.dpps.archive.access.domain.LineageGraph.Kind;
import org.dpps.archive.access.domain.LineageGraph.Node;
import org.dpps.archive.access.domain.LineageGraph.Relation;
import org.dpps.archive.access.domain.LineageQuery;
import org.dpps.archive.access.domain.LineageQuery.Direction;
import org.dpps.archive.platform.config.PlatformSettings;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.schemas.metadata.ProductMetadata;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.schemas.provenance.CtapipeActivity;
import org.dpps.archive.schemas.provenance.FileRef;
import org.dpps.archive.schemas.rdf.ProvenanceGraph;
import org.dpps.archive.schemas.rdf.Vocab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage over a real TDB2 store holding the graphs ingest writes for a processing chain: A (DL1)
 * -> B (DL2, ctapipe 0.23.2) -> C (DL3, ctapipe 0.24.0, also from an IRF file; head version 2) -> D
 * (DL4, ctapipe 0.25.0), and S, a sibling of C made by the same ctapipe run in the same deposit.
 */
class TdbLineageTest {
  static final Instant T0 = Instant.parse("2024-03-02T01:00:00Z");

  // products
  static final String A = Vocab.productIri("dl1-a");
  static final String B = Vocab.productIri("dl2-b");
  static final String C = Vocab.productIri("dl3-c");
  static final String S = Vocab.productIri("dl3-s");
  static final String D = Vocab.productIri("dl4-d");
  // what C's own provenance holds
  static final String C_V2 = Vocab.aipIri("dl3-c", 2);
  static final String C_V1 = Vocab.aipIri("dl3-c", 1);
  static final String DEP_C = Vocab.depositIri("dep-c");
  static final String INGEST_C = DEP_C + "/ingest";
  static final String PIPELINE_DL3 = "urn:ctao:pipeline:dpps-dl3";
  static final String IRF =
      "urn:ctao:file:" + URLEncoder.encode("/irf/prod5.fits", StandardCharsets.UTF_8);
  // the ctapipe runs and their software
  static final String ACT_B = "urn:ctao:activity:act-b";
  static final String ACT_C = "urn:ctao:activity:act-c";
  static final String ACT_D = "urn:ctao:activity:act-d";
  static final String CTAPIPE_023 = "urn:ctao:software:ctapipe:0.23.2";
  static final String CTAPIPE_024 = "urn:ctao:software:ctapipe:0.24.0";
  static final String CTAPIPE_025 = "urn:ctao:software:ctapipe:0.25.0";

  @TempDir Path tmp;
  TdbProvenanceGraphs graphs;
  TdbLineage lineage;

  @BeforeEach
  void storeTheChain() {
    graphs = new TdbProvenanceGraphs(PlatformSettings.embedded(tmp));
    lineage = new TdbLineage(graphs);
    Map<String, Model> chain = new LinkedHashMap<>();
    chain.put(A, product("dl1-a", 1, "DL1_IMAGES", "dep-a", "dpps-dl1"));
    chain.put(
        B,
        product(
            "dl2-b",
            1,
            "DL2",
            "dep-b",
            "dpps-dl2",
            run("act-b", "ctapipe-apply-models", "0.23.2", input("/data/dl1/a.h5", "dl1-a"))));
    CtapipeActivity makeDl3 =
        run(
            "act-c",
            "ctapipe-create-dl3",
            "0.24.0",
            input("/data/dl2/b.h5", "dl2-b"),
            new FileRef("/irf/prod5.fits", Optional.of("irf"), Optional.empty()));
    chain.put(C, product("dl3-c", 2, "DL3", "dep-c", "dpps-dl3", makeDl3));
    chain.put(S, product("dl3-s", 1, "DL3", "dep-c", "dpps-dl3", makeDl3));
    chain.put(
        D,
        product(
            "dl4-d",
            1,
            "DL4",
            "dep-d",
            "dpps-dl4",
            run("act-d", "gammapy-flux-points", "0.25.0", input("/data/dl3/c.fits", "dl3-c"))));
    graphs.store().replaceAll(chain);
  }

  @AfterEach
  void close() {
    graphs.close();
  }

  @Test
  void upstreamDepthOneIsTheProductsOwnProvenanceAndTheProductsItWasMadeFrom() {
    Model graph = lineage.graph(query("dl3-c", Direction.UPSTREAM, 1));

    assertThat(nodes(graph))
        .containsExactlyInAnyOrder(
            C,
            C_V2,
            C_V1,
            INGEST_C,
            DEP_C,
            Vocab.ARCHIVE_AGENT,
            PIPELINE_DL3,
            ACT_C,
            CTAPIPE_024,
            B,
            IRF);
    assertThat(graph.contains(r(C), Vocab.WAS_GENERATED_BY, r(ACT_C))).isTrue();
    assertThat(graph.contains(r(C), Vocab.WAS_DERIVED_FROM, r(B))).isTrue();
    assertThat(graph.contains(r(ACT_C), Vocab.USED, r(B))).isTrue();
    assertThat(graph.contains(r(ACT_C), Vocab.WAS_ASSOCIATED_WITH, r(CTAPIPE_024))).isTrue();
    assertThat(graph.contains(r(CTAPIPE_024), Vocab.CTAO_SOFTWARE_VERSION, "0.24.0")).isTrue();
    assertThat(graph.contains(r(C_V2), Vocab.SPECIALIZATION_OF, r(C))).isTrue();
    assertThat(graph.contains(r(C_V2), Vocab.WAS_REVISION_OF, r(C_V1))).isTrue();
    assertThat(graph.contains(r(C_V2), Vocab.WAS_GENERATED_BY, r(INGEST_C))).isTrue();
    assertThat(graph.contains(r(INGEST_C), Vocab.USED, r(DEP_C))).isTrue();
    // B is there as a node (with what the archive knows of it), not with its own provenance
    assertThat(graph.contains(r(B), Vocab.CTAO_PRODUCT_ID, "dl2-b")).isTrue();
    assertThat(graph.contains(r(B), Vocab.CTAO_DATA_LEVEL, "DL2")).isTrue();
    assertThat(graph.listStatements(r(B), Vocab.WAS_GENERATED_BY, (Resource) null).toList())
        .isEmpty();
    // nothing of A, nor of the sibling made by the same run, nor of what was made from C
    assertThat(nodes(graph)).doesNotContain(A, ACT_B, CTAPIPE_023, S, D, ACT_D);
    assertThat(graph.listStatements(r(A), null, (Resource) null).toList()).isEmpty();
  }

  @Test
  void upstreamDepthTwoReachesTheInputsOfTheInputsAndThreeTheirDeposits() {
    Set<String> two = nodes(lineage.graph(query("dl3-c", Direction.UPSTREAM, 2)));
    Set<String> three = nodes(lineage.graph(query("dl3-c", Direction.UPSTREAM, 3)));

    assertThat(two)
        .contains(
            A, ACT_B, CTAPIPE_023, Vocab.aipIri("dl2-b", 1), Vocab.depositIri("dep-b") + "/ingest")
        .doesNotContain(Vocab.aipIri("dl1-a", 1), Vocab.depositIri("dep-a"), S, D);
    assertThat(three)
        .containsAll(two)
        .contains(Vocab.aipIri("dl1-a", 1), Vocab.depositIri("dep-a"), "urn:ctao:pipeline:dpps-dl1")
        .doesNotContain(S, D);
    // nothing further up: depth 10 is depth 3 here
    assertThat(nodes(lineage.graph(query("dl3-c", Direction.UPSTREAM, 10)))).isEqualTo(three);
  }

  @Test
  void downstreamFollowsWhatWasDerivedFromTheProductHopByHop() {
    Model one = lineage.graph(query("dl1-a", Direction.DOWNSTREAM, 1));
    Model two = lineage.graph(query("dl1-a", Direction.DOWNSTREAM, 2));
    Model three = lineage.graph(query("dl1-a", Direction.DOWNSTREAM, 3));

    assertThat(nodes(one)).containsExactlyInAnyOrder(A, ACT_B, B, CTAPIPE_023);
    assertThat(nodes(two))
        .containsExactlyInAnyOrder(A, ACT_B, B, CTAPIPE_023, ACT_C, C, S, CTAPIPE_024);
    assertThat(two.contains(r(S), Vocab.WAS_DERIVED_FROM, r(B))).isTrue();
    assertThat(two.contains(r(C), Vocab.WAS_GENERATED_BY, r(ACT_C))).isTrue();
    assertThat(nodes(three)).containsAll(nodes(two)).contains(ACT_D, D, CTAPIPE_025);
    // downstream is not upstream: no deposits, ingests or versions of anything
    assertThat(nodes(three)).doesNotContain(DEP_C, INGEST_C, C_V2, Vocab.aipIri("dl1-a", 1), IRF);
  }

  @Test
  void bothDirectionsAreTheUnionOfUpstreamAndDownstream() {
    Set<String> up = nodes(lineage.graph(query("dl3-c", Direction.UPSTREAM, 1)));
    Set<String> down = nodes(lineage.graph(query("dl3-c", Direction.DOWNSTREAM, 1)));

    Set<String> both = nodes(lineage.graph(query("dl3-c", Direction.BOTH, 1)));

    assertThat(down).containsExactlyInAnyOrder(C, ACT_D, D, CTAPIPE_025);
    Set<String> union = new java.util.TreeSet<>(up);
    union.addAll(down);
    assertThat(both).isEqualTo(union);
    assertThat(both).doesNotContain(A, S);
  }

  @Test
  void theLineageDocumentListsNodesAndEdgesExactly() {
    LineageGraph document = lineage.document(query("dl1-a", Direction.DOWNSTREAM, 1));

    assertThat(document.nodes())
        .containsExactly(
            new Node(
                A,
                Kind.PRODUCT,
                "/data/dl1/a.h5",
                Optional.of("dl1-a"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()),
            new Node(
                ACT_B,
                Kind.ACTIVITY,
                "ctapipe-apply-models",
                Optional.empty(),
                Optional.empty(),
                Optional.of("2024-03-02T01:00:00Z"),
                Optional.of("2024-03-02T01:30:00Z")),
            new Node(
                B,
                Kind.PRODUCT,
                "/data/dl2/b.h5",
                Optional.of("dl2-b"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()),
            new Node(
                CTAPIPE_023,
                Kind.AGENT,
                "ctapipe",
                Optional.empty(),
                Optional.of("0.23.2"),
                Optional.empty(),
                Optional.empty()));
    assertThat(document.edges())
        .containsExactly(
            new Edge(ACT_B, A, Relation.USED),
            new Edge(ACT_B, CTAPIPE_023, Relation.WAS_ASSOCIATED_WITH),
            new Edge(B, A, Relation.WAS_DERIVED_FROM),
            new Edge(B, ACT_B, Relation.WAS_GENERATED_BY));
    assertThat(document.query()).isEqualTo(query("dl1-a", Direction.DOWNSTREAM, 1));
  }

  @Test
  void theDocumentTellsVersionsDepositsFilesAndAgentsApart() {
    LineageGraph document = lineage.document(query("dl3-c", Direction.UPSTREAM, 1));

    Map<String, Kind> kinds = new LinkedHashMap<>();
    document.nodes().forEach(n -> kinds.put(n.id(), n.kind()));
    assertThat(document.nodes().get(0).id()).isEqualTo(C);
    assertThat(kinds)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry(C, Kind.PRODUCT),
                Map.entry(C_V2, Kind.VERSION),
                Map.entry(C_V1, Kind.VERSION),
                Map.entry(INGEST_C, Kind.ACTIVITY),
                Map.entry(DEP_C, Kind.DEPOSIT),
                Map.entry(Vocab.ARCHIVE_AGENT, Kind.AGENT),
                Map.entry(PIPELINE_DL3, Kind.AGENT),
                Map.entry(ACT_C, Kind.ACTIVITY),
                Map.entry(CTAPIPE_024, Kind.AGENT),
                Map.entry(B, Kind.PRODUCT),
                Map.entry(IRF, Kind.FILE)));
    Node v2 = node(document, C_V2);
    assertThat(v2.label()).isEqualTo("version 2");
    assertThat(v2.productId()).isEmpty();
    assertThat(node(document, PIPELINE_DL3).softwareVersion()).contains("2.1");
    assertThat(node(document, IRF).label()).isEqualTo("/irf/prod5.fits");
    assertThat(document.edges())
        .contains(
            new Edge(C_V2, C, Relation.SPECIALIZATION_OF),
            new Edge(C_V2, C_V1, Relation.WAS_REVISION_OF),
            new Edge(C, PIPELINE_DL3, Relation.WAS_ATTRIBUTED_TO),
            new Edge(C, IRF, Relation.WAS_DERIVED_FROM))
        .hasSize(14);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void cyclesEndTheWalk() {
    graphs
        .store()
        .replaceAll(
            Map.of(
                Vocab.productIri("cyc-x"),
                product("cyc-x", 1, "DL2", "dep-x", "p", run("rx", "x", "1", input("y", "cyc-y"))),
                Vocab.productIri("cyc-y"),
                product(
                    "cyc-y", 1, "DL2", "dep-y", "p", run("ry", "y", "1", input("x", "cyc-x")))));

    for (Direction direction : Direction.values()) {
      LineageGraph document = lineage.document(query("cyc-x", direction, LineageQuery.MAX_DEPTH));
      assertThat(document.edges())
          .as(direction.value())
          .contains(
              new Edge(
                  Vocab.productIri("cyc-x"), Vocab.productIri("cyc-y"), Relation.WAS_DERIVED_FROM),
              new Edge(
                  Vocab.productIri("cyc-y"), Vocab.productIri("cyc-x"), Relation.WAS_DERIVED_FROM));
      assertThat(document.nodes()).extracting(Node::id).doesNotHaveDuplicates();
    }
  }

  @Test
  void anUnknownProductIsNotFound() {
    ArchiveException e =
        catchThrowableOfType(
            ArchiveException.class,
            () -> lineage.graph(query("no-such-product", Direction.UPSTREAM, 1)));

    assertThat(e.code()).isEqualTo(ErrorCode.PRODUCT_NOT_FOUND);
  }

  @Test
  void aLineageLargerThanTheNodeLimitIsRefused() {
    TdbLineage small = new TdbLineage(graphs, 5);

    ArchiveException e =
        catchThrowableOfType(
            ArchiveException.class, () -> small.graph(query("dl3-c", Direction.UPSTREAM, 1)));

    assertThat(e.code()).isEqualTo(ErrorCode.BAD_PROVENANCE_REQUEST);
    assertThat(e.getMessage()).contains("more than 5 nodes");
    assertThat(small.graph(query("dl1-a", Direction.DOWNSTREAM, 1)).isEmpty()).isFalse();
  }

  // ------------------------------------------------------------------------------------ builders

  /** The graph of a product's head version exactly as ingest writes it (through Turtle). */
  private static Model product(
      String id,
      int version,
      String level,
      String deposit,
      String pipeline,
      CtapipeActivity... runs) {
    ProvenanceGraph graph =
        new ProvenanceGraph(id, version)
            .ingest(deposit, T0, T0.plusSeconds(60), Optional.of(pipeline), Optional.of("2.1"))
            .fromHeaders(levels(level));
    for (CtapipeActivity run : runs) {
      graph.ctapipeActivity(run);
    }
    graph.file(id + ".dat", "ab".repeat(64));
    return ProvenanceStore.parse(new ByteArrayInputStream(graph.toTurtle()), Lang.TURTLE);
  }

  private static CtapipeActivity run(
      String uuid, String name, String ctapipeVersion, FileRef... inputs) {
    return new CtapipeActivity(
        name,
        uuid,
        Optional.of(T0),
        Optional.of(T0.plusSeconds(1800)),
        Optional.of(ctapipeVersion),
        List.of(inputs),
        List.of(),
        Optional.of(0));
  }

  private static FileRef input(String url, String productId) {
    return new FileRef(url, Optional.of("input"), Optional.of(productId));
  }

  private static ProductMetadata levels(String level) {
    ProductMetadata empty = ProductMetadata.empty();
    return new ProductMetadata(
        empty.productId(),
        empty.description(),
        List.of(level),
        empty.dataCategory(),
        empty.dataAssociation(),
        empty.creationTime(),
        empty.processType(),
        empty.activityName(),
        empty.activityId(),
        empty.softwareName(),
        empty.softwareVersion(),
        empty.instrumentSite(),
        empty.obsId(),
        empty.object(),
        empty.raPnt(),
        empty.decPnt(),
        empty.timeStart(),
        empty.timeStop(),
        empty.ontime(),
        empty.livetime(),
        empty.telescope(),
        empty.instrument(),
        empty.hduClasses(),
        empty.headers());
  }

  private static LineageQuery query(String product, Direction direction, int depth) {
    return new LineageQuery(new ProductId(product), direction, depth);
  }

  /** Every IRI that is the subject or object of a PROV relation of the lineage, and the start. */
  private static Set<String> nodes(Model graph) {
    Set<String> ids = new java.util.TreeSet<>();
    List<org.apache.jena.rdf.model.Statement> statements = new ArrayList<>();
    graph.listStatements().forEachRemaining(statements::add);
    for (var s : statements) {
      if (s.getPredicate().getURI().startsWith(Vocab.PROV) && s.getObject().isURIResource()) {
        ids.add(s.getSubject().getURI());
        ids.add(s.getResource().getURI());
      }
    }
    return ids;
  }

  private static Node node(LineageGraph document, String id) {
    return document.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
  }

  private static Resource r(String iri) {
    return ResourceFactory.createResource(iri);
  }
}
