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
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.platform.events.EventType;
import org.dpps.archive.platform.events.KnownEventTypes;
import org.dpps.archive.platform.security.RequiresRole;
import org.dpps.archive.platform.security.Role;

/** {@code /api/v1/events}: the archive's tamper-evident event log. */
@RequiresRole(Role.ARCHIVIST)
@Path("/events")
@RequestScoped
public class EventResource {
  private EventLog log;
  private KnownEventTypes types;

  protected EventResource() {}

  @Inject
  public EventResource(EventLog log, KnownEventTypes types) {
    this.log = log;
    this.types = types;
  }

  /** The latest events, newest first ({@code ?type=FIXITY_CHECK&limit=100}). */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<EventView> recent(
      @QueryParam("type") String type, @QueryParam("limit") @DefaultValue("100") int limit) {
    EventType t = null;
    if (type != null && !type.isBlank()) {
      t =
          types
              .named(type)
              .orElseThrow(
                  () ->
                      new ArchiveException(
                          ErrorCode.BAD_REQUEST,
                          "Unknown event type '" + type + "'; one of " + types.names()));
    }
    return log.recent(t, Math.max(1, Math.min(limit, 10_000))).stream().map(EventView::of).toList();
  }

  /** Recomputes the whole hash chain and checks every signed checkpoint. */
  @GET
  @Path("/verify")
  @Produces(MediaType.APPLICATION_JSON)
  public VerificationResponse verify() {
    return VerificationResponse.of(log.verify());
  }

  /** Signs a checkpoint over the latest event now. */
  @POST
  @Path("/checkpoint")
  @Produces(MediaType.APPLICATION_JSON)
  public CheckpointResponse checkpoint() {
    return new CheckpointResponse(log.checkpoint());
  }
}
