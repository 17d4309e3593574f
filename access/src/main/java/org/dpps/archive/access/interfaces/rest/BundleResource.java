package org.dpps.archive.access.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import org.dpps.archive.access.application.Dl3Bundle;
import org.dpps.archive.access.application.Dl3Bundles;
import org.dpps.archive.access.domain.SearchQuery;
import org.dpps.archive.platform.security.Caller;
import org.dpps.archive.platform.security.Public;

/**
 * {@code GET /api/v1/bundles/dl3?<search parameters>}: the DL3 observations of a search as one zip
 * that gammapy opens as a data store. Everyone may ask; embargoed products the caller may not
 * download are left out and named in the README.
 */
@Public
@Path("/bundles")
@RequestScoped
public class BundleResource {
  private Dl3Bundles bundles;

  protected BundleResource() {}

  @Inject
  public BundleResource(Dl3Bundles bundles) {
    this.bundles = bundles;
  }

  /**
   * The zip is planned before the answer starts (a refused search is a problem answer, a search
   * that finds nothing a zip whose README says so) and then streamed.
   */
  @GET
  @Path("/dl3")
  @Produces("application/zip")
  public Response dl3(@BeanParam SearchParameters parameters, @Context SecurityContext security) {
    Caller caller = security == null ? Caller.ANONYMOUS : Caller.of(security.getUserPrincipal());
    Dl3Bundle bundle =
        bundles.prepare(
            new Dl3Bundles.Request(
                parameters.toQuery(1, SearchQuery.MAX_SIZE), parameters.criteria(), caller));
    StreamingOutput body = out -> bundles.write(bundle, out);
    return Response.ok(body, "application/zip")
        .header("Content-Disposition", "attachment; filename=\"" + bundle.fileName() + "\"")
        .build();
  }
}
