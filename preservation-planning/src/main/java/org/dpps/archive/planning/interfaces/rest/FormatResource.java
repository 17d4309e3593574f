package org.dpps.archive.planning.interfaces.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.dpps.archive.planning.application.FormatRegistry;
import org.dpps.archive.planning.domain.FormatChange;
import org.dpps.archive.planning.domain.FormatEntry;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.security.Caller;
import org.dpps.archive.platform.security.Public;
import org.dpps.archive.platform.security.RequiresRole;
import org.dpps.archive.platform.security.Role;

/**
 * {@code /api/v1/formats}: the format registry. Everyone reads it; archivists add and change
 * entries, always with a {@code reason}; each entry's changes are listed under {@code history}.
 * Changes may be made conditional with {@code If-Match} on the entry's revision (its ETag).
 */
@Path("/formats")
@RequestScoped
public class FormatResource {
  private FormatRegistry registry;

  protected FormatResource() {}

  @Inject
  public FormatResource(FormatRegistry registry) {
    this.registry = registry;
  }

  @Public
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<FormatResponse> list() {
    return registry.list().stream().map(FormatResponse::of).toList();
  }

  @Public
  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response get(@PathParam("id") String id) {
    FormatEntry e = registry.get(id);
    return Response.ok(FormatResponse.of(e)).tag(etag(e)).build();
  }

  @RequiresRole(Role.ARCHIVIST)
  @GET
  @Path("/{id}/history")
  @Produces(MediaType.APPLICATION_JSON)
  public List<FormatChangeResponse> history(
      @PathParam("id") String id, @QueryParam("limit") @DefaultValue("100") int limit) {
    return changes(registry.history(id, Math.max(1, Math.min(limit, 1000))));
  }

  @RequiresRole(Role.ARCHIVIST)
  @GET
  @Path("/history")
  @Produces(MediaType.APPLICATION_JSON)
  public List<FormatChangeResponse> allHistory(
      @QueryParam("limit") @DefaultValue("100") int limit) {
    return changes(registry.history(null, Math.max(1, Math.min(limit, 1000))));
  }

  /** Body: every field of the entry plus {@code reason}. */
  @RequiresRole(Role.ARCHIVIST)
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(InputStream body, @Context SecurityContext security) {
    FormatRequests.Create request =
        FormatRequests.create(JsonBodies.object(body, ErrorCode.FORMAT_REQUEST_INVALID));
    FormatEntry e =
        registry.create(
            request.format(), request.reason(), Caller.of(security.getUserPrincipal()).subject());
    return Response.created(URI.create("/api/v1/formats/" + e.id()))
        .entity(FormatResponse.of(e))
        .tag(etag(e))
        .build();
  }

  /**
   * Body: the fields to change plus {@code reason}, e.g. {@code {"status": "at-risk", "reasons":
   * [...], "reason": "..."}}.
   */
  @RequiresRole(Role.ARCHIVIST)
  @PATCH
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response update(
      @PathParam("id") String id,
      @HeaderParam("If-Match") String ifMatch,
      InputStream body,
      @Context SecurityContext security) {
    JsonNode o = JsonBodies.object(body, ErrorCode.FORMAT_REQUEST_INVALID);
    Integer ifRevision = revision(ifMatch); // a bad If-Match is reported before a bad field
    FormatRequests.Update request = FormatRequests.update(o);
    FormatEntry e =
        registry.update(
            id,
            request.patch(),
            request.reason(),
            Caller.of(security.getUserPrincipal()).subject(),
            ifRevision);
    return Response.ok(FormatResponse.of(e)).tag(etag(e)).build();
  }

  private static List<FormatChangeResponse> changes(List<FormatChange> changes) {
    return changes.stream().map(FormatChangeResponse::of).toList();
  }

  static EntityTag etag(FormatEntry e) {
    return new EntityTag(String.valueOf(e.revision()));
  }

  static Integer revision(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return null;
    }
    String v = ifMatch.trim();
    if (v.startsWith("W/")) {
      v = v.substring(2);
    }
    v = v.replace("\"", "");
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ArchiveException(
          ErrorCode.FORMAT_REQUEST_INVALID, "If-Match must be the entry's ETag, e.g. \"3\"");
    }
  }
}
