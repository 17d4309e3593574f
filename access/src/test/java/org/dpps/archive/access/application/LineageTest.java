package org.dpps.archive.access.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFLanguages;
import org.dpps.archive.access.domain.LineageGraph;
import org.dpps.archive.access.domain.LineageQuery;
import org.dpps.archive.access.domain.LineageQuery.Direction;
import org.dpps.archive.access.domain.ProvenanceGraphs.RdfDocument;
import org.dpps.archive.access.domain.ProvenanceGraphs.RdfSyntax;
import org.dpps.archive.access.infrastructure.graph.RdfFormats;
import org.dpps.archive.access.infrastructure.graph.TdbLineage;
import org.dpps.archive.access.infrastructure.graph.TdbProvenanceGraphs;
import org.dpps.archive.platform.config.PlatformSettings;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.schemas.rdf.Vocab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lineage use case over the real TDB2 lineage reader: the statements the provenance endpoint
 * writes are the walked graph, and the document is the reader's. The walk itself is {@code
 * TdbLineageTest}.
 */
class LineageTest {
  static final String A = Vocab.productIri("prod-a");
  static final String B = Vocab.productIri("prod-b");

  @TempDir Path tmp;
  TdbProvenanceGraphs graphs;
  TdbLineage reader;
  Lineage lineage;

  @BeforeEach
  void storeTwoProducts() {
    graphs = new TdbProvenanceGraphs(PlatformSettings.embedded(tmp));
    reader = new TdbLineage(graphs);
    lineage = new Lineage(reader);
    graphs.replaceAll(
        Map.of(
            Vocab.graphName("prod-a"),
            graphs.parse(List.of(turtle("<" + A + "> <" + Vocab.CTAO + "productId> \"prod-a\" ."))),
            Vocab.graphName("prod-b"),
            graphs.parse(
                List.of(
                    turtle(
                        "<"
                            + B
                            + "> <"
                            + Vocab.CTAO
                            + "productId> \"prod-b\" ; <"
                            + Vocab.PROV
                            + "wasDerivedFrom> <"
                            + A
                            + "> .")))));
  }

  @AfterEach
  void close() {
    graphs.store().close();
  }

  @Test
  void theStatementsAreTheWalkedGraphAsTurtleOrNTriples() {
    LineageQuery query = query("prod-b", Direction.BOTH);
    Model walked = reader.graph(query);

    // JSON-LD is left out: its writer needs the JSON-P provider of the server
    for (String type : List.of(RdfFormats.TURTLE, RdfFormats.N_TRIPLES)) {
      Model written = ModelFactory.createDefaultModel();
      RDFDataMgr.read(
          written,
          new ByteArrayInputStream(lineage.statements(query, type)),
          RDFLanguages.contentTypeToLang(type));
      assertThat(written.isIsomorphicWith(walked)).as(type).isTrue();
    }
    assertThat(walked.contains(null, Vocab.WAS_DERIVED_FROM, walked.createResource(A))).isTrue();
  }

  @Test
  void theDocumentIsTheReadersAndAnUnknownProductIsNotFound() {
    LineageGraph document = lineage.document(query("prod-b", Direction.UPSTREAM));

    assertThat(document).isEqualTo(reader.document(query("prod-b", Direction.UPSTREAM)));
    assertThat(document.nodes()).extracting(LineageGraph.Node::id).containsExactly(B, A);
    ArchiveException e =
        catchThrowableOfType(
            ArchiveException.class,
            () -> lineage.statements(query("no-such-product", Direction.UPSTREAM), "text/turtle"));
    assertThat(e.code()).isEqualTo(ErrorCode.PRODUCT_NOT_FOUND);
  }

  private static RdfDocument turtle(String text) {
    return new RdfDocument(
        RdfSyntax.TURTLE, () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static LineageQuery query(String product, Direction direction) {
    return new LineageQuery(new ProductId(product), direction, 1);
  }
}
