package org.dpps.archive.planning.infrastructure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One product of an executed plan: its state and what its migration did. */
@Entity
@Table(name = "migration_item")
@IdClass(MigrationItemEntity.Key.class)
public class MigrationItemEntity {
  @Id
  @Column(name = "plan_id")
  public String planId;

  @Id
  @Column(name = "product_id")
  public String productId;

  @Column(name = "seq")
  public int seq;

  @Column(name = "state")
  public String state;

  @Column(name = "from_version")
  public Integer fromVersion;

  @Column(name = "to_version")
  public Integer toVersion;

  @Column(name = "files")
  public int files;

  @Column(name = "bytes_before")
  public long bytesBefore;

  @Column(name = "bytes_after")
  public long bytesAfter;

  @Column(name = "millis")
  public long millis;

  @Column(name = "attempts")
  public int attempts;

  /** JSON: the problem code and differences of a failure, or the files migrated. */
  @Column(name = "detail")
  public String detail;

  @Column(name = "updated_at")
  public Instant updatedAt;

  /** The composite key. */
  public static class Key implements Serializable {
    public String planId;
    public String productId;

    public Key() {}

    public Key(String planId, String productId) {
      this.planId = planId;
      this.productId = productId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(planId, k.planId)
          && Objects.equals(productId, k.productId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(planId, productId);
    }
  }
}
