package org.dpps.archive.access.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dpps.archive.access.domain.AccessEvent;
import org.dpps.archive.access.domain.CatalogueRepository;
import org.dpps.archive.access.domain.ProvenanceGraphs;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.schemas.rdf.Vocab;
import org.dpps.archive.storage.api.Storage;
import org.dpps.archive.storage.domain.DerivedStores;

/**
 * Makes the three stores derived from storage agree with it again: every stored head version must
 * be the version of the product's catalogue row, of its search-index document (read from the index
 * itself) and of its provenance graph (present in the graph store, recorded as written after the
 * graph store committed). Whatever differs (missing or older, after a crash between the commit of
 * an AIP and its indexing, or between the three stores' own commits) is written again from the
 * stored AIP, and reported as a {@code CATALOGUE_RECONCILED} event. Runs at start-up and after each
 * quick audit; no full rebuild is needed.
 */
@ApplicationScoped
public class CatalogueReconciliation implements DerivedStores {
  static final int SAMPLE = 20;
  private static final System.Logger LOG =
      System.getLogger(CatalogueReconciliation.class.getName());
  private Storage storage;
  private CatalogueRepository repository;
  private ProvenanceGraphs graphs;
  private Catalogue catalogue;
  private EventLog events;
  private Clock clock;

  protected CatalogueReconciliation() {}

  @Inject
  public CatalogueReconciliation(
      Storage storage,
      CatalogueRepository repository,
      ProvenanceGraphs graphs,
      Catalogue catalogue,
      EventLog events,
      Clock clock) {
    this.storage = storage;
    this.repository = repository;
    this.graphs = graphs;
    this.catalogue = catalogue;
    this.events = events;
    this.clock = clock;
  }

  /**
   * What one derived store lacked: products it did not have at all ({@code missing}) and products
   * it had at another version ({@code stale}), with a sample of their ids.
   */
  public record StoreDrift(int missing, int stale, List<String> sample) {
    boolean agrees() {
      return missing == 0 && stale == 0;
    }
  }

  /**
   * A reconciliation: the stored heads compared, the drift of each derived store, the products a
   * derived store has that storage does not ({@code notInStorage}, reported, never removed: storage
   * is the truth, and its listing may be partial during a replica outage), how many products were
   * written again, and whether all four stores agree afterwards.
   */
  public record Report(
      long storedHeads,
      StoreDrift catalogue,
      StoreDrift index,
      StoreDrift graph,
      List<String> notInStorage,
      int repaired,
      boolean agree,
      long millis) {}

  @Override
  public void reconcile() {
    run();
  }

  /** Compares, repairs, compares again; an event when anything differed. */
  public synchronized Report run() {
    Instant start = clock.instant();
    // the derived stores first, the heads second: a version committed in between looks missing
    // (and is written once more, harmlessly), never as a derived entry storage does not have
    Derived before = Derived.read(repository, graphs);
    Map<ProductId, Integer> heads = storedHeads();
    Comparison found = Comparison.of(heads, before);
    List<ProductId> repair = new ArrayList<>(found.drifted());
    if (!repair.isEmpty()) {
      catalogue.indexAll(repair);
    }
    Comparison after =
        repair.isEmpty() ? found : Comparison.of(heads, Derived.read(repository, graphs));
    Report report =
        new Report(
            heads.size(),
            found.catalogue(),
            found.index(),
            found.graph(),
            found.notInStorage(),
            repair.size(),
            after.drifted().isEmpty(),
            Duration.between(start, clock.instant()).toMillis());
    if (!repair.isEmpty() || !found.notInStorage().isEmpty()) {
      record(report);
    }
    return report;
  }

  private Map<ProductId, Integer> storedHeads() {
    Map<ProductId, Integer> heads = new HashMap<>();
    try (Stream<ProductId> ids = storage.productIds()) {
      ids.forEach(id -> storage.head(id).ifPresent(h -> heads.put(id, h.version())));
    }
    return heads;
  }

  private void record(Report r) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("storedHeads", r.storedHeads());
    detail.put("catalogue", drift(r.catalogue()));
    detail.put("index", drift(r.index()));
    detail.put("graph", drift(r.graph()));
    detail.put("notInStorage", r.notInStorage());
    detail.put("repaired", r.repaired());
    detail.put("agree", r.agree());
    events.append(
        AccessEvent.CATALOGUE_RECONCILED,
        r.agree() && r.notInStorage().isEmpty()
            ? ArchiveEvent.Outcome.SUCCESS
            : ArchiveEvent.Outcome.FAILURE,
        null,
        null,
        "dpps-archive/access",
        detail);
    LOG.log(
        System.Logger.Level.WARNING,
        "Catalogue reconciled with storage: {0} products written again (catalogue {1}, index {2},"
            + " graph {3}), {4} not in storage, agree: {5}",
        r.repaired(),
        r.catalogue(),
        r.index(),
        r.graph(),
        r.notInStorage().size(),
        r.agree());
  }

  private static Map<String, Object> drift(StoreDrift d) {
    return Map.of("missing", d.missing(), "stale", d.stale(), "sample", d.sample());
  }

  /** What the derived stores hold: versions by product, and the graph store's graph names. */
  private record Derived(
      Map<ProductId, Integer> rows,
      Map<ProductId, Integer> index,
      Map<ProductId, Integer> graphVersions,
      Set<String> graphNames) {
    static Derived read(CatalogueRepository repository, ProvenanceGraphs graphs) {
      return new Derived(
          repository.versions(),
          repository.indexedVersions(),
          repository.graphVersions(),
          graphs.graphNames());
    }
  }

  /** The heads against the derived stores. */
  private record Comparison(
      StoreDrift catalogue,
      StoreDrift index,
      StoreDrift graph,
      Set<ProductId> drifted,
      List<String> notInStorage) {

    static Comparison of(Map<ProductId, Integer> heads, Derived d) {
      Tally rows = new Tally();
      Tally index = new Tally();
      Tally graph = new Tally();
      Set<ProductId> drifted = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
      Set<String> expectedGraphs = new HashSet<>();
      heads.forEach(
          (id, version) -> {
            String graphName = Vocab.graphName(id.value());
            expectedGraphs.add(graphName);
            boolean a = rows.check(id, version, d.rows().get(id));
            boolean b = index.check(id, version, d.index().get(id));
            boolean c =
                graph.check(
                    id,
                    version,
                    d.graphNames().contains(graphName)
                        ? d.graphVersions().getOrDefault(id, 0)
                        : null);
            if (a || b || c) {
              drifted.add(id);
            }
          });
      Set<String> orphans = new TreeSet<>();
      Stream.concat(d.rows().keySet().stream(), d.index().keySet().stream())
          .filter(id -> !heads.containsKey(id))
          .forEach(id -> orphans.add(id.value()));
      d.graphNames().stream()
          .filter(name -> !expectedGraphs.contains(name))
          .forEach(name -> orphans.add(name));
      return new Comparison(
          rows.drift(), index.drift(), graph.drift(), drifted, List.copyOf(orphans));
    }
  }

  /** Counts one store's missing and stale products. */
  private static final class Tally {
    private int missing;
    private int stale;
    private final List<String> sample = new ArrayList<>();

    /** True when the store's version (null: absent) is not the stored head's. */
    boolean check(ProductId id, int head, Integer held) {
      if (held != null && held == head) {
        return false;
      }
      if (held == null) {
        missing++;
      } else {
        stale++;
      }
      if (sample.size() < SAMPLE) {
        sample.add(id.value());
      }
      return true;
    }

    StoreDrift drift() {
      List<String> sorted = new ArrayList<>(sample);
      sorted.sort(null);
      return new StoreDrift(missing, stale, sorted);
    }
  }
}
