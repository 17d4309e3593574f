package org.dpps.archive.access.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.dpps.archive.access.application.ProvenanceGraphs;
import org.dpps.archive.access.infrastructure.graph.ProvenanceStore;
import org.dpps.archive.schemas.error.ArchiveException;
import org.dpps.archive.schemas.error.ErrorCode;
import org.dpps.archive.schemas.security.Public;

/**
 * {@code POST /api/v1/sparql}: read-only SPARQL 1.1 over the provenance graph, with a time limit.
 */
@Public
@Path("/sparql")
@RequestScoped
public class SparqlResource {
  static final long TIMEOUT_MILLIS = 10_000;
  static final int MAX_QUERY = 100_000;
  private ProvenanceGraphs graphs;

  protected SparqlResource() {}

  @Inject
  public SparqlResource(ProvenanceGraphs graphs) {
    this.graphs = graphs;
  }

  @POST
  @Consumes("application/sparql-query")
  public Response query(String query) {
    return answer(query);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response form(@FormParam("query") String query) {
    return answer(query);
  }

  private Response answer(String query) {
    if (query == null || query.isBlank()) {
      throw new ArchiveException(ErrorCode.SPARQL_REJECTED, "No query given");
    }
    if (query.length() > MAX_QUERY) {
      throw new ArchiveException(ErrorCode.SPARQL_REJECTED, "Query longer than 100,000 characters");
    }
    ProvenanceStore.Answer answer = graphs.store().query(query, TIMEOUT_MILLIS);
    return Response.ok(answer.body(), answer.mediaType()).build();
  }
}
