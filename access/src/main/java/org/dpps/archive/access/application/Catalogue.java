package org.dpps.archive.access.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpps.archive.access.domain.CatalogueEntry;
import org.dpps.archive.access.domain.CatalogueRepository;
import org.dpps.archive.access.domain.ProvenanceGraphs;
import org.dpps.archive.access.domain.ProvenanceGraphs.ParsedGraph;
import org.dpps.archive.access.domain.ProvenanceGraphs.RdfDocument;
import org.dpps.archive.access.domain.ProvenanceGraphs.RdfSyntax;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.schemas.rdf.Vocab;
import org.dpps.archive.storage.api.Storage;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.AipVersionsCommitted;
import org.dpps.archive.storage.domain.ContentLookup;
import org.dpps.archive.storage.domain.StoredFile;

/**
 * The catalogue and the provenance graph, both derived from the AIPs in storage: each committed
 * version is indexed when it is announced; {@link CatalogueReconciliation} repairs what a crash
 * left behind; a rebuild recreates both from storage alone.
 */
@ApplicationScoped
public class Catalogue implements ContentLookup, org.dpps.archive.storage.domain.CatalogueListing {
  static final int BATCH = 500;
  private static final System.Logger LOG = System.getLogger(Catalogue.class.getName());
  private Storage storage;
  private CatalogueRepository repository;
  private ProvenanceGraphs graphs;
  private org.dpps.archive.platform.events.EventLog events;

  protected Catalogue() {}

  @Inject
  public Catalogue(
      Storage storage,
      CatalogueRepository repository,
      ProvenanceGraphs graphs,
      org.dpps.archive.platform.events.EventLog events) {
    this.storage = storage;
    this.repository = repository;
    this.graphs = graphs;
    this.events = events;
  }

  /** Counts of what the catalogue, the graph and the search index hold. */
  public record Counts(long products, long files, long graphs, long indexed) {}

  void onCommitted(@Observes AipVersionsCommitted event) {
    List<ProductId> ids = event.versions().stream().map(v -> v.productId()).distinct().toList();
    try {
      indexAll(ids);
    } catch (RuntimeException e) {
      // the AIPs are safe in storage; the next start-up reconciliation indexes them
      LOG.log(
          System.Logger.Level.WARNING,
          "ACCESS-500 Cannot index " + ids.size() + " committed products now",
          e);
    }
  }

  /** Indexes the head version of a stored product: catalogue row, Lucene document, named graph. */
  public void index(ProductId productId) {
    indexAll(List.of(productId));
  }

  /**
   * Indexes the heads of the given products in batches: one database transaction (one Lucene
   * commit) and one graph transaction per batch.
   */
  public void indexAll(List<ProductId> productIds) {
    for (int from = 0; from < productIds.size(); from += BATCH) {
      List<ProductId> batch = productIds.subList(from, Math.min(productIds.size(), from + BATCH));
      Map<String, ParsedGraph> graphsByName = new LinkedHashMap<>();
      List<CatalogueEntry> rows = new ArrayList<>();
      for (ProductId productId : batch) {
        AipVersion head =
            storage
                .head(productId)
                .orElseThrow(() -> new IllegalStateException("Not in storage: " + productId));
        rows.add(
            new CatalogueEntry(
                DescriptiveRecord.fromJson(read(head, "metadata/descriptive.json")),
                head.version()));
        graphsByName.put(Vocab.graphName(productId.value()), graphOf(head));
      }
      repository.upsertAll(rows);
      graphs.replaceAll(graphsByName);
      // only once the graph store committed: a crash before leaves the graph to be written again
      Map<ProductId, Integer> written = new LinkedHashMap<>();
      rows.forEach(r -> written.put(new ProductId(r.record().productId()), r.version()));
      repository.graphsWritten(written);
    }
  }

  /** The product's PROV-O graph and any CWLProv graph it came with, parsed into one graph. */
  private ParsedGraph graphOf(AipVersion head) {
    List<RdfDocument> documents = new ArrayList<>();
    documents.add(new RdfDocument(RdfSyntax.TURTLE, () -> stream(head, "metadata/provenance.ttl")));
    head.files().keySet().stream()
        .filter(p -> p.startsWith("metadata/cwlprov/") && (p.endsWith(".ttl") || p.endsWith(".nt")))
        .forEach(
            p ->
                documents.add(
                    new RdfDocument(
                        p.endsWith(".ttl") ? RdfSyntax.TURTLE : RdfSyntax.N_TRIPLES,
                        () -> stream(head, p))));
    return graphs.parse(documents);
  }

  /**
   * What a rebuild found: the counts before and after, and the objects in storage. {@code matches}:
   * the rebuilt catalogue and graph hold exactly one entry per stored object; {@code unchanged}:
   * the counts after equal the counts before (false when something had been lost).
   */
  public record Rebuild(
      Counts before, Counts after, long storedObjects, boolean matches, boolean unchanged) {}

  /**
   * Drops catalogue, index and graph, and recreates them from storage alone; the counts after are
   * compared with the counts before and with the number of objects stored.
   */
  public Rebuild rebuild() {
    Counts before = counts();
    repository.deleteAll();
    graphs.clear();
    List<ProductId> stored;
    try (Stream<ProductId> ids = storage.productIds()) {
      stored = ids.filter(id -> storage.head(id).isPresent()).toList();
    }
    indexAll(stored);
    Counts after = counts();
    boolean matches =
        after.products() == stored.size()
            && after.graphs() == stored.size()
            && after.indexed() == stored.size();
    boolean unchanged =
        before.products() == after.products()
            && before.files() == after.files()
            && before.graphs() == after.graphs();
    Rebuild rebuild = new Rebuild(before, after, stored.size(), matches, unchanged);
    events.append(
        org.dpps.archive.access.domain.AccessEvent.CATALOGUE_REBUILT,
        matches
            ? org.dpps.archive.platform.events.ArchiveEvent.Outcome.SUCCESS
            : org.dpps.archive.platform.events.ArchiveEvent.Outcome.FAILURE,
        null,
        null,
        "dpps-archive/access",
        java.util.Map.of(
            "storedObjects", stored.size(),
            "productsBefore", before.products(),
            "productsAfter", after.products(),
            "filesAfter", after.files(),
            "graphsAfter", after.graphs()));
    return rebuild;
  }

  @Override
  public Stream<ProductId> catalogued() {
    return repository.productIds();
  }

  @Override
  public boolean isCatalogued(ProductId productId) {
    return repository.contains(productId);
  }

  public Counts counts() {
    CatalogueRepository.Totals rows = repository.totals();
    return new Counts(
        rows.products(), rows.files(), graphs.graphCount(), repository.indexedCount());
  }

  /** The descriptive record the catalogue holds for a product. */
  public Optional<DescriptiveRecord> record(ProductId productId) {
    return repository.record(productId);
  }

  @Override
  public Optional<ProductId> productWithFile(String sha512) {
    return repository.productWithFile(sha512);
  }

  private static byte[] read(AipVersion version, String path) {
    try (InputStream in = stream(version, path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(AipVersion version, String path) {
    StoredFile file =
        version
            .file(path)
            .orElseThrow(() -> new IllegalStateException(version.productId() + " has no " + path));
    try {
      return Files.newInputStream(file.location());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
