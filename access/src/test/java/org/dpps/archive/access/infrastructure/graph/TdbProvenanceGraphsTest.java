package org.dpps.archive.access.infrastructure.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ResourceFactory;
import org.dpps.archive.access.domain.ProvenanceGraphs.ParsedGraph;
import org.dpps.archive.access.domain.ProvenanceGraphs.RdfDocument;
import org.dpps.archive.access.domain.ProvenanceGraphs.RdfSyntax;
import org.dpps.archive.platform.config.PlatformSettings;
import org.dpps.archive.schemas.rdf.Vocab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provenance graphs port over a real TDB2 store: a product's documents (its PROV-O Turtle and
 * CWLProv Turtle or N-Triples) are parsed in order into one graph with the prefixes of the first,
 * and graphs are replaced, counted and cleared.
 */
class TdbProvenanceGraphsTest {
  static final String A = Vocab.productIri("prod-a");
  static final String B = Vocab.productIri("prod-b");
  static final String PROVENANCE =
      "@prefix prov: <"
          + Vocab.PROV
          + "> . @prefix ctao: <"
          + Vocab.CTAO
          + "> . <"
          + B
          + "> ctao:productId \"prod-b\" ; prov:wasDerivedFrom <"
          + A
          + "> .";
  static final String CWLPROV_TTL =
      "<urn:ctao:activity:run> <" + Vocab.PROV + "used> <" + A + "> .";
  static final String CWLPROV_NT =
      "<urn:ctao:activity:run> <" + Vocab.PROV + "wasAssociatedWith> <urn:ctao:agent:cwl> .\n";

  @TempDir Path tmp;
  TdbProvenanceGraphs graphs;

  @BeforeEach
  void open() {
    graphs = new TdbProvenanceGraphs(PlatformSettings.embedded(tmp));
  }

  @AfterEach
  void close() {
    graphs.close();
  }

  @Test
  void theDocumentsOfAProductAreParsedInOrderIntoOneGraphWithThePrefixesOfTheFirst() {
    List<String> opened = new ArrayList<>();
    ParsedGraph parsed =
        graphs.parse(
            List.of(
                document(RdfSyntax.TURTLE, PROVENANCE, "provenance.ttl", opened),
                document(RdfSyntax.TURTLE, CWLPROV_TTL, "cwlprov/a.ttl", opened),
                document(RdfSyntax.N_TRIPLES, CWLPROV_NT, "cwlprov/b.nt", opened)));

    graphs.replaceAll(Map.of(Vocab.graphName("prod-b"), parsed));

    assertThat(opened).containsExactly("provenance.ttl", "cwlprov/a.ttl", "cwlprov/b.nt");
    Model stored = graphs.store().graph(Vocab.graphName("prod-b"));
    assertThat(stored.size()).isEqualTo(4);
    assertThat(stored.contains(r(B), Vocab.WAS_DERIVED_FROM, r(A))).isTrue();
    assertThat(stored.contains(r("urn:ctao:activity:run"), Vocab.USED, r(A))).isTrue();
    assertThat(
            stored.contains(
                r("urn:ctao:activity:run"), Vocab.WAS_ASSOCIATED_WITH, r("urn:ctao:agent:cwl")))
        .isTrue();
    Model model = ((TdbProvenanceGraphs.JenaGraph) parsed).model();
    assertThat(model.isIsomorphicWith(stored)).isTrue();
    assertThat(model.getNsPrefixURI("prov")).isEqualTo(Vocab.PROV);
    assertThat(model.getNsPrefixURI("ctao")).isEqualTo(Vocab.CTAO);
  }

  @Test
  void graphsAreReplacedByNameCountedAndCleared() {
    Map<String, ParsedGraph> first = new LinkedHashMap<>();
    first.put(Vocab.graphName("prod-a"), turtle(CWLPROV_TTL));
    first.put(Vocab.graphName("prod-b"), turtle(PROVENANCE));
    graphs.replaceAll(first);
    assertThat(graphs.graphCount()).isEqualTo(2);

    graphs.replaceAll(Map.of(Vocab.graphName("prod-b"), turtle(CWLPROV_TTL)));

    assertThat(graphs.graphCount()).isEqualTo(2);
    Model b = graphs.store().graph(Vocab.graphName("prod-b"));
    assertThat(b.size()).isEqualTo(1);
    assertThat(b.contains(r(B), Vocab.WAS_DERIVED_FROM, r(A))).isFalse();
    graphs.clear();
    assertThat(graphs.graphCount()).isZero();
  }

  @Test
  void onlyGraphsParsedByTheStoreCanBeStored() {
    ParsedGraph foreign = new ParsedGraph() {};

    assertThatThrownBy(() -> graphs.replaceAll(Map.of(Vocab.graphName("prod-a"), foreign)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(graphs.graphCount()).isZero();
  }

  private ParsedGraph turtle(String text) {
    return graphs.parse(List.of(document(RdfSyntax.TURTLE, text, "doc", new ArrayList<>())));
  }

  private static RdfDocument document(
      RdfSyntax syntax, String text, String name, List<String> opened) {
    Supplier<InputStream> content =
        () -> {
          opened.add(name);
          return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        };
    return new RdfDocument(syntax, content);
  }

  private static org.apache.jena.rdf.model.Resource r(String iri) {
    return ResourceFactory.createResource(iri);
  }
}
