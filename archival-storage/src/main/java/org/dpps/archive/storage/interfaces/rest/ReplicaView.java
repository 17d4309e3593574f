package org.dpps.archive.storage.interfaces.rest;

import org.dpps.archive.storage.application.Replica;

/** One replica of the list {@code GET /api/v1/replicas} answers with: its status. */
public record ReplicaView(String name, String root, boolean available) {

  static ReplicaView of(Replica r) {
    return new ReplicaView(r.name(), r.root().toString(), r.available());
  }
}
