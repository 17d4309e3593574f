package org.dpps.archive.planning.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dpps.archive.planning.domain.HoldingRepository;
import org.dpps.archive.planning.domain.ProfiledFile;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.api.Storage;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.AipVersionsCommitted;
import org.dpps.archive.storage.domain.StoredFile;

/**
 * The holdings as preservation planning sees them: every payload file (and CWLProv graph) of each
 * product's head version with its media type and profile tags, read from the stored files' own
 * headers. Updated when versions are committed; at start-up, products whose catalogued head is not
 * the one profiled are profiled again. Kept in a {@link HoldingRepository}. Derived data: it can
 * always be rebuilt from storage.
 */
@ApplicationScoped
public class Holdings {
  private static final System.Logger LOG = System.getLogger(Holdings.class.getName());
  static final int BATCH = 500;
  private Storage storage;
  private HoldingRepository repository;
  private Profiles profiles;

  protected Holdings() {}

  @Inject
  public Holdings(Storage storage, HoldingRepository repository, Profiles profiles) {
    this.storage = storage;
    this.repository = repository;
    this.profiles = profiles;
  }

  void onCommitted(@Observes AipVersionsCommitted event) {
    List<ProductId> ids = event.versions().stream().map(v -> v.productId()).distinct().toList();
    try {
      indexAll(ids);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "PLAN-500 Cannot profile " + ids.size() + " committed products now; start-up will",
          e);
    }
  }

  /** Profiles the head of a stored product and replaces its rows. */
  public void index(ProductId productId) {
    indexAll(List.of(productId));
  }

  /**
   * Profiles the heads of the given products (headers only) and replaces their rows, in one
   * transaction per {@value #BATCH} products.
   */
  public void indexAll(List<ProductId> productIds) {
    for (int from = 0; from < productIds.size(); from += BATCH) {
      List<ProductId> batch = productIds.subList(from, Math.min(productIds.size(), from + BATCH));
      List<ProfiledFile> rows = new ArrayList<>();
      for (ProductId id : batch) {
        storage.head(id).ifPresent(head -> rows.addAll(profile(head)));
      }
      repository.replace(batch.stream().map(ProductId::value).toList(), rows);
    }
  }

  /** The rows of one stored version. */
  List<ProfiledFile> profile(AipVersion head) {
    DescriptiveRecord record;
    try {
      StoredFile d =
          head.file("metadata/descriptive.json")
              .orElseThrow(() -> new IllegalStateException(head.productId() + " has no record"));
      record = DescriptiveRecord.fromJson(Files.readAllBytes(d.location()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String level = record.dataLevels().isEmpty() ? null : record.dataLevels().get(0);
    List<ProfiledFile> rows = new ArrayList<>();
    Map<String, StoredFile> payload = head.payload();
    for (DescriptiveRecord.FileEntry f : record.files()) {
      StoredFile stored = payload.get(f.path());
      if (stored == null) {
        continue;
      }
      Profiles.Profile p = profiles.payload(stored.location(), f.path(), f.mediaType());
      rows.add(row(head, "data/" + f.path(), stored.size(), p, level));
    }
    head.files()
        .forEach(
            (path, file) -> {
              if (Profiles.isCwlProv(path)) {
                rows.add(
                    row(
                        head,
                        path,
                        file.size(),
                        new Profiles.Profile("text/turtle", Set.of("cwlprov")),
                        level));
              }
            });
    return rows;
  }

  private static ProfiledFile row(
      AipVersion head, String path, long size, Profiles.Profile p, String level) {
    return new ProfiledFile(
        head.productId().value(), path, head.version(), size, p.mediaType(), p.tagString(), level);
  }

  /**
   * Profiles every catalogued product whose head version the holdings do not have (all of them the
   * first time); returns how many.
   */
  public int reconcile() {
    List<String> stale = repository.stale();
    // catalogued without an AIP (generated benchmark data): nothing to profile
    List<ProductId> stored =
        stale.stream().map(ProductId::new).filter(id -> storage.head(id).isPresent()).toList();
    try {
      indexAll(stored);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Cannot profile the holdings now: " + e.getMessage());
      return 0;
    }
    return stored.size();
  }
}
