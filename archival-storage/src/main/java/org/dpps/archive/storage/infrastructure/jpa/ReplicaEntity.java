package org.dpps.archive.storage.infrastructure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A replica the archive has initialised. */
@Entity
@Table(name = "storage_replica")
public class ReplicaEntity {
  @Id
  @Column(name = "name")
  public String name;

  @Column(name = "root_path")
  public String rootPath;

  @Column(name = "initialised_at")
  public Instant initialisedAt;
}
