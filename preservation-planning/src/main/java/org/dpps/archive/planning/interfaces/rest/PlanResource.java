package org.dpps.archive.planning.interfaces.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpps.archive.planning.application.MigrationPlans;
import org.dpps.archive.planning.domain.MigrationPlan;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.security.Caller;
import org.dpps.archive.platform.security.RequiresRole;
import org.dpps.archive.platform.security.Role;

/**
 * {@code /api/v1/preservation/plans}: make a migration plan, preview it (dry run), execute it,
 * follow it, read what happened to each product, cancel it.
 */
@RequiresRole(Role.ARCHIVIST)
@Path("/preservation/plans")
@RequestScoped
public class PlanResource {
  private static final List<String> FIELDS =
      List.of("name", "sourceFormat", "targetFormat", "action", "cwl", "products");
  private static final List<String> ITEM_STATES =
      List.of("PENDING", "MIGRATED", "FAILED", "SKIPPED");
  private MigrationPlans plans;

  protected PlanResource() {}

  @Inject
  public PlanResource(MigrationPlans plans) {
    this.plans = plans;
  }

  /**
   * Body: {@code {"name", "sourceFormat", "targetFormat", "action": "fits-tile-compress" |
   * "fits-tile-decompress" | "cwl", "cwl": "<CommandLineTool document>", "products": [...]}}.
   */
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(InputStream body, @Context SecurityContext security) {
    JsonNode o = JsonBodies.object(body, ErrorCode.PLAN_REQUEST_INVALID);
    o.fieldNames()
        .forEachRemaining(
            k -> {
              if (!FIELDS.contains(k)) {
                throw invalid("Unknown field '" + k + "'");
              }
            });
    List<String> products = null;
    if (o.has("products") && !o.get("products").isNull()) {
      if (!o.get("products").isArray()) {
        throw invalid("products must be an array of product ids");
      }
      products = new ArrayList<>();
      for (JsonNode n : o.get("products")) {
        if (!n.isTextual()) {
          throw invalid("products must be an array of product ids");
        }
        products.add(n.asText());
      }
    }
    MigrationPlan.PlanView plan =
        plans.create(
            new MigrationPlan.Request(
                text(o, "name"),
                text(o, "sourceFormat"),
                text(o, "targetFormat"),
                text(o, "action"),
                text(o, "cwl"),
                products),
            Caller.of(security.getUserPrincipal()).subject());
    return Response.created(URI.create("/api/v1/preservation/plans/" + plan.id()))
        .entity(PlanResponse.of(plan))
        .build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<PlanResponse> list(@QueryParam("limit") @DefaultValue("50") int limit) {
    return plans.list(Math.max(1, Math.min(limit, 500))).stream().map(PlanResponse::of).toList();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public PlanResponse get(@PathParam("id") String id) {
    return PlanResponse.of(plans.get(id));
  }

  /** The dry run: affected products, files, bytes, a sample migrated and checked, an estimate. */
  @POST
  @Path("/{id}/preview")
  @Produces(MediaType.APPLICATION_JSON)
  public PreviewResponse preview(
      @PathParam("id") String id, @QueryParam("list") @DefaultValue("100") int list) {
    return PreviewResponse.of(plans.preview(id, Math.max(0, Math.min(list, 10_000))));
  }

  @POST
  @Path("/{id}/execute")
  @Produces(MediaType.APPLICATION_JSON)
  public Response execute(@PathParam("id") String id, @Context SecurityContext security) {
    MigrationPlan.PlanView plan =
        plans.execute(id, Caller.of(security.getUserPrincipal()).subject());
    return Response.accepted(PlanResponse.of(plan))
        .location(URI.create("/api/v1/preservation/plans/" + plan.id()))
        .build();
  }

  @DELETE
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public PlanResponse cancel(@PathParam("id") String id) {
    return PlanResponse.of(plans.cancel(id));
  }

  @GET
  @Path("/{id}/items")
  @Produces(MediaType.APPLICATION_JSON)
  public List<PlanItemResponse> items(
      @PathParam("id") String id,
      @QueryParam("state") String state,
      @QueryParam("limit") @DefaultValue("1000") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset) {
    String s = state == null || state.isBlank() ? null : state.trim().toUpperCase(Locale.ROOT);
    if (s != null && !ITEM_STATES.contains(s)) {
      throw invalid("state must be one of " + ITEM_STATES);
    }
    return plans.items(id, s, Math.max(1, Math.min(limit, 100_000)), Math.max(0, offset)).stream()
        .map(PlanItemResponse::of)
        .toList();
  }

  private static String text(JsonNode o, String key) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw invalid("'" + key + "' must be a string");
    }
    return v.asText();
  }

  private static ArchiveException invalid(String message) {
    return new ArchiveException(ErrorCode.PLAN_REQUEST_INVALID, message);
  }
}
