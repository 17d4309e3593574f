package org.dpps.archive.access.infrastructure.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.dpps.archive.access.domain.ProductSearch;
import org.dpps.archive.access.domain.SearchQuery;
import org.dpps.archive.access.domain.SearchResult;
import org.dpps.archive.platform.database.ArchiveDatabase;

/** The {@link ProductSearch} of Hibernate Search: {@link CatalogueSearch} in one transaction. */
@ApplicationScoped
public class HibernateProductSearch implements ProductSearch {
  private ArchiveDatabase database;

  protected HibernateProductSearch() {}

  @Inject
  public HibernateProductSearch(ArchiveDatabase database) {
    this.database = database;
  }

  @Override
  public SearchResult search(SearchQuery query, Instant now) {
    return database.get().fromTransaction(em -> CatalogueSearch.search(em, query, now));
  }
}
