package org.dpps.archive.storage.infrastructure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One object an audit covers, and whether it has been checked. */
@Entity
@Table(name = "audit_item")
@IdClass(AuditItemEntity.Key.class)
public class AuditItemEntity {
  @Id
  @Column(name = "audit_id")
  public String auditId;

  @Id
  @Column(name = "position")
  public int position;

  @Column(name = "product_id")
  public String productId;

  @Column(name = "done")
  public boolean done;

  /** Composite key. */
  public static class Key implements Serializable {
    public String auditId;
    public int position;

    public Key() {}

    public Key(String auditId, int position) {
      this.auditId = auditId;
      this.position = position;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.auditId.equals(auditId) && k.position == position;
    }

    @Override
    public int hashCode() {
      return Objects.hash(auditId, position);
    }
  }
}
