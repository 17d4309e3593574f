package org.dpps.archive.access.infrastructure.graph;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.tdb2.TDB2Factory;
import org.apache.jena.update.UpdateFactory;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * The provenance graph: a Jena TDB2 dataset with one named graph per product (its PROV-O graph and
 * any CWLProv graph it came with). The default graph of queries is the union of all named graphs.
 */
public final class ProvenanceStore implements AutoCloseable {
  private static final List<String> SELECT_TYPES =
      List.of(RdfFormats.RESULTS_JSON, RdfFormats.CSV, RdfFormats.RESULTS_XML, RdfFormats.TSV);
  private static final List<String> ASK_TYPES =
      List.of(RdfFormats.RESULTS_JSON, RdfFormats.RESULTS_XML);
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

  /** The names of every named graph. */
  public java.util.Set<String> graphNames() {
    return dataset.calculateRead(
        () -> {
          java.util.Set<String> names = new java.util.HashSet<>();
          dataset.listNames().forEachRemaining(names::add);
          return names;
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

  /** Whether the store holds the named graph {@code name}. */
  public boolean contains(String name) {
    return dataset.calculateRead(() -> dataset.containsNamedModel(name));
  }

  /**
   * An answer to a SPARQL query: its media type and bytes, the cap put on the number of solutions
   * (absent for ASK), and for SELECT whether solutions beyond the cap were left out.
   */
  public record Answer(
      String mediaType, byte[] body, OptionalLong resultLimit, Optional<Boolean> truncated) {}

  /**
   * Runs a read-only SPARQL query with a time limit, uncapped, answering JSON results or Turtle.
   *
   * @throws ArchiveException {@code ACCESS-005} when it is not a query or takes too long
   */
  public Answer query(String sparql, long timeoutMillis) {
    return query(sparql, timeoutMillis, Long.MAX_VALUE, List.of());
  }

  /**
   * Runs a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) with a time limit and at most
   * {@code maxResults} solutions: a query without a LIMIT, or with a larger one, is cut there (a
   * SELECT says so in {@link Answer#truncated()}). SPARQL Update is refused, and so is SERVICE.
   *
   * @param accepted the client's media ranges in order of preference: SELECT answers {@link
   *     RdfFormats#RESULTS_JSON} (default), {@link RdfFormats#CSV}, {@link RdfFormats#RESULTS_XML}
   *     or {@link RdfFormats#TSV}; ASK JSON or XML; CONSTRUCT and DESCRIBE {@link
   *     RdfFormats#GRAPHS}
   * @throws ArchiveException {@code ACCESS-005} when it is not a read-only query, cannot run, or
   *     takes too long
   */
  public Answer query(String sparql, long timeoutMillis, long maxResults, List<String> accepted) {
    Query query = parseQuery(sparql);
    List<String> ranges = accepted.stream().map(ProvenanceStore::alias).toList();
    boolean capped = !query.isAskType() && maxResults < Long.MAX_VALUE;
    if (capped && (!query.hasLimit() || query.getLimit() > maxResults)) {
      // one solution more than the cap tells a SELECT that there were more
      query.setLimit(query.isSelectType() ? maxResults + 1 : maxResults);
    }
    OptionalLong limit = capped ? OptionalLong.of(maxResults) : OptionalLong.empty();
    return dataset.calculateRead(
        () -> {
          try (QueryExecution exec =
              QueryExecution.dataset(dataset)
                  .query(query)
                  .set(ARQ.httpServiceAllowed, false)
                  .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                  .build()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (query.isSelectType()) {
              String type = RdfFormats.choose(ranges, SELECT_TYPES);
              ResultSet results = exec.execSelect();
              List<Binding> rows = new ArrayList<>();
              while (results.hasNext() && rows.size() < maxResults) {
                rows.add(results.nextBinding());
              }
              boolean truncated = results.hasNext();
              RowSet kept =
                  RowSetStream.create(Var.varList(results.getResultVars()), rows.iterator());
              ResultSetFormatter.output(out, ResultSet.adapt(kept), RdfFormats.resultLang(type));
              return new Answer(type, out.toByteArray(), limit, Optional.of(truncated));
            } else if (query.isAskType()) {
              String type = RdfFormats.choose(ranges, ASK_TYPES);
              ResultSetFormatter.output(out, exec.execAsk(), RdfFormats.resultLang(type));
              return new Answer(type, out.toByteArray(), limit, Optional.empty());
            } else {
              String type = RdfFormats.choose(ranges, RdfFormats.GRAPHS);
              Model result = query.isConstructType() ? exec.execConstruct() : exec.execDescribe();
              return new Answer(type, RdfFormats.write(result, type), limit, Optional.empty());
            }
          } catch (QueryCancelledException e) {
            throw tookTooLong(ErrorCode.SPARQL_REJECTED, timeoutMillis);
          } catch (QueryException e) {
            // SERVICE refused, an expression that cannot be evaluated, ...
            throw new ArchiveException(
                ErrorCode.SPARQL_REJECTED, "The query cannot run: " + e.getMessage(), null, e);
          }
        });
  }

  /** Plain JSON and XML stand for the SPARQL result formats. */
  private static String alias(String range) {
    String type = range.toLowerCase(java.util.Locale.ROOT).split(";", 2)[0].trim();
    return switch (type) {
      case "application/json" -> RdfFormats.RESULTS_JSON;
      case "application/xml", "text/xml" -> RdfFormats.RESULTS_XML;
      default -> type;
    };
  }

  private static Query parseQuery(String sparql) {
    try {
      Query query = QueryFactory.create(sparql);
      if (callsService(query)) {
        // refused up front: at run time SERVICE SILENT would turn the refusal into no answer
        throw new ArchiveException(
            ErrorCode.SPARQL_REJECTED,
            "SERVICE is not accepted: queries run on this archive's provenance graph only");
      }
      return query;
    } catch (QueryParseException e) {
      if (isUpdate(sparql)) {
        throw new ArchiveException(
            ErrorCode.SPARQL_REJECTED,
            "SPARQL Update is not accepted: the provenance graph is read-only");
      }
      throw new ArchiveException(
          ErrorCode.SPARQL_REJECTED, "Not a SPARQL query: " + e.getMessage(), null, e);
    }
  }

  /** Whether the query (its subqueries included) has a SERVICE clause, SILENT or not. */
  static boolean callsService(Query query) {
    if (query.getQueryPattern() == null) {
      return false; // DESCRIBE <iri> without WHERE
    }
    boolean[] found = {false};
    OpWalker.walk(
        Algebra.compile(query.getQueryPattern()),
        new OpVisitorBase() {
          @Override
          public void visit(OpService op) {
            found[0] = true;
          }
        });
    return found[0];
  }

  private static boolean isUpdate(String sparql) {
    try {
      UpdateFactory.create(sparql);
      return true;
    } catch (QueryParseException e) {
      return false;
    }
  }

  /**
   * Runs {@code work} in one read transaction; every query it makes through the {@link Reader}
   * shares one time limit.
   *
   * @param onTimeout the code of the problem raised when the time is up
   */
  public <T> T read(long timeoutMillis, ErrorCode onTimeout, Function<Reader, T> work) {
    Reader reader = new Reader(timeoutMillis, onTimeout);
    return dataset.calculateRead(() -> work.apply(reader));
  }

  /** Queries of one read transaction, against the union of the named graphs. */
  public final class Reader {
    private final long limitMillis;
    private final long deadline;
    private final ErrorCode onTimeout;

    private Reader(long limitMillis, ErrorCode onTimeout) {
      this.limitMillis = limitMillis;
      this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis);
      this.onTimeout = onTimeout;
    }

    /** The solutions of a SELECT, read in full, within what is left of the time limit. */
    public List<QuerySolution> select(Query query) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw tookTooLong(onTimeout, limitMillis);
      }
      try (QueryExecution exec =
          QueryExecution.dataset(dataset)
              .query(query)
              .set(ARQ.httpServiceAllowed, false)
              .timeout(left, TimeUnit.MILLISECONDS)
              .build()) {
        List<QuerySolution> rows = new ArrayList<>();
        exec.execSelect().forEachRemaining(rows::add);
        return rows;
      } catch (QueryCancelledException e) {
        throw tookTooLong(onTimeout, limitMillis);
      }
    }
  }

  private static ArchiveException tookTooLong(ErrorCode code, long timeoutMillis) {
    return new ArchiveException(
        code, "The query took longer than " + timeoutMillis + " ms and was cancelled");
  }

  @Override
  public void close() {
    dataset.close();
  }
}
