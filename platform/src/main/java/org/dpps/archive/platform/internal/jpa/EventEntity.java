package org.dpps.archive.platform.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of the hash-chained event log. */
@Entity
@Table(name = "archive_event")
public class EventEntity {
  @Id
  @Column(name = "seq")
  public long seq;

  @Column(name = "occurred_at")
  public Instant occurredAt;

  @Column(name = "event_type")
  public String type;

  @Column(name = "premis_type")
  public String premisType;

  @Column(name = "outcome")
  public String outcome;

  @Column(name = "product_id")
  public String productId;

  @Column(name = "replica")
  public String replica;

  @Column(name = "agent")
  public String agent;

  @Column(name = "detail")
  public String detail;

  @Column(name = "prev_hash")
  public String prevHash;

  @Column(name = "hash")
  public String hash;
}
