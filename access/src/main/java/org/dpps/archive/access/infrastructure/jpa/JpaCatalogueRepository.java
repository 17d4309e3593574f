package org.dpps.archive.access.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpps.archive.access.domain.CatalogueEntry;
import org.dpps.archive.access.domain.CatalogueRepository;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.model.ProductId;

/**
 * The catalogue in the tables {@code catalogue_entry} and {@code catalogue_file} (rows written and
 * read by {@link CatalogueRows}), indexed in Lucene by Hibernate Search.
 */
@ApplicationScoped
public class JpaCatalogueRepository implements CatalogueRepository {
  private ArchiveDatabase database;

  protected JpaCatalogueRepository() {}

  @Inject
  public JpaCatalogueRepository(ArchiveDatabase database) {
    this.database = database;
  }

  @Override
  public void upsertAll(List<CatalogueEntry> entries) {
    database
        .get()
        .inTransaction(
            em -> entries.forEach(e -> CatalogueRows.upsert(em, e.record(), e.version())));
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
    database.get().inTransaction(CatalogueRows::deleteAll);
  }
}
