package org.dpps.archive.planning.infrastructure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of the format registry. */
@Entity
@Table(name = "format_entry")
public class FormatEntryEntity {
  @Id
  @Column(name = "id")
  public String id;

  @Column(name = "name")
  public String name;

  @Column(name = "media_type")
  public String mediaType;

  @Column(name = "profile")
  public String profile;

  @Column(name = "version")
  public String version;

  @Column(name = "pronom")
  public String pronom;

  @Column(name = "status")
  public String status;

  /** JSON array of strings. */
  @Column(name = "reasons")
  public String reasons;

  @Column(name = "specification")
  public String specification;

  @Column(name = "revision")
  public int revision;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "updated_by")
  public String updatedBy;
}
