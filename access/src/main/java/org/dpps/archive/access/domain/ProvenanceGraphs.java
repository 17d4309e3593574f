package org.dpps.archive.access.domain;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Port: the provenance graph, one named graph per product (its PROV-O graph and any CWLProv graph
 * it came with). A product's documents are parsed first, then stored together with those of other
 * products in one write.
 */
public interface ProvenanceGraphs {
  /**
   * Parses RDF documents into one graph: the first, and the statements of the others. Each document
   * is opened (and read) in turn.
   *
   * @throws RuntimeException if a document cannot be opened or is not valid RDF
   */
  ParsedGraph parse(List<RdfDocument> documents);

  /**
   * Replaces several named graphs (graph name to graph {@link #parse parsed} by this store) in one
   * write transaction.
   */
  void replaceAll(Map<String, ParsedGraph> graphs);

  /** Removes every named graph. */
  void clear();

  /** The names of every named graph. */
  java.util.Set<String> graphNames();

  /** How many named graphs there are. */
  long graphCount();

  /** A graph parsed by {@link #parse}, to be stored by the same store. */
  interface ParsedGraph {}

  /** The RDF serializations a provenance document may be in. */
  enum RdfSyntax {
    TURTLE,
    N_TRIPLES
  }

  /**
   * An RDF document.
   *
   * @param content opens the document; called once, when it is parsed
   */
  record RdfDocument(RdfSyntax syntax, Supplier<InputStream> content) {
    public RdfDocument {
      Objects.requireNonNull(syntax, "syntax");
      Objects.requireNonNull(content, "content");
    }
  }
}
