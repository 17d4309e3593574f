package org.dpps.archive.access.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.dpps.archive.access.application.Searching;
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
}
