package org.dpps.archive.storage.infrastructure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A version being written to a replica; the row outlives a crash in the middle of the write. */
@Entity
@Table(name = "storage_intent")
@IdClass(IntentEntity.Key.class)
public class IntentEntity {
  @Id
  @Column(name = "product_id")
  public String productId;

  @Id
  @Column(name = "replica")
  public String replica;

  @Id
  @Column(name = "version")
  public int version;

  @Column(name = "started_at")
  public Instant startedAt;

  /** Composite key. */
  public static class Key implements Serializable {
    public String productId;
    public String replica;
    public int version;

    public Key() {}

    public Key(String productId, String replica, int version) {
      this.productId = productId;
      this.replica = replica;
      this.version = version;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && k.productId.equals(productId)
          && k.replica.equals(replica)
          && k.version == version;
    }

    @Override
    public int hashCode() {
      return Objects.hash(productId, replica, version);
    }
  }
}
