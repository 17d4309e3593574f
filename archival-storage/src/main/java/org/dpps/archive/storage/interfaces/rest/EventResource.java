package org.dpps.archive.storage.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpps.archive.schemas.error.ArchiveException;
import org.dpps.archive.schemas.error.ErrorCode;
import org.dpps.archive.schemas.security.RequiresRole;
import org.dpps.archive.schemas.security.Role;
import org.dpps.archive.storage.application.EventLog;
import org.dpps.archive.storage.domain.ArchiveEvent;

/** {@code /api/v1/events}: the archive's tamper-evident event log. */
@RequiresRole(Role.ARCHIVIST)
@Path("/events")
@RequestScoped
public class EventResource {
  private EventLog log;

  protected EventResource() {}

  @Inject
  public EventResource(EventLog log) {
    this.log = log;
  }

  /** The latest events, newest first ({@code ?type=FIXITY_CHECK&limit=100}). */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<ArchiveEvent> recent(
      @QueryParam("type") String type, @QueryParam("limit") @DefaultValue("100") int limit) {
    ArchiveEvent.Type t = null;
    if (type != null && !type.isBlank()) {
      try {
        t = ArchiveEvent.Type.valueOf(type.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ArchiveException(
            ErrorCode.BAD_REQUEST,
            "Unknown event type '" + type + "'; one of " + List.of(ArchiveEvent.Type.values()));
      }
    }
    return log.recent(t, Math.max(1, Math.min(limit, 10_000)));
  }

  /** Recomputes the whole hash chain and checks every signed checkpoint. */
  @GET
  @Path("/verify")
  @Produces(MediaType.APPLICATION_JSON)
  public EventLog.Verification verify() {
    return log.verify();
  }

  /** Signs a checkpoint over the latest event now. */
  @POST
  @Path("/checkpoint")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Long> checkpoint() {
    return Map.of("seq", log.checkpoint());
  }
}
