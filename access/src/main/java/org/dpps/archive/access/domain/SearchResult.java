package org.dpps.archive.access.domain;

import java.util.List;
import java.util.Map;

/**
 * One page of search hits, the total number of matches, and facet counts over all matches.
 *
 * @param facets facet name to (value to count), counts over the whole filtered result
 */
public record SearchResult(
    long total, int page, int size, List<Hit> hits, Map<String, Map<String, Long>> facets) {

  /**
   * A matching product, with what a result list shows.
   *
   * @param embargoedUntil the release date (ISO instant) while the product is under embargo (its
   *     files can then only be downloaded by its group and archivists); {@code null} once released
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
      String embargoedUntil) {}
}
