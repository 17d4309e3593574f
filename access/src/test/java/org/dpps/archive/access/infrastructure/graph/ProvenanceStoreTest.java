package org.dpps.archive.access.infrastructure.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.schemas.rdf.Vocab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceStoreTest {
  static final String CRAB = Vocab.productIri("crab-0001");
  static final String PKS = Vocab.productIri("pks-0002");

  @TempDir Path tmp;
  ProvenanceStore store;

  @BeforeEach
  void open() {
    store = new ProvenanceStore(tmp.resolve("tdb2"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void replacingANamedGraphDropsItsOldTriples() {
    store.replace(CRAB, generatedBy("crab-0001", "d-1", "d-2", "d-3"));
    store.replace(CRAB, generatedBy("crab-0001", "d-9"));

    Model crab = store.graph(CRAB);
    assertThat(crab.size()).isEqualTo(1);
    assertThat(crab.contains(product("crab-0001"), Vocab.WAS_GENERATED_BY, ingest("d-9"))).isTrue();
    assertThat(crab.contains(product("crab-0001"), Vocab.WAS_GENERATED_BY, ingest("d-1")))
        .isFalse();
    assertThat(store.graphCount()).isEqualTo(1);
    assertThat(store.graph("urn:none").isEmpty()).isTrue();
  }

  @Test
  void theDefaultGraphOfAQueryIsTheUnionOfTheNamedGraphs() {
    store.replace(CRAB, generatedBy("crab-0001", "d-1", "d-2"));
    store.replace(PKS, generatedBy("pks-0002", "d-3"));

    ProvenanceStore.Answer answer =
        store.query(
            "SELECT ?product ?activity WHERE { ?product <"
                + Vocab.PROV
                + "wasGeneratedBy> ?activity }"
                + " ORDER BY ?activity",
            5_000);

    assertThat(answer.mediaType()).isEqualTo("application/sparql-results+json");
    List<QuerySolution> rows = select(answer);
    assertThat(rows)
        .extracting(r -> r.getResource("activity").getURI())
        .containsExactly(
            Vocab.depositIri("d-1") + "/ingest",
            Vocab.depositIri("d-2") + "/ingest",
            Vocab.depositIri("d-3") + "/ingest");
    assertThat(rows)
        .extracting(r -> r.getResource("product").getURI())
        .containsExactly(
            Vocab.productIri("crab-0001"),
            Vocab.productIri("crab-0001"),
            Vocab.productIri("pks-0002"));
    assertThat(store.graphCount()).isEqualTo(2);
  }

  @Test
  void namedGraphsCanBeQueriedOneByOne() {
    store.replace(CRAB, generatedBy("crab-0001", "d-1", "d-2"));
    store.replace(PKS, generatedBy("pks-0002", "d-3"));

    List<QuerySolution> rows =
        select(
            store.query(
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + PKS + "> { ?s ?p ?o } }", 5_000));

    assertThat(rows.get(0).getLiteral("n").getInt()).isEqualTo(1);
  }

  @Test
  void askAnswersTrueOrFalse() {
    store.replace(CRAB, generatedBy("crab-0001", "d-1"));
    String ask = "ASK { <%s> <%swasGeneratedBy> <%s> }";

    assertThat(
            ask(
                store.query(
                    ask.formatted(
                        Vocab.productIri("crab-0001"),
                        Vocab.PROV,
                        Vocab.depositIri("d-1") + "/ingest"),
                    5_000)))
        .isTrue();
    assertThat(
            ask(
                store.query(
                    ask.formatted(
                        Vocab.productIri("crab-0001"),
                        Vocab.PROV,
                        Vocab.depositIri("d-7") + "/ingest"),
                    5_000)))
        .isFalse();
  }

  @Test
  void constructAnswersTurtle() {
    store.replace(CRAB, generatedBy("crab-0001", "d-1"));

    ProvenanceStore.Answer answer = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", 5_000);

    assertThat(answer.mediaType()).isEqualTo("text/turtle");
    Model model = ProvenanceStore.parse(new ByteArrayInputStream(answer.body()), Lang.TURTLE);
    assertThat(model.contains(product("crab-0001"), Vocab.WAS_GENERATED_BY, ingest("d-1")))
        .isTrue();
    assertThat(model.size()).isEqualTo(1);
  }

  @Test
  void updatesAndGarbageAreRejected() {
    store.replace(CRAB, generatedBy("crab-0001", "d-1"));

    for (String notAQuery :
        List.of(
            "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            "DELETE WHERE { ?s ?p ?o }",
            "DROP ALL",
            "SELECT WHERE nonsense")) {
      assertRejected(() -> store.query(notAQuery, 5_000));
    }
    assertThat(store.graph(CRAB).size()).isEqualTo(1);
    assertThat(store.graphCount()).isEqualTo(1);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aLongQueryIsCancelledAtTheTimeLimit() {
    String[] deposits = new String[400];
    for (int i = 0; i < deposits.length; i++) {
      deposits[i] = "d-" + i;
    }
    store.replace(CRAB, generatedBy("crab-0001", deposits));

    ArchiveException e =
        assertRejected(() -> store.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", 1));

    assertThat(e.getMessage()).contains("longer than 1 ms");
  }

  @Test
  void aSelectIsCappedAndSaysSo() {
    store.replace(CRAB, generatedBy("crab-0001", deposits(400)));
    String all = "SELECT ?a WHERE { ?p <" + Vocab.PROV + "wasGeneratedBy> ?a }";

    ProvenanceStore.Answer capped = store.query(all, 5_000, 100, List.of());
    ProvenanceStore.Answer ownLimit = store.query(all + " LIMIT 50", 5_000, 100, List.of());
    ProvenanceStore.Answer largerLimit = store.query(all + " LIMIT 5000", 5_000, 100, List.of());
    ProvenanceStore.Answer exact = store.query(all, 5_000, 400, List.of());

    assertThat(select(capped)).hasSize(100);
    assertThat(capped.resultLimit()).hasValue(100);
    assertThat(capped.truncated()).contains(true);
    assertThat(select(ownLimit)).hasSize(50);
    assertThat(ownLimit.truncated()).contains(false);
    assertThat(select(largerLimit)).hasSize(100);
    assertThat(largerLimit.truncated()).contains(true);
    assertThat(select(exact)).hasSize(400);
    assertThat(exact.truncated()).contains(false);
  }

  @Test
  void constructIsCappedToo() {
    store.replace(CRAB, generatedBy("crab-0001", deposits(400)));

    ProvenanceStore.Answer answer =
        store.query(
            "CONSTRUCT { ?p <urn:x:by> ?a } WHERE { ?p <" + Vocab.PROV + "wasGeneratedBy> ?a }",
            5_000,
            30,
            List.of(RdfFormats.N_TRIPLES));

    assertThat(answer.mediaType()).isEqualTo(RdfFormats.N_TRIPLES);
    assertThat(ProvenanceStore.parse(new ByteArrayInputStream(answer.body()), Lang.NTRIPLES).size())
        .isEqualTo(30);
    assertThat(answer.resultLimit()).hasValue(30);
    assertThat(answer.truncated()).isEmpty();
  }

  @Test
  void selectResultsAreNegotiated() {
    store.replace(CRAB, generatedBy("crab-0001", "d-1", "d-2"));
    String query =
        "SELECT ?product ?activity WHERE { ?product <"
            + Vocab.PROV
            + "wasGeneratedBy> ?activity } ORDER BY ?activity";

    ProvenanceStore.Answer csv = store.query(query, 5_000, 10, List.of("text/csv"));
    ProvenanceStore.Answer xml =
        store.query(query, 5_000, 10, List.of("text/html", "application/sparql-results+xml"));
    ProvenanceStore.Answer any = store.query(query, 5_000, 10, List.of("text/html", "*/*"));
    ProvenanceStore.Answer json = store.query(query, 5_000, 10, List.of("application/json"));

    assertThat(csv.mediaType()).isEqualTo("text/csv");
    assertThat(new String(csv.body(), StandardCharsets.UTF_8).split("\r?\n"))
        .containsExactly(
            "product,activity",
            Vocab.productIri("crab-0001") + "," + Vocab.depositIri("d-1") + "/ingest",
            Vocab.productIri("crab-0001") + "," + Vocab.depositIri("d-2") + "/ingest");
    assertThat(xml.mediaType()).isEqualTo("application/sparql-results+xml");
    List<QuerySolution> rows = new java.util.ArrayList<>();
    ResultSetMgr.read(new ByteArrayInputStream(xml.body()), ResultSetLang.RS_XML)
        .forEachRemaining(rows::add);
    assertThat(rows)
        .extracting(r -> r.getResource("activity").getURI())
        .containsExactly(Vocab.depositIri("d-1") + "/ingest", Vocab.depositIri("d-2") + "/ingest");
    assertThat(any.mediaType()).isEqualTo("application/sparql-results+json");
    assertThat(select(any)).hasSize(2);
    assertThat(json.mediaType()).isEqualTo("application/sparql-results+json");
  }

  @Test
  void updatesAreRefusedAsReadOnly() {
    store.replace(CRAB, generatedBy("crab-0001", "d-1"));

    for (String update :
        List.of(
            "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            "PREFIX x: <urn:x:> DELETE WHERE { ?s ?p ?o }",
            "CLEAR ALL",
            "LOAD <http://example.org/graph.ttl>")) {
      ArchiveException e = assertRejected(() -> store.query(update, 5_000, 10, List.of()));
      assertThat(e.getMessage()).as(update).contains("read-only");
    }
    assertThat(store.graph(CRAB).size()).isEqualTo(1);
  }

  @Test
  void federatedQueriesAreRefused() {
    store.replace(CRAB, generatedBy("crab-0001", "d-1"));

    ArchiveException e =
        assertRejected(
            () ->
                store.query(
                    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                    5_000,
                    10,
                    List.of()));

    assertThat(e.getMessage()).containsIgnoringCase("SERVICE");
  }

  @Test
  void silentAndNestedServiceClausesAreRefusedToo() {
    store.replace(CRAB, generatedBy("crab-0001", "d-1"));

    for (String query :
        List.of(
            "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
            "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/s> { ?s ?q"
                + " ?x } } }",
            "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } } }"
                + " }",
            "ASK { SERVICE SILENT <http://127.0.0.1:9/s> { ?s ?p ?o } }",
            "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE SILENT <http://127.0.0.1:9/s> { ?s ?p ?o }"
                + " }")) {
      ArchiveException e = assertRejected(() -> store.query(query, 5_000, 10, List.of()));
      assertThat(e.getMessage()).as(query).contains("SERVICE is not accepted");
    }
    // the word in a literal is no SERVICE clause
    assertThat(
            store.query("SELECT * WHERE { ?s ?p \"SERVICE\" }", 5_000, 10, List.of()).mediaType())
        .isNotBlank();
  }

  @Test
  void aReaderSharesOneTimeLimitAcrossItsQueries() {
    store.replace(CRAB, generatedBy("crab-0001", "d-1"));
    org.apache.jena.query.Query query =
        org.apache.jena.query.QueryFactory.create("SELECT * WHERE { ?s ?p ?o }");

    List<QuerySolution> rows =
        store.read(5_000, ErrorCode.BAD_PROVENANCE_REQUEST, r -> r.select(query));
    assertThat(rows).hasSize(1);
    Throwable late =
        catchThrowable(
            () ->
                store.read(
                    20,
                    ErrorCode.BAD_PROVENANCE_REQUEST,
                    r -> {
                      r.select(query);
                      sleep(50);
                      return r.select(query);
                    }));
    assertThat(late).isInstanceOf(ArchiveException.class);
    assertThat(((ArchiveException) late).code()).isEqualTo(ErrorCode.BAD_PROVENANCE_REQUEST);
    assertThat(late.getMessage()).contains("longer than 20 ms");
  }

  @Test
  void containsTellsWhichNamedGraphsExist() {
    store.replace(CRAB, generatedBy("crab-0001", "d-1"));

    assertThat(store.contains(CRAB)).isTrue();
    assertThat(store.contains(PKS)).isFalse();
  }

  @Test
  void clearEmptiesTheStore() {
    store.replace(CRAB, generatedBy("crab-0001", "d-1"));
    store.replace(PKS, generatedBy("pks-0002", "d-2"));

    store.clear();

    assertThat(store.graphCount()).isZero();
    assertThat(store.graph(CRAB).isEmpty()).isTrue();
    assertThat(select(store.query("SELECT * WHERE { ?s ?p ?o }", 5_000))).isEmpty();
  }

  @Test
  void graphsSurviveReopeningTheStore() {
    store.replace(CRAB, generatedBy("crab-0001", "d-1"));
    store.close();

    store = new ProvenanceStore(tmp.resolve("tdb2"));

    assertThat(store.graphCount()).isEqualTo(1);
    assertThat(
            store.graph(CRAB).contains(product("crab-0001"), Vocab.WAS_GENERATED_BY, ingest("d-1")))
        .isTrue();
  }

  private static String[] deposits(int n) {
    String[] deposits = new String[n];
    for (int i = 0; i < n; i++) {
      deposits[i] = "d-" + i;
    }
    return deposits;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Model generatedBy(String productId, String... deposits) {
    Model model = ModelFactory.createDefaultModel();
    for (String deposit : deposits) {
      model.add(product(productId), Vocab.WAS_GENERATED_BY, ingest(deposit));
    }
    return model;
  }

  private static Resource product(String productId) {
    return ModelFactory.createDefaultModel().createResource(Vocab.productIri(productId));
  }

  private static Resource ingest(String depositId) {
    return ModelFactory.createDefaultModel()
        .createResource(Vocab.depositIri(depositId) + "/ingest");
  }

  private static List<QuerySolution> select(ProvenanceStore.Answer answer) {
    ResultSet results =
        ResultSetMgr.read(new ByteArrayInputStream(answer.body()), ResultSetLang.RS_JSON);
    List<QuerySolution> rows = new java.util.ArrayList<>();
    results.forEachRemaining(rows::add);
    return rows;
  }

  private static boolean ask(ProvenanceStore.Answer answer) {
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"boolean\"");
    return ResultSetMgr.readBoolean(new ByteArrayInputStream(answer.body()), ResultSetLang.RS_JSON);
  }

  private static ArchiveException assertRejected(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(ArchiveException.class);
    ArchiveException e = (ArchiveException) thrown;
    assertThat(e.code()).isEqualTo(ErrorCode.SPARQL_REJECTED);
    return e;
  }
}
