package org.dpps.archive.access.infrastructure.graph;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.tdb2.TDB2Factory;
import org.dpps.archive.schemas.error.ArchiveException;
import org.dpps.archive.schemas.error.ErrorCode;

/**
 * The provenance graph: a Jena TDB2 dataset with one named graph per product (its PROV-O graph and
 * any CWLProv graph it came with). The default graph of queries is the union of all named graphs.
 */
public final class ProvenanceStore implements AutoCloseable {
  private final Dataset dataset;

  public ProvenanceStore(Path directory) {
    this.dataset = TDB2Factory.connectDataset(directory.toString());
    this.dataset.getContext().set(org.apache.jena.tdb2.TDB2.symUnionDefaultGraph, true);
  }

  /** Replaces the named graph {@code name} with {@code model}. */
  public void replace(String name, Model model) {
    replaceAll(java.util.Map.of(name, model));
  }

  /** Replaces several named graphs in one write transaction. */
  public void replaceAll(java.util.Map<String, Model> graphs) {
    dataset.executeWrite(
        () ->
            graphs.forEach(
                (name, model) -> {
                  if (dataset.containsNamedModel(name)) {
                    dataset.removeNamedModel(name);
                  }
                  dataset.addNamedModel(name, model);
                }));
  }

  public void clear() {
    dataset.executeWrite(
        () -> {
          java.util.List<String> names = new java.util.ArrayList<>();
          dataset.listNames().forEachRemaining(names::add);
          names.forEach(dataset::removeNamedModel);
        });
  }

  public long graphCount() {
    return dataset.calculateRead(
        () -> {
          long[] n = {0};
          dataset.listNames().forEachRemaining(x -> n[0]++);
          return n[0];
        });
  }

  /** A copy of the named graph, empty if there is none. */
  public Model graph(String name) {
    return dataset.calculateRead(
        () -> {
          Model copy = ModelFactory.createDefaultModel();
          if (dataset.containsNamedModel(name)) {
            copy.add(dataset.getNamedModel(name));
            copy.setNsPrefixes(dataset.getNamedModel(name).getNsPrefixMap());
          }
          return copy;
        });
  }

  /** Parses a Turtle (or N-Triples) document. */
  public static Model parse(InputStream in, Lang lang) {
    Model model = ModelFactory.createDefaultModel();
    RDFDataMgr.read(model, in, lang);
    return model;
  }

  /** An answer to a SPARQL query: its media type and bytes. */
  public record Answer(String mediaType, byte[] body) {}

  /**
   * Runs a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) with a time limit. Updates are
   * not queries and are refused by the parser.
   */
  public Answer query(String sparql, long timeoutMillis) {
    Query query;
    try {
      query = QueryFactory.create(sparql);
    } catch (QueryParseException e) {
      throw new ArchiveException(
          ErrorCode.SPARQL_REJECTED, "Not a SPARQL query: " + e.getMessage(), null, e);
    }
    return dataset.calculateRead(
        () -> {
          try (QueryExecution exec =
              QueryExecution.dataset(dataset)
                  .query(query)
                  .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                  .build()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (query.isSelectType()) {
              ResultSetFormatter.output(
                  out, exec.execSelect(), org.apache.jena.riot.resultset.ResultSetLang.RS_JSON);
              return new Answer("application/sparql-results+json", out.toByteArray());
            } else if (query.isAskType()) {
              ResultSetFormatter.output(
                  out, exec.execAsk(), org.apache.jena.riot.resultset.ResultSetLang.RS_JSON);
              return new Answer("application/sparql-results+json", out.toByteArray());
            } else {
              Model result = query.isConstructType() ? exec.execConstruct() : exec.execDescribe();
              RDFDataMgr.write(out, result, RDFFormat.TURTLE_PRETTY);
              return new Answer("text/turtle", out.toByteArray());
            }
          } catch (org.apache.jena.query.QueryCancelledException e) {
            throw new ArchiveException(
                ErrorCode.SPARQL_REJECTED,
                "The query took longer than " + timeoutMillis + " ms and was cancelled");
          }
        });
  }

  @Override
  public void close() {
    dataset.close();
  }
}
