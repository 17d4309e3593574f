package org.dpps.archive.access.infrastructure.graph;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.resultset.ResultSetLang;

/** The media types the provenance graph is served in, and the choice among them by Accept. */
public final class RdfFormats {
  public static final String TURTLE = "text/turtle";
  public static final String JSON_LD = "application/ld+json";
  public static final String N_TRIPLES = "application/n-triples";
  public static final String RESULTS_JSON = "application/sparql-results+json";
  public static final String RESULTS_XML = "application/sparql-results+xml";
  public static final String CSV = "text/csv";
  public static final String TSV = "text/tab-separated-values";

  /** The graph media types, Turtle (the default) first. */
  public static final List<String> GRAPHS = List.of(TURTLE, JSON_LD, N_TRIPLES);

  private static final Map<String, RDFFormat> GRAPH_FORMATS =
      Map.of(
          TURTLE, RDFFormat.TURTLE_PRETTY,
          JSON_LD, RDFFormat.JSONLD11,
          N_TRIPLES, RDFFormat.NTRIPLES);
  private static final Map<String, Lang> RESULT_LANGS =
      Map.of(
          RESULTS_JSON, ResultSetLang.RS_JSON,
          RESULTS_XML, ResultSetLang.RS_XML,
          CSV, ResultSetLang.RS_CSV,
          TSV, ResultSetLang.RS_TSV);

  private RdfFormats() {}

  /**
   * The first of {@code offered} that the client accepts, taking its media ranges in order of
   * preference ({@code type/subtype}, {@code type/*}, {@code *}{@code /*}); the first offered (the
   * default) when it accepts none of them or sent no Accept header.
   */
  public static String choose(List<String> accepted, List<String> offered) {
    for (String range : accepted) {
      String r = range.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
      for (String type : offered) {
        if (r.equals(type)
            || r.equals("*/*")
            || (r.endsWith("/*") && type.startsWith(r.substring(0, r.length() - 1)))) {
          return type;
        }
      }
    }
    return offered.get(0);
  }

  /**
   * Writes a graph in one of {@link #GRAPHS}. Turtle uses the model's prefixes; JSON-LD is written
   * without them, so without {@code @context}: every property and {@code @id} a full IRI.
   */
  public static byte[] write(Model model, String mediaType) {
    RDFFormat format = GRAPH_FORMATS.get(mediaType);
    if (format == null) {
      throw new IllegalArgumentException("Not a graph media type: " + mediaType);
    }
    Model written = model;
    if (mediaType.equals(JSON_LD)) {
      written = ModelFactory.createDefaultModel().add(model);
      written.clearNsPrefixMap();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RDFDataMgr.write(out, written, format);
    return out.toByteArray();
  }

  static Lang resultLang(String mediaType) {
    Lang lang = RESULT_LANGS.get(mediaType);
    if (lang == null) {
      throw new IllegalArgumentException("Not a result media type: " + mediaType);
    }
    return lang;
  }
}
