package org.dpps.archive.storage.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.dpps.archive.platform.security.RequiresRole;
import org.dpps.archive.platform.security.Role;
import org.dpps.archive.storage.application.ArchivalStorage;

/** {@code /api/v1/replicas}: the configured storage roots and whether each is available. */
@RequiresRole(Role.ARCHIVIST)
@Path("/replicas")
@RequestScoped
public class ReplicaResource {
  private ArchivalStorage storage;

  protected ReplicaResource() {}

  @Inject
  public ReplicaResource(ArchivalStorage storage) {
    this.storage = storage;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<ReplicaView> list() {
    return storage.replicas().stream().map(ReplicaView::of).toList();
  }
}
