package org.dpps.archive.ingest.infrastructure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** Row of table {@code deposit}; mapped to and from the domain {@code Deposit}. */
@Entity
@Table(name = "deposit")
public class DepositEntity {
  @Id
  @Column(name = "id")
  String id;

  @Column(name = "state")
  String state;

  @Column(name = "source")
  String source;

  @Column(name = "media_type")
  String mediaType;

  @Column(name = "staged_path")
  String stagedPath;

  @Column(name = "upload_complete")
  boolean uploadComplete;

  @Column(name = "payload_bytes")
  long payloadBytes;

  @Column(name = "payload_files")
  int payloadFiles;

  @Column(name = "received_at")
  Instant receivedAt;

  @Column(name = "updated_at")
  Instant updatedAt;

  @Column(name = "attempts")
  int attempts;

  @Column(name = "problems")
  String problems;

  @Column(name = "products")
  String products;

  @Version
  @Column(name = "opt_version")
  long optVersion;
}
