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
import org.dpps.archive.schemas.error.ArchiveException;
import org.dpps.archive.schemas.error.ErrorCode;
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
