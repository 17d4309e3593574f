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
import org.dpps.archive.planning.infrastructure.jpa.HoldingFileEntity;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.application.ArchivalStorage;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.AipVersionsCommitted;
import org.dpps.archive.storage.domain.StoredFile;

/**
 * The holdings as preservation planning sees them: every payload file (and CWLProv graph) of each
 * product's head version with its media type and profile tags, read from the stored files' own
 * headers. Updated when versions are committed; at start-up, products whose catalogued head is not
 * the one profiled are profiled again. Derived data: it can always be rebuilt from storage.
 */
@ApplicationScoped
public class Holdings {
  private static final System.Logger LOG = System.getLogger(Holdings.class.getName());
  static final int BATCH = 500;
  private ArchivalStorage storage;
  private ArchiveDatabase database;

  protected Holdings() {}

  @Inject
  public Holdings(ArchivalStorage storage, ArchiveDatabase database) {
    this.storage = storage;
    this.database = database;
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
      List<HoldingFileEntity> rows = new ArrayList<>();
      for (ProductId id : batch) {
        storage.head(id).ifPresent(head -> rows.addAll(profile(head)));
      }
      database
          .get()
          .inTransaction(
              em -> {
                em.createQuery("delete from HoldingFileEntity h where h.productId in :p")
                    .setParameter("p", batch.stream().map(ProductId::value).toList())
                    .executeUpdate();
                rows.forEach(em::persist);
              });
    }
  }

  /** The rows of one stored version. */
  static List<HoldingFileEntity> profile(AipVersion head) {
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
    List<HoldingFileEntity> rows = new ArrayList<>();
    Map<String, StoredFile> payload = head.payload();
    for (DescriptiveRecord.FileEntry f : record.files()) {
      StoredFile stored = payload.get(f.path());
      if (stored == null) {
        continue;
      }
      Profiles.Profile p = Profiles.payload(stored.location(), f.path(), f.mediaType());
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

  private static HoldingFileEntity row(
      AipVersion head, String path, long size, Profiles.Profile p, String level) {
    HoldingFileEntity row = new HoldingFileEntity();
    row.productId = head.productId().value();
    row.path = path;
    row.version = head.version();
    row.size = size;
    row.mediaType = p.mediaType();
    row.profile = p.tagString();
    row.dataLevel = level;
    return row;
  }

  /**
   * Profiles every catalogued product whose head version the holdings do not have (all of them the
   * first time); returns how many.
   */
  public int reconcile() {
    List<String> stale =
        database
            .get()
            .fromTransaction(
                em -> {
                  @SuppressWarnings("unchecked")
                  List<String> ids =
                      em.createNativeQuery(
                              "select c.product_id from catalogue_entry c left join"
                                  + " (select product_id, max(version) as v from holding_file"
                                  + " group by product_id) h on h.product_id = c.product_id"
                                  + " where h.v is null or h.v <> c.version"
                                  + " order by c.product_id")
                          .getResultList();
                  return ids;
                });
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
