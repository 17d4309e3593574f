package org.dpps.archive.access.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dpps.archive.access.domain.SearchQuery;
import org.dpps.archive.access.domain.SearchResult;
import org.dpps.archive.access.infrastructure.search.CatalogueSearch;
import org.dpps.archive.storage.infrastructure.db.ArchiveDatabase;

/** Catalogue search. */
@ApplicationScoped
public class Searching {
  private ArchiveDatabase database;

  protected Searching() {}

  @Inject
  public Searching(ArchiveDatabase database) {
    this.database = database;
  }

  public SearchResult search(SearchQuery query) {
    return database.get().fromTransaction(em -> CatalogueSearch.search(em, query));
  }
}
