package org.dpps.archive.access.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.dpps.archive.access.domain.ProductSearch;
import org.dpps.archive.access.domain.SearchQuery;
import org.dpps.archive.access.domain.SearchResult;

/** Catalogue search. Metadata of embargoed products is found by everyone; hits show the embargo. */
@ApplicationScoped
public class Searching {
  private ProductSearch index;
  private Clock clock;

  protected Searching() {}

  @Inject
  public Searching(ProductSearch index, Clock clock) {
    this.index = index;
    this.clock = clock;
  }

  public SearchResult search(SearchQuery query) {
    return index.search(query, clock.instant());
  }
}
