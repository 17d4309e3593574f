package org.dpps.archive.access.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.dpps.archive.access.infrastructure.graph.ProvenanceStore;
import org.dpps.archive.access.infrastructure.graph.TdbProvenanceGraphs;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.security.Public;

/**
 * {@code /api/v1/sparql}: read-only SPARQL 1.1 over the provenance graph (SPARQL protocol: {@code
 * GET ?query=}, {@code POST} of {@code application/sparql-query} or a form), with a time limit and
 * at most {@value #MAX_RESULTS} solutions ({@code X-Result-Limit}; a SELECT that had more says
 * {@code X-Result-Truncated: true}). The answer's media type follows {@code Accept}.
 */
@Public
@Path("/sparql")
@RequestScoped
public class SparqlResource {
  static final long TIMEOUT_MILLIS = 10_000;
  static final int MAX_QUERY = 100_000;
  static final long MAX_RESULTS = 10_000;
  private TdbProvenanceGraphs graphs;

  protected SparqlResource() {}

  @Inject
  public SparqlResource(TdbProvenanceGraphs graphs) {
    this.graphs = graphs;
  }

  @GET
  public Response get(@QueryParam("query") String query, @Context HttpHeaders headers) {
    return answer(query, headers);
  }

  @POST
  @Consumes("application/sparql-query")
  public Response query(String query, @Context HttpHeaders headers) {
    return answer(query, headers);
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response form(
      @FormParam("query") String query,
      @FormParam("update") String update,
      @Context HttpHeaders headers) {
    if (update != null) {
      throw readOnly();
    }
    return answer(query, headers);
  }

  @POST
  @Consumes("application/sparql-update")
  public Response update(String update) {
    throw readOnly();
  }

  private Response answer(String query, HttpHeaders headers) {
    if (query == null || query.isBlank()) {
      throw new ArchiveException(ErrorCode.SPARQL_REJECTED, "No query given");
    }
    if (query.length() > MAX_QUERY) {
      throw new ArchiveException(ErrorCode.SPARQL_REJECTED, "Query longer than 100,000 characters");
    }
    ProvenanceStore.Answer answer =
        graphs.store().query(query, TIMEOUT_MILLIS, MAX_RESULTS, accepted(headers));
    Response.ResponseBuilder response =
        Response.ok(answer.body(), answer.mediaType()).header(HttpHeaders.VARY, "Accept");
    answer.resultLimit().ifPresent(n -> response.header("X-Result-Limit", n));
    answer.truncated().ifPresent(t -> response.header("X-Result-Truncated", t));
    return response.build();
  }

  /** The client's media ranges, most preferred first. */
  static List<String> accepted(HttpHeaders headers) {
    return headers.getAcceptableMediaTypes().stream()
        .map(m -> m.getType() + "/" + m.getSubtype())
        .toList();
  }

  private static ArchiveException readOnly() {
    return new ArchiveException(
        ErrorCode.SPARQL_REJECTED,
        "SPARQL Update is not accepted: the provenance graph is read-only");
  }
}
