package org.dpps.archive.planning.infrastructure.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A migration plan: source and target formats, the action, its state. */
@Entity
@Table(name = "migration_plan")
public class MigrationPlanEntity {
  @Id
  @Column(name = "id")
  public String id;

  @Column(name = "name")
  public String name;

  @Column(name = "source_format")
  public String sourceFormat;

  @Column(name = "target_format")
  public String targetFormat;

  @Column(name = "action_id")
  public String actionId;

  /** JSON: the action's description and tool (name, version, runner) as checked at creation. */
  @Column(name = "action_view")
  public String actionView;

  @Column(name = "cwl_document")
  public String cwlDocument;

  /** JSON array of product ids the plan is limited to, or null for every affected product. */
  @Column(name = "products")
  public String products;

  @Column(name = "state")
  public String state;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;
}
