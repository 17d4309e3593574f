package org.dpps.archive.platform.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A job row. {@code rowVersion} makes every change a compare-and-set, so two nodes that try to
 * claim the same job cannot both succeed.
 */
@Entity
@Table(name = "job")
public class JobEntity {
  @Id
  @Column(name = "id")
  public String id;

  @Column(name = "kind")
  public String kind;

  @Column(name = "subject")
  public String subject;

  @Column(name = "state")
  public String state;

  @Column(name = "attempts")
  public int attempts;

  @Column(name = "max_attempts")
  public int maxAttempts;

  @Column(name = "run_after")
  public Instant runAfter;

  @Column(name = "lease_owner")
  public String leaseOwner;

  @Column(name = "lease_until")
  public Instant leaseUntil;

  @Column(name = "cancel_requested")
  public boolean cancelRequested;

  @Column(name = "progress_done")
  public long progressDone;

  @Column(name = "progress_total")
  public long progressTotal;

  @Column(name = "progress_note")
  public String progressNote;

  @Column(name = "message")
  public String message;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Version
  @Column(name = "row_version")
  public long rowVersion;
}
