package org.dpps.archive.access.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.dpps.archive.access.application.Lineage;
import org.dpps.archive.access.domain.LineageGraph;
import org.dpps.archive.access.domain.LineageQuery;
import org.dpps.archive.access.infrastructure.graph.RdfFormats;
import org.dpps.archive.platform.security.Public;
import org.dpps.archive.schemas.model.ProductId;

/**
 * {@code GET /api/v1/products/{id}/provenance?direction=upstream|downstream|both&depth=N}: the
 * product's lineage as RDF (Turtle by default, JSON-LD, N-Triples) or, for {@code
 * application/json}, as the nodes and edges the portal draws.
 */
@Public
@Path("/products/{id}/provenance")
@RequestScoped
public class ProvenanceResource {
  static final List<String> OFFERED =
      List.of(
          RdfFormats.TURTLE, RdfFormats.JSON_LD, RdfFormats.N_TRIPLES, MediaType.APPLICATION_JSON);

  private Lineage lineage;

  protected ProvenanceResource() {}

  @Inject
  public ProvenanceResource(Lineage lineage) {
    this.lineage = lineage;
  }

  /** The lineage document of {@code application/json}. */
  public record LineageView(
      String product, String direction, int depth, List<NodeView> nodes, List<EdgeView> edges) {}

  /** A node; absent fields are left out. {@code href}: the product's page in the API. */
  public record NodeView(
      String id,
      String kind,
      String label,
      String productId,
      String href,
      String softwareVersion,
      String startedAt,
      String endedAt) {}

  public record EdgeView(String from, String to, String relation) {}

  @GET
  public Response provenance(
      @PathParam("id") String id,
      @QueryParam("direction") String direction,
      @QueryParam("depth") String depth,
      @Context HttpHeaders headers) {
    LineageQuery query = LineageQuery.parse(ProductId.parse(id), direction, depth);
    String type = RdfFormats.choose(SparqlResource.accepted(headers), OFFERED);
    Object body =
        type.equals(MediaType.APPLICATION_JSON)
            ? view(lineage.document(query))
            : lineage.statements(query, type);
    return Response.ok(body, type).header(HttpHeaders.VARY, "Accept").build();
  }

  static LineageView view(LineageGraph lineage) {
    return new LineageView(
        lineage.query().product().value(),
        lineage.query().direction().value(),
        lineage.query().depth(),
        lineage.nodes().stream()
            .map(
                n ->
                    new NodeView(
                        n.id(),
                        n.kind().value(),
                        n.label(),
                        n.productId().orElse(null),
                        n.productId().map(p -> "/api/v1/products/" + p).orElse(null),
                        n.softwareVersion().orElse(null),
                        n.startedAt().orElse(null),
                        n.endedAt().orElse(null)))
            .toList(),
        lineage.edges().stream()
            .map(e -> new EdgeView(e.from(), e.to(), e.relation().term()))
            .toList());
  }
}
