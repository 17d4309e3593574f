package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.tests.support.ArchiveClient.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.vocabulary.RDF;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveClient.Reply;
import org.dpps.archive.tests.support.ArchiveExtension;
import org.dpps.archive.tests.support.ArchiveServer;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.Dl3Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The provenance API through the real application: a chain of three products deposited one after
 * the other, each with the ctapipe provenance log of the run that made it from the one before
 * (input -> derived by ctapipe 0.24.0 -> grandchild by ctapipe 0.25.0). Lineage and SPARQL are read
 * without a token: metadata and provenance are public.
 */
@ExtendWith(ArchiveExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvenanceApiIT {
  static final String PROV = "http://www.w3.org/ns/prov#";
  static final String CTAO = "urn:ctao:archive:vocab#";
  static final Set<String> KINDS =
      Set.of("product", "version", "activity", "agent", "file", "deposit", "entity");
  static final Set<String> RELATIONS =
      Set.of(
          "wasDerivedFrom",
          "used",
          "wasGeneratedBy",
          "wasAssociatedWith",
          "wasAttributedTo",
          "wasRevisionOf",
          "specializationOf",
          "alternateOf");

  private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ArchiveServer server;
  private ArchiveClient anonymous;
  private Dl3Files input;
  private Dl3Files derived;
  private Dl3Files grandchild;
  private final String makeDerived = UUID.randomUUID().toString();
  private final String makeGrandchild = UUID.randomUUID().toString();
  private String derivedDeposit;

  @BeforeAll
  void depositAChain(ArchiveClient api, ArchiveServer server) {
    this.server = server;
    this.anonymous = api.anonymous();
    input = Dl3Files.observation().object("ProvIn-" + run);
    derived = Dl3Files.observation().object("ProvOut-" + run);
    grandchild = Dl3Files.observation().object("ProvNext-" + run);
    api.depositArchived(
        Bags.aBag().withFile("data/input.fits", input.fits()).zip(), "application/zip");
    derivedDeposit =
        api.depositArchived(
                madeFrom(input, "derived.fits", derived, makeDerived, "0.24.0"), "application/zip")
            .path("id")
            .asText();
    api.depositArchived(
        madeFrom(derived, "grandchild.fits", grandchild, makeGrandchild, "0.25.0"),
        "application/zip");
  }

  /** A bag of one product and the ctapipe log of the run that made it from {@code from}. */
  private static byte[] madeFrom(
      Dl3Files from, String name, Dl3Files product, String activity, String ctapipe) {
    String log =
        """
        [{"activity_name": "ctapipe-process", "activity_uuid": "%s", "status": "completed",
          "start": {"time_utc": "2024-01-02T03:04:05.123"},
          "stop": {"time_utc": "2024-01-02T03:34:06.456"},
          "system": {"ctapipe_version": "%s"},
          "input": [{"url": "/data/in/%s.fits", "role": "DataWriter.input",
                     "reference_meta": {"CTA PRODUCT ID": "%s"}}],
          "output": [{"url": "/data/out/%s", "role": "DataWriter.output"}],
          "config": {}, "exit_code": 0}]
        """
            .formatted(activity, ctapipe, from.productId(), from.productId(), name);
    return Bags.aBag()
        .withFile("data/" + name, product.fits())
        .withFile("data/process.provenance.log", log.getBytes(StandardCharsets.UTF_8))
        .zip();
  }

  // ------------------------------------------------------------------------------------ lineage

  @Test
  void turtleUpstreamLinksTheDerivedProductToItsInputAndTheSoftwareThatMadeIt() {
    Reply reply = anonymous.get(provenance(derived, ""), "Accept", "text/turtle");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/turtle");
    assertThat(reply.header("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Accept"));
    Model graph = parse(reply.body(), Lang.TURTLE);
    Resource product = product(graph, derived);
    Resource source = product(graph, input);
    Resource activity = graph.createResource("urn:ctao:activity:" + makeDerived);
    assertThat(graph.contains(product, prov("wasDerivedFrom"), source)).isTrue();
    assertThat(graph.contains(product, prov("wasGeneratedBy"), activity)).isTrue();
    assertThat(graph.contains(activity, prov("used"), source)).isTrue();
    Resource ctapipe = graph.createResource("urn:ctao:software:ctapipe:0.24.0");
    assertThat(graph.contains(activity, prov("wasAssociatedWith"), ctapipe)).isTrue();
    assertThat(graph.contains(ctapipe, ctao("softwareVersion"), "0.24.0")).isTrue();
    Resource v1 = graph.createResource(product.getURI() + ":v1");
    assertThat(graph.contains(v1, prov("specializationOf"), product)).isTrue();
    assertThat(
            graph.contains(
                v1,
                prov("wasGeneratedBy"),
                graph.createResource("urn:ctao:deposit:" + derivedDeposit + "/ingest")))
        .isTrue();
    // the input is one hop away: there with what the archive knows of it, not its own provenance
    assertThat(graph.contains(source, ctao("productId"), input.productId())).isTrue();
    assertThat(graph.listStatements(source, prov("wasGeneratedBy"), (RDFNode) null).toList())
        .isEmpty();
    assertThat(ids(graph))
        .doesNotContain(iri(input) + ":v1", iri(grandchild), "urn:ctao:activity:" + makeGrandchild);
  }

  @Test
  void noParametersMeanUpstreamOneHopInTurtle() {
    Reply plain = anonymous.get(provenance(derived, ""));
    Reply explicit =
        anonymous.get(provenance(derived, "?direction=upstream&depth=1"), "Accept", "text/turtle");

    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.contentType()).startsWith("text/turtle");
    assertThat(
            parse(plain.body(), Lang.TURTLE).isIsomorphicWith(parse(explicit.body(), Lang.TURTLE)))
        .isTrue();
  }

  @Test
  void jsonLdAndNTriplesCarryTheSameGraphAsTurtle() {
    Model turtle =
        parse(anonymous.get(provenance(derived, ""), "Accept", "text/turtle").body(), Lang.TURTLE);

    Reply jsonLd = anonymous.get(provenance(derived, ""), "Accept", "application/ld+json");
    Reply nTriples = anonymous.get(provenance(derived, ""), "Accept", "application/n-triples");

    assertThat(jsonLd.status()).isEqualTo(200);
    assertThat(jsonLd.contentType()).startsWith("application/ld+json");
    Model fromJsonLd = contextFreeJsonLd(jsonLd.json());
    assertThat(
            fromJsonLd.contains(
                product(fromJsonLd, derived), prov("wasDerivedFrom"), product(fromJsonLd, input)))
        .isTrue();
    assertThat(fromJsonLd.isIsomorphicWith(turtle)).as("JSON-LD = Turtle").isTrue();
    assertThat(nTriples.status()).isEqualTo(200);
    assertThat(nTriples.contentType()).startsWith("application/n-triples");
    assertThat(parse(nTriples.body(), Lang.NTRIPLES).isIsomorphicWith(turtle))
        .as("N-Triples = Turtle")
        .isTrue();
  }

  @Test
  void theJsonLineageHasTheNodesAndEdgesThePortalDraws() {
    Reply reply = anonymous.get(provenance(derived, ""), "Accept", "application/json");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonNode lineage = reply.json();
    assertThat(lineage.path("product").asText()).isEqualTo(derived.productId());
    assertThat(lineage.path("direction").asText()).isEqualTo("upstream");
    assertThat(lineage.path("depth").asInt()).isEqualTo(1);

    Map<String, JsonNode> nodes = nodes(lineage);
    JsonNode first = lineage.path("nodes").get(0);
    assertThat(first.path("id").asText()).isEqualTo(iri(derived));
    assertThat(first.path("kind").asText()).isEqualTo("product");
    assertThat(first.path("productId").asText()).isEqualTo(derived.productId());
    assertThat(first.path("href").asText()).isEqualTo("/api/v1/products/" + derived.productId());
    JsonNode source = nodes.get(iri(input));
    assertThat(source.path("kind").asText()).isEqualTo("product");
    assertThat(source.path("href").asText()).isEqualTo("/api/v1/products/" + input.productId());
    assertThat(source.path("label").asText()).isEqualTo("/data/in/" + input.productId() + ".fits");
    JsonNode activity = nodes.get("urn:ctao:activity:" + makeDerived);
    assertThat(activity.path("kind").asText()).isEqualTo("activity");
    assertThat(activity.path("label").asText()).isEqualTo("ctapipe-process");
    assertThat(activity.path("startedAt").asText()).startsWith("2024-01-02T03:04:05.123");
    assertThat(activity.path("endedAt").asText()).startsWith("2024-01-02T03:34:06.456");
    assertThat(activity.has("href")).as("no href for what is not a product").isFalse();
    assertThat(activity.has("productId")).isFalse();
    JsonNode ctapipe = nodes.get("urn:ctao:software:ctapipe:0.24.0");
    assertThat(ctapipe.path("kind").asText()).isEqualTo("agent");
    assertThat(ctapipe.path("softwareVersion").asText()).isEqualTo("0.24.0");
    assertThat(nodes.get(iri(derived) + ":v1").path("kind").asText()).isEqualTo("version");
    assertThat(nodes.get("urn:ctao:deposit:" + derivedDeposit).path("kind").asText())
        .isEqualTo("deposit");
    assertThat(edges(lineage))
        .contains(
            iri(derived) + " wasDerivedFrom " + iri(input),
            iri(derived) + " wasGeneratedBy urn:ctao:activity:" + makeDerived,
            "urn:ctao:activity:" + makeDerived + " used " + iri(input),
            "urn:ctao:activity:"
                + makeDerived
                + " wasAssociatedWith "
                + ctapipe.path("id").asText(),
            iri(derived) + ":v1 specializationOf " + iri(derived));

    // a well-formed graph: known kinds and relations, every edge between listed nodes
    assertThat(lineage.path("nodes")).hasSize(nodes.size());
    lineage.path("nodes").forEach(n -> assertThat(n.path("kind").asText()).isIn(KINDS));
    for (JsonNode e : lineage.path("edges")) {
      assertThat(e.path("relation").asText()).isIn(RELATIONS);
      assertThat(nodes).containsKeys(e.path("from").asText(), e.path("to").asText());
    }
    // and the same nodes as the RDF answer
    Model turtle =
        parse(anonymous.get(provenance(derived, ""), "Accept", "text/turtle").body(), Lang.TURTLE);
    assertThat(nodes.keySet()).isEqualTo(ids(turtle));
  }

  @Test
  void downstreamFollowsWhatWasMadeFromTheInputHopByHop() {
    Set<String> one = lineageIds(input, "?direction=downstream&depth=1");
    Set<String> two = lineageIds(input, "?direction=downstream&depth=2");

    assertThat(one)
        .contains(iri(input), iri(derived), "urn:ctao:activity:" + makeDerived)
        .doesNotContain(iri(grandchild), "urn:ctao:activity:" + makeGrandchild);
    assertThat(two)
        .containsAll(one)
        .contains(iri(grandchild), "urn:ctao:activity:" + makeGrandchild);
    JsonNode lineage =
        anonymous
            .get(provenance(input, "?direction=downstream&depth=1"), "Accept", "application/json")
            .json();
    assertThat(lineage.path("direction").asText()).isEqualTo("downstream");
    assertThat(edges(lineage)).contains(iri(derived) + " wasDerivedFrom " + iri(input));
  }

  @Test
  void depthCountsProductHopsUpstreamAndBothWaysJoinsThem() {
    assertThat(lineageIds(grandchild, "?depth=1"))
        .contains(iri(derived))
        .doesNotContain(iri(input), "urn:ctao:activity:" + makeDerived);
    assertThat(lineageIds(grandchild, "?depth=2"))
        .contains(iri(derived), "urn:ctao:activity:" + makeDerived, iri(input));
    assertThat(lineageIds(derived, "?direction=both&depth=1"))
        .contains(iri(input), iri(grandchild), "urn:ctao:activity:" + makeGrandchild);
  }

  @Test
  void badLineageParametersAreProblems() {
    for (String bad :
        List.of(
            "?direction=sideways",
            "?direction=UPSTREAM",
            "?depth=0",
            "?depth=11",
            "?depth=abc",
            "?depth=1.5",
            "?direction=both&depth=-2")) {
      for (String accept : List.of("text/turtle", "application/json")) {
        JsonNode problem =
            assertProblem(
                anonymous.get(provenance(derived, bad), "Accept", accept), 400, "ACCESS-008");
        assertThat(problem.path("instance").asText())
            .isEqualTo("/api/v1/products/" + derived.productId() + "/provenance");
      }
    }
    assertProblem(
        anonymous.get("/api/v1/products/no-such-product-" + run + "/provenance"),
        404,
        "ACCESS-001");
  }

  // ------------------------------------------------------------------------------------- SPARQL

  @Test
  void sparqlOverGetAnswersCsvAndOverAFormPostXml() {
    String select =
        "PREFIX prov: <"
            + PROV
            + "> SELECT ?input WHERE { <"
            + iri(derived)
            + "> prov:wasDerivedFrom ?input }";

    Reply csv = anonymous.get(sparqlGet(select), "Accept", "text/csv");
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.text().split("\\r?\\n")).containsExactly("input", iri(input));
    assertThat(csv.header("X-Result-Limit")).contains("10000");
    assertThat(csv.header("X-Result-Truncated")).contains("false");

    Reply xml =
        postAccepting(
            "/api/v1/sparql",
            "application/x-www-form-urlencoded",
            "query=" + URLEncoder.encode(select, StandardCharsets.UTF_8),
            "application/sparql-results+xml");
    assertThat(xml.status()).as(xml.toString()).isEqualTo(200);
    assertThat(xml.contentType()).startsWith("application/sparql-results+xml");
    List<QuerySolution> rows = new ArrayList<>();
    ResultSetMgr.read(new ByteArrayInputStream(xml.body()), ResultSetLang.RS_XML)
        .forEachRemaining(rows::add);
    assertThat(rows).extracting(r -> r.getResource("input").getURI()).containsExactly(iri(input));

    Reply json = anonymous.get(sparqlGet(select));
    assertThat(json.contentType()).startsWith("application/sparql-results+json");
    assertThat(
            json.json()
                .path("results")
                .path("bindings")
                .get(0)
                .path("input")
                .path("value")
                .asText())
        .isEqualTo(iri(input));
  }

  @Test
  void sparqlSelectsAreCappedAtTenThousandRows() {
    // 101 x 101 = 10,201 solutions, whatever else the archive holds
    String numbers =
        IntStream.rangeClosed(1, 101).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    String all =
        "SELECT ?i ?j WHERE { VALUES ?i { " + numbers + " } VALUES ?j { " + numbers + " } }";

    Reply capped = anonymous.get(sparqlGet(all), "Accept", "text/csv");
    Reply limited = anonymous.get(sparqlGet(all + " LIMIT 5"), "Accept", "text/csv");

    assertThat(capped.status()).as(capped.toString()).isEqualTo(200);
    String[] lines = capped.text().split("\\r?\\n");
    assertThat(lines).hasSize(1 + 10_000);
    assertThat(lines[0]).isEqualTo("i,j");
    assertThat(capped.header("X-Result-Limit")).contains("10000");
    assertThat(capped.header("X-Result-Truncated")).contains("true");
    assertThat(limited.text().split("\\r?\\n")).hasSize(1 + 5);
    assertThat(limited.header("X-Result-Truncated")).contains("false");
  }

  @Test
  void sparqlUpdatesAreRejected() {
    String triple = "<urn:x:" + run + "> <urn:x:p> <urn:x:o>";

    JsonNode asQuery =
        assertProblem(
            anonymous.post(
                "/api/v1/sparql",
                "application/sparql-query",
                ("INSERT DATA { " + triple + " }").getBytes(StandardCharsets.UTF_8)),
            400,
            "ACCESS-005");
    assertThat(asQuery.path("detail").asText()).contains("read-only");
    assertProblem(
        anonymous.post(
            "/api/v1/sparql",
            "application/sparql-update",
            ("INSERT DATA { " + triple + " }").getBytes(StandardCharsets.UTF_8)),
        400,
        "ACCESS-005");
    assertProblem(anonymous.get(sparqlGet("DROP ALL")), 400, "ACCESS-005");
    assertProblem(
        anonymous.post(
            "/api/v1/sparql",
            "application/x-www-form-urlencoded",
            ("update="
                    + URLEncoder.encode("INSERT DATA { " + triple + " }", StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)),
        400,
        "ACCESS-005");

    Reply ask = anonymous.get(sparqlGet("ASK { " + triple + " }"));
    assertThat(ask.json().path("boolean").asBoolean()).isFalse();
    assertThat(lineageIds(derived, "")).contains(iri(input));
  }

  // ------------------------------------------------------------------------------------ helpers

  private static String provenance(Dl3Files product, String parameters) {
    return "/api/v1/products/" + product.productId() + "/provenance" + parameters;
  }

  private static String sparqlGet(String query) {
    return "/api/v1/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  private Set<String> lineageIds(Dl3Files product, String parameters) {
    Reply reply = anonymous.get(provenance(product, parameters), "Accept", "application/json");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return nodes(reply.json()).keySet();
  }

  /** The nodes of a JSON lineage by id (failing on a duplicate id). */
  private static Map<String, JsonNode> nodes(JsonNode lineage) {
    Map<String, JsonNode> nodes = new LinkedHashMap<>();
    for (JsonNode n : lineage.path("nodes")) {
      assertThat(nodes.put(n.path("id").asText(), n)).as("duplicate %s", n).isNull();
    }
    return nodes;
  }

  /** The edges of a JSON lineage as "from relation to". */
  private static Set<String> edges(JsonNode lineage) {
    Set<String> edges = new HashSet<>();
    lineage
        .path("edges")
        .forEach(
            e ->
                edges.add(
                    e.path("from").asText()
                        + " "
                        + e.path("relation").asText()
                        + " "
                        + e.path("to").asText()));
    return edges;
  }

  /** Subjects and objects of the PROV relations of a graph. */
  private static Set<String> ids(Model graph) {
    Set<String> ids = new TreeSet<>();
    for (Statement s : graph.listStatements().toList()) {
      if (s.getPredicate().getURI().startsWith(PROV) && s.getObject().isURIResource()) {
        ids.add(s.getSubject().getURI());
        ids.add(s.getResource().getURI());
      }
    }
    return ids;
  }

  /** A POST without a token, with an Accept header. */
  private Reply postAccepting(String path, String contentType, String body, String accept) {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri(path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", contentType)
            .header("Accept", accept)
            .timeout(Duration.ofSeconds(60))
            .build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the archive's JSON-LD (no {@code @context}: every property, type and {@code @id} a full
   * IRI) into a Jena model. Jena's own JSON-LD 1.1 reader (Titanium) needs a JSON-P provider, which
   * the test classpath does not have; without a context each JSON-LD value maps one to one onto an
   * RDF term, so the conversion is exact.
   */
  private static Model contextFreeJsonLd(JsonNode document) {
    assertThat(document.has("@context")).as("JSON-LD without @context: %s", document).isFalse();
    Model model = ModelFactory.createDefaultModel();
    JsonNode nodes = document.has("@graph") ? document.path("@graph") : document;
    for (JsonNode node : values(nodes)) {
      Resource subject = model.createResource(node.path("@id").asText());
      for (JsonNode type : values(node.path("@type"))) {
        subject.addProperty(RDF.type, model.createResource(type.asText()));
      }
      node.fields()
          .forEachRemaining(
              field -> {
                if (!field.getKey().startsWith("@")) {
                  Property property = model.createProperty(field.getKey());
                  for (JsonNode value : values(field.getValue())) {
                    subject.addProperty(property, term(model, value));
                  }
                }
              });
    }
    return model;
  }

  private static Iterable<JsonNode> values(JsonNode value) {
    return value.isMissingNode() ? List.of() : value.isArray() ? value : List.of(value);
  }

  private static RDFNode term(Model model, JsonNode value) {
    if (value.isTextual()) {
      return model.createLiteral(value.asText());
    }
    if (value.has("@id")) {
      return model.createResource(value.path("@id").asText());
    }
    JsonNode literal = value.path("@value");
    assertThat(literal.isTextual()).as("literal written as a string: %s", value).isTrue();
    if (value.has("@language")) {
      return model.createLiteral(literal.asText(), value.path("@language").asText());
    }
    return value.has("@type")
        ? model.createTypedLiteral(
            literal.asText(),
            TypeMapper.getInstance().getSafeTypeByName(value.path("@type").asText()))
        : model.createLiteral(literal.asText());
  }

  private static String iri(Dl3Files product) {
    return "urn:ctao:product:" + product.productId();
  }

  private static Resource product(Model graph, Dl3Files product) {
    return graph.createResource(iri(product));
  }

  private static Model parse(byte[] body, Lang lang) {
    Model model = ModelFactory.createDefaultModel();
    RDFDataMgr.read(model, new ByteArrayInputStream(body), lang);
    return model;
  }

  private static Property prov(String local) {
    return ModelFactory.createDefaultModel().createProperty(PROV + local);
  }

  private static Property ctao(String local) {
    return ModelFactory.createDefaultModel().createProperty(CTAO + local);
  }
}
