package org.dpps.archive.access.interfaces.rest;

import org.dpps.archive.access.application.Catalogue;

/**
 * {@code GET /api/v1/admin/catalogue}: what the catalogue and the provenance graph hold.
 *
 * @param products catalogued products
 * @param files payload files of the catalogued products
 * @param graphs named graphs in the provenance store
 * @param indexed products (re)indexed by the rebuild that produced these counts, else 0
 */
public record CatalogueCountsResponse(long products, long files, long graphs, long indexed) {

  /** The answer for the catalogue's counts. */
  public static CatalogueCountsResponse of(Catalogue.Counts counts) {
    return new CatalogueCountsResponse(
        counts.products(), counts.files(), counts.graphs(), counts.indexed());
  }
}
