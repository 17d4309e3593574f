package org.dpps.archive.access.domain;

import java.time.Instant;

/** Port: the search index of the catalogue. */
public interface ProductSearch {
  /**
   * Runs a search: one page of hits in the query's order (then by product id), the total, and the
   * facet counts of the whole filtered result.
   *
   * @param now the instant embargoes are judged against ({@code embargoedUntil} of the hits)
   */
  SearchResult search(SearchQuery query, Instant now);
}
