package org.dpps.archive.access.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.dpps.archive.access.application.Searching;
import org.dpps.archive.access.domain.tap.SearchAdql;
import org.dpps.archive.platform.security.Public;

/** {@code /api/v1/search}: relevance-ranked free text, filters, cone search, sorting, facets. */
@Public
@Path("/search")
@RequestScoped
public class SearchResource {
  private Searching searching;

  protected SearchResource() {}

  @Inject
  public SearchResource(Searching searching) {
    this.searching = searching;
  }

  /** One page of hits, the total and the facets; see {@link SearchParameters} for the query. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public SearchResponse search(@BeanParam SearchParameters parameters) {
    return SearchResponse.of(searching.search(parameters.toQuery()));
  }

  /**
   * The ADQL over ObsCore that reproduces this search (filters without an ADQL equivalent are
   * listed, not approximated), with the TAP service's address: "open in TOPCAT".
   */
  @GET
  @Path("/adql")
  @Produces(MediaType.APPLICATION_JSON)
  public SearchAdqlResponse adql(@BeanParam SearchParameters parameters, @Context UriInfo uri) {
    URI base = uri.getBaseUri();
    return SearchAdqlResponse.of(
        SearchAdql.of(parameters.toQuery()), base.getScheme() + "://" + base.getRawAuthority());
  }
}
