package org.dpps.archive.access.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.dpps.archive.access.application.Catalogue;
import org.dpps.archive.access.application.CatalogueReconciliation;
import org.dpps.archive.platform.security.RequiresRole;
import org.dpps.archive.platform.security.Role;

/**
 * {@code /api/v1/admin/catalogue}: counts, a reconciliation with storage, and a rebuild from
 * storage alone.
 */
@RequiresRole(Role.ARCHIVIST)
@Path("/admin/catalogue")
@RequestScoped
public class AdminResource {
  private Catalogue catalogue;
  private CatalogueReconciliation reconciliation;

  protected AdminResource() {}

  @Inject
  public AdminResource(Catalogue catalogue, CatalogueReconciliation reconciliation) {
    this.catalogue = catalogue;
    this.reconciliation = reconciliation;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public CatalogueCountsResponse counts() {
    return CatalogueCountsResponse.of(catalogue.counts());
  }

  /**
   * Drops the catalogue, search index and provenance graph and rebuilds them from the OCFL root.
   */
  @POST
  @Path("/rebuild")
  @Produces(MediaType.APPLICATION_JSON)
  public RebuildResponse rebuild() {
    return RebuildResponse.of(catalogue.rebuild());
  }

  /**
   * Compares the catalogue, search index and provenance graph with the stored heads and writes
   * again what differs (what start-up and every quick audit do), without dropping anything.
   */
  @POST
  @Path("/reconcile")
  @Produces(MediaType.APPLICATION_JSON)
  public ReconcileResponse reconcile() {
    return ReconcileResponse.of(reconciliation.run());
  }
}
