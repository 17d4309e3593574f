package org.dpps.archive.access.interfaces.rest;

import org.dpps.archive.access.application.Catalogue;

/**
 * {@code POST /api/v1/admin/catalogue/rebuild}: the counts before and after a rebuild from storage.
 *
 * @param storedObjects the products in storage
 * @param matches the rebuilt catalogue and graph hold exactly one entry per stored object
 * @param unchanged the counts after equal the counts before (false when something had been lost)
 */
public record RebuildResponse(
    CatalogueCountsResponse before,
    CatalogueCountsResponse after,
    long storedObjects,
    boolean matches,
    boolean unchanged) {

  /** The answer for what a rebuild found. */
  public static RebuildResponse of(Catalogue.Rebuild rebuild) {
    return new RebuildResponse(
        CatalogueCountsResponse.of(rebuild.before()),
        CatalogueCountsResponse.of(rebuild.after()),
        rebuild.storedObjects(),
        rebuild.matches(),
        rebuild.unchanged());
  }
}
