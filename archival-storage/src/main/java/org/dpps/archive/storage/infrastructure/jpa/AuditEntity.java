package org.dpps.archive.storage.infrastructure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** An audit: its scope, its state and its running totals. */
@Entity
@Table(name = "audit")
public class AuditEntity {
  @Id
  @Column(name = "id")
  public String id;

  @Column(name = "kind")
  public String kind;

  @Column(name = "audit_trigger")
  public String trigger;

  @Column(name = "state")
  public String state;

  @Column(name = "replicas")
  public String replicas;

  @Column(name = "products")
  public String products;

  /** Whether the audit covers everything in its replicas (then stray files are looked for). */
  @Column(name = "whole_roots")
  public boolean wholeRoots;

  @Column(name = "budget_bytes_per_second")
  public long budgetBytesPerSecond;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "objects_total")
  public int objectsTotal;

  @Column(name = "objects_checked")
  public int objectsChecked;

  @Column(name = "files_checked")
  public long filesChecked;

  @Column(name = "bytes_checked")
  public long bytesChecked;

  @Column(name = "busy_millis")
  public long busyMillis;

  @Column(name = "failures")
  public int failures;

  @Column(name = "repaired")
  public int repaired;

  @Column(name = "damaged")
  public int damaged;

  @Column(name = "message")
  public String message;

  @Version
  @Column(name = "opt_version")
  public long optVersion;
}
