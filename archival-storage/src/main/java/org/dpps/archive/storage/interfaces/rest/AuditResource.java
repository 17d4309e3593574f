package org.dpps.archive.storage.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.security.RequiresRole;
import org.dpps.archive.platform.security.Role;
import org.dpps.archive.storage.application.AuditScheduler;
import org.dpps.archive.storage.application.AuditService;
import org.dpps.archive.storage.domain.Audit;

/**
 * {@code /api/v1/audits}: start an audit (all objects, some replicas, some products; full or quick;
 * with an I/O budget), follow its progress, read its report, cancel it.
 */
@RequiresRole(Role.ARCHIVIST)
@Path("/audits")
@RequestScoped
public class AuditResource {
  private static final int MAX_JSON_BYTES = 1 << 20;
  private AuditService audits;
  private AuditScheduler scheduler;

  protected AuditResource() {}

  @Inject
  public AuditResource(AuditService audits, AuditScheduler scheduler) {
    this.audits = audits;
    this.scheduler = scheduler;
  }

  /**
   * Body (all optional): {@code {"kind": "FULL"|"QUICK", "replicas": [...], "products": [...],
   * "budgetMBps": 50, "limit": 1000}}. An empty body audits everything, fully.
   */
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Response start(InputStream body) {
    AuditReportResponse report =
        AuditReportResponse.of(audits.start(parse(body), Audit.Trigger.API));
    return Response.accepted(report).location(URI.create("/api/v1/audits/" + report.id())).build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<AuditReportResponse> list(@QueryParam("limit") @DefaultValue("20") int limit) {
    return AuditReportResponse.of(audits.recent(Math.max(1, Math.min(limit, 500))));
  }

  @GET
  @Path("/schedule")
  @Produces(MediaType.APPLICATION_JSON)
  public ScheduleResponse schedule() {
    return ScheduleResponse.of(scheduler.status());
  }

  /** Objects an audit marked DAMAGED (no good copy was found), with what was wrong. */
  @GET
  @Path("/damaged")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, String> damaged() {
    return audits.damaged();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public AuditReportResponse report(
      @PathParam("id") String id, @QueryParam("failures") @DefaultValue("1000") int failures) {
    return AuditReportResponse.of(audits.report(id, Math.max(0, Math.min(failures, 100_000))));
  }

  @DELETE
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public AuditReportResponse cancel(@PathParam("id") String id) {
    return AuditReportResponse.of(audits.cancel(id));
  }

  static Audit.Request parse(InputStream body) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : body.readNBytes(MAX_JSON_BYTES + 1);
    } catch (IOException e) {
      throw invalid("The request body cannot be read: " + e.getMessage());
    }
    if (bytes.length > MAX_JSON_BYTES) {
      throw invalid("JSON body larger than 1 MiB");
    }
    if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return new Audit.Request(Audit.Kind.FULL, List.of(), List.of(), null, null);
    }
    JsonObject o;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
      o = reader.readObject();
    } catch (RuntimeException e) {
      throw invalid("Expected a JSON object: " + e.getMessage());
    }
    for (String key : o.keySet()) {
      if (!List.of("kind", "replicas", "products", "budgetMBps", "limit").contains(key)) {
        throw invalid("Unknown field '" + key + "'");
      }
    }
    Audit.Kind kind = Audit.Kind.FULL;
    if (o.containsKey("kind")) {
      if (!(o.get("kind") instanceof JsonString s)) {
        throw invalid("kind must be \"FULL\" or \"QUICK\"");
      }
      try {
        kind = Audit.Kind.valueOf(s.getString().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalid("kind must be \"FULL\" or \"QUICK\"");
      }
    }
    return new Audit.Request(
        kind,
        strings(o, "replicas"),
        strings(o, "products"),
        number(o, "budgetMBps") == null ? null : number(o, "budgetMBps").doubleValue(),
        number(o, "limit") == null ? null : number(o, "limit").intValue());
  }

  private static List<String> strings(JsonObject o, String key) {
    if (!o.containsKey(key) || o.isNull(key)) {
      return List.of();
    }
    if (!(o.get(key) instanceof JsonArray array)) {
      throw invalid(key + " must be an array of strings");
    }
    if (array.size() > 100_000) {
      throw invalid(key + ": at most 100000 entries");
    }
    List<String> out = new ArrayList<>();
    for (JsonValue v : array) {
      if (!(v instanceof JsonString s) || s.getString().length() > 200) {
        throw invalid(key + " must be an array of strings (at most 200 characters each)");
      }
      out.add(s.getString());
    }
    return out;
  }

  private static JsonNumber number(JsonObject o, String key) {
    if (!o.containsKey(key) || o.isNull(key)) {
      return null;
    }
    if (!(o.get(key) instanceof JsonNumber n)) {
      throw invalid(key + " must be a number");
    }
    return n;
  }

  private static ArchiveException invalid(String message) {
    return new ArchiveException(ErrorCode.AUDIT_REQUEST_INVALID, message);
  }
}
