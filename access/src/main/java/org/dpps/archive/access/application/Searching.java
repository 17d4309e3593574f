package org.dpps.archive.access.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.dpps.archive.access.domain.SearchQuery;
import org.dpps.archive.access.domain.SearchResult;
import org.dpps.archive.access.infrastructure.search.CatalogueSearch;
import org.dpps.archive.platform.database.ArchiveDatabase;

/** Catalogue search. Metadata of embargoed products is found by everyone; hits show the embargo. */
@ApplicationScoped
public class Searching {
  private ArchiveDatabase database;
  private Clock clock;

  protected Searching() {}

  @Inject
  public Searching(ArchiveDatabase database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public SearchResult search(SearchQuery query) {
    return database.get().fromTransaction(em -> CatalogueSearch.search(em, query, clock.instant()));
  }
}
