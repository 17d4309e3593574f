package org.dpps.archive.access.interfaces.rest;

import java.util.List;
import java.util.Map;
import org.dpps.archive.access.domain.SearchResult;

/**
 * {@code GET /api/v1/search}: one page of hits, the total number of matches, and facet counts.
 *
 * @param facets facet name to (value to count), counts over the whole filtered result, in the
 *     search's order
 */
public record SearchResponse(
    long total, int page, int size, List<Hit> hits, Map<String, Map<String, Long>> facets) {

  /** The answer for a page of search results. */
  public static SearchResponse of(SearchResult result) {
    return new SearchResponse(
        result.total(),
        result.page(),
        result.size(),
        result.hits() == null ? null : result.hits().stream().map(Hit::of).toList(),
        result.facets());
  }

  /**
   * {@code GET /api/v1/search}: a matching product, with what a result list shows.
   *
   * @param embargoedUntil the release date (ISO instant) while the product is under embargo, else
   *     {@code null}
   */
  public record Hit(
      String productId,
      int version,
      String description,
      List<String> dataLevels,
      String target,
      Long obsId,
      Double ra,
      Double dec,
      String timeStart,
      String timeStop,
      String instrument,
      String format,
      long sizeBytes,
      int fileCount,
      String depositedAt,
      String href,
      String embargoedUntil) {

    /** The answer for one search hit. */
    public static Hit of(SearchResult.Hit hit) {
      return new Hit(
          hit.productId(),
          hit.version(),
          hit.description(),
          hit.dataLevels(),
          hit.target(),
          hit.obsId(),
          hit.ra(),
          hit.dec(),
          hit.timeStart(),
          hit.timeStop(),
          hit.instrument(),
          hit.format(),
          hit.sizeBytes(),
          hit.fileCount(),
          hit.depositedAt(),
          hit.href(),
          hit.embargoedUntil());
    }
  }
}
