package org.dpps.archive.platform.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signed checkpoint of the event log: the hash of event {@code seq}, signed. */
@Entity
@Table(name = "event_checkpoint")
public class CheckpointEntity {
  @Id
  @Column(name = "seq")
  public long seq;

  @Column(name = "hash")
  public String hash;

  @Column(name = "signed_at")
  public Instant signedAt;

  @Column(name = "key_id")
  public String keyId;

  @Column(name = "signature")
  public String signature;
}
