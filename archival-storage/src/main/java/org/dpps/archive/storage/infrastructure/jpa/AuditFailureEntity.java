package org.dpps.archive.storage.infrastructure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One failure an audit found, and what was done about it. */
@Entity
@Table(name = "audit_failure")
public class AuditFailureEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_failure_seq")
  @SequenceGenerator(
      name = "audit_failure_seq",
      sequenceName = "audit_failure_seq",
      allocationSize = 50)
  @Column(name = "id")
  public Long id;

  @Column(name = "audit_id")
  public String auditId;

  @Column(name = "product_id")
  public String productId;

  @Column(name = "replica")
  public String replica;

  @Column(name = "path")
  public String path;

  @Column(name = "kind")
  public String kind;

  @Column(name = "expected")
  public String expected;

  @Column(name = "actual")
  public String actual;

  @Column(name = "action")
  public String action;

  @Column(name = "detected_at")
  public Instant detectedAt;
}
