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
import org.dpps.archive.storage.application.Replica;

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

  /** One replica's status. */
  public record ReplicaView(String name, String root, boolean available) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<ReplicaView> list() {
    return storage.replicas().stream().map(ReplicaResource::view).toList();
  }

  static ReplicaView view(Replica r) {
    return new ReplicaView(r.name(), r.root().toString(), r.available());
  }
}
