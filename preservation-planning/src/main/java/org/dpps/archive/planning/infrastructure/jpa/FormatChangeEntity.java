package org.dpps.archive.planning.infrastructure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One recorded change of the format registry: who, when, why, before and after. */
@Entity
@Table(name = "format_change")
public class FormatChangeEntity {
  @Id
  @Column(name = "id")
  public String id;

  @Column(name = "format_id")
  public String formatId;

  @Column(name = "revision")
  public int revision;

  @Column(name = "changed_at")
  public Instant changedAt;

  @Column(name = "changed_by")
  public String changedBy;

  @Column(name = "reason")
  public String reason;

  @Column(name = "before_json")
  public String before;

  @Column(name = "after_json")
  public String after;
}
