package org.dpps.archive.storage.infrastructure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Integrity state of one stored object. */
@Entity
@Table(name = "object_integrity")
public class IntegrityEntity {
  @Id
  @Column(name = "product_id")
  public String productId;

  @Column(name = "state")
  public String state;

  @Column(name = "last_full_at")
  public Instant lastFullAt;

  @Column(name = "last_quick_at")
  public Instant lastQuickAt;

  @Column(name = "detail")
  public String detail;
}
