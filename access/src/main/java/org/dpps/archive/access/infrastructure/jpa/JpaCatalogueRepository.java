package org.dpps.archive.access.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpps.archive.access.domain.CatalogueEntry;
import org.dpps.archive.access.domain.CatalogueRepository;
import org.dpps.archive.access.domain.tap.ObsCorePublication;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.model.ProductId;
import org.hibernate.search.engine.search.query.SearchScroll;
import org.hibernate.search.engine.search.query.SearchScrollResult;
import org.hibernate.search.mapper.orm.Search;

/**
 * The catalogue in the tables {@code catalogue_entry} and {@code catalogue_file} (rows written and
 * read by {@link CatalogueRows}), indexed in Lucene by Hibernate Search.
 */
@ApplicationScoped
public class JpaCatalogueRepository implements CatalogueRepository {
  private ArchiveDatabase database;
  private ObsCorePublication publication;

  protected JpaCatalogueRepository() {}

  @Inject
  public JpaCatalogueRepository(ArchiveDatabase database, ObsCorePublication publication) {
    this.database = database;
    this.publication = publication;
  }

  @Override
  public void upsertAll(List<CatalogueEntry> entries) {
    database
        .get()
        .inTransaction(
            em ->
                entries.forEach(
                    e -> {
                      CatalogueRows.upsert(em, e.record(), e.version());
                      ObsCoreTables.replace(
                          em, e.record().productId(), publication.rows(e.record(), e.version()));
                    }));
  }

  @Override
  public Optional<Integer> version(ProductId productId) {
    return Optional.ofNullable(
        database.get().fromTransaction(em -> CatalogueRows.version(em, productId.value())));
  }

  @Override
  public Optional<DescriptiveRecord> record(ProductId productId) {
    return database
        .get()
        .fromTransaction(
            em -> Optional.ofNullable(em.find(CatalogueEntryEntity.class, productId.value())))
        .map(CatalogueRows::record);
  }

  @Override
  public boolean contains(ProductId productId) {
    return database
        .get()
        .fromTransaction(em -> em.find(CatalogueEntryEntity.class, productId.value()) != null);
  }

  @Override
  public Stream<ProductId> productIds() {
    List<String> ids =
        database
            .get()
            .fromTransaction(
                em ->
                    em.createQuery(
                            "select e.productId from CatalogueEntryEntity e order by e.productId",
                            String.class)
                        .getResultList());
    return ids.stream().map(ProductId::new);
  }

  @Override
  public Optional<ProductId> productWithFile(String sha512) {
    return database
        .get()
        .fromTransaction(em -> CatalogueRows.productWithFile(em, sha512))
        .map(ProductId::new);
  }

  @Override
  public Totals totals() {
    long[] rows = database.get().fromTransaction(CatalogueRows::counts);
    return new Totals(rows[0], rows[1]);
  }

  @Override
  public void deleteAll() {
    database
        .get()
        .inTransaction(
            em -> {
              ObsCoreTables.deleteAll(em);
              CatalogueRows.deleteAll(em);
            });
  }

  @Override
  public Map<ProductId, Integer> versions() {
    return database
        .get()
        .fromTransaction(
            em ->
                byProduct(
                    em.createQuery(
                            "select e.productId, e.version from CatalogueEntryEntity e",
                            Object[].class)
                        .getResultList()));
  }

  @Override
  public Map<ProductId, Integer> graphVersions() {
    return database
        .get()
        .fromTransaction(
            em ->
                byProduct(
                    em.createQuery(
                            "select e.productId, e.graphVersion from CatalogueEntryEntity e"
                                + " where e.graphVersion is not null",
                            Object[].class)
                        .getResultList()));
  }

  @Override
  public void graphsWritten(Map<ProductId, Integer> versions) {
    // a bulk update: neither the optimistic version nor the search index is touched
    database
        .get()
        .inTransaction(
            em ->
                versions.forEach(
                    (id, version) ->
                        em.createQuery(
                                "update CatalogueEntryEntity e set e.graphVersion = :v"
                                    + " where e.productId = :id")
                            .setParameter("v", version)
                            .setParameter("id", id.value())
                            .executeUpdate()));
  }

  @Override
  public Map<ProductId, Integer> indexedVersions() {
    return database
        .get()
        .fromTransaction(
            em -> {
              Map<ProductId, Integer> versions = new HashMap<>();
              try (SearchScroll<List<?>> scroll =
                  Search.session(em)
                      .search(CatalogueEntryEntity.class)
                      .select(
                          f ->
                              f.composite()
                                  .from(
                                      f.id(String.class), f.field("indexedVersion", Integer.class))
                                  .asList())
                      .where(f -> f.matchAll())
                      .scroll(1000)) {
                for (SearchScrollResult<List<?>> chunk = scroll.next();
                    chunk.hasHits();
                    chunk = scroll.next()) {
                  for (List<?> hit : chunk.hits()) {
                    Integer version = (Integer) hit.get(1);
                    versions.put(new ProductId((String) hit.get(0)), version == null ? 0 : version);
                  }
                }
              }
              return versions;
            });
  }

  @Override
  public long indexedCount() {
    return database
        .get()
        .fromTransaction(
            em ->
                Search.session(em)
                    .search(CatalogueEntryEntity.class)
                    .where(f -> f.matchAll())
                    .fetchTotalHitCount());
  }

  private static Map<ProductId, Integer> byProduct(List<Object[]> rows) {
    Map<ProductId, Integer> versions = new HashMap<>();
    for (Object[] row : rows) {
      versions.put(new ProductId((String) row[0]), ((Number) row[1]).intValue());
    }
    return versions;
  }
}
