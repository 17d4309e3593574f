package org.dpps.archive.access.infrastructure.graph;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.dpps.archive.access.domain.ProvenanceGraphs;
import org.dpps.archive.platform.config.PlatformSettings;

/** The application's TDB2 provenance store, opened on first use. */
@ApplicationScoped
public class TdbProvenanceGraphs implements ProvenanceGraphs {
  private PlatformSettings settings;
  private ProvenanceStore store;

  protected TdbProvenanceGraphs() {}

  @Inject
  public TdbProvenanceGraphs(PlatformSettings settings) {
    this.settings = settings;
  }

  public synchronized ProvenanceStore store() {
    if (store == null) {
      store = new ProvenanceStore(settings.home().resolve("tdb2"));
    }
    return store;
  }

  @PreDestroy
  synchronized void close() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  /** A parsed graph: a Jena model. */
  record JenaGraph(Model model) implements ParsedGraph {}

  @Override
  public ParsedGraph parse(List<RdfDocument> documents) {
    Model graph = null;
    for (RdfDocument document : documents) {
      Model parsed = ProvenanceStore.parse(document.content().get(), lang(document.syntax()));
      if (graph == null) {
        graph = parsed;
      } else {
        graph.add(parsed);
      }
    }
    return new JenaGraph(graph == null ? ModelFactory.createDefaultModel() : graph);
  }

  private static Lang lang(RdfSyntax syntax) {
    return switch (syntax) {
      case TURTLE -> Lang.TURTLE;
      case N_TRIPLES -> Lang.NTRIPLES;
    };
  }

  @Override
  public void replaceAll(Map<String, ParsedGraph> graphs) {
    Map<String, Model> models = new LinkedHashMap<>();
    graphs.forEach((name, graph) -> models.put(name, model(graph)));
    store().replaceAll(models);
  }

  private static Model model(ParsedGraph graph) {
    if (graph instanceof JenaGraph jena) {
      return jena.model();
    }
    throw new IllegalArgumentException("Not a graph parsed by this store: " + graph);
  }

  @Override
  public void clear() {
    store().clear();
  }

  @Override
  public java.util.Set<String> graphNames() {
    return store().graphNames();
  }

  @Override
  public long graphCount() {
    return store().graphCount();
  }
}
