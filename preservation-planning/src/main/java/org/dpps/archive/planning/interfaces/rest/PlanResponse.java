package org.dpps.archive.planning.interfaces.rest;

import java.time.Instant;
import java.util.List;
import org.dpps.archive.planning.domain.MigrationPlan;

/**
 * A migration plan as {@code POST /preservation/plans}, {@code GET /preservation/plans[/{id}]},
 * {@code POST /preservation/plans/{id}/execute} and {@code DELETE /preservation/plans/{id}} answer.
 */
public record PlanResponse(
    String id,
    String name,
    String sourceFormat,
    String targetFormat,
    Action action,
    String state,
    Instant createdAt,
    String createdBy,
    Instant startedAt,
    Instant finishedAt,
    List<String> products,
    Counts counts,
    Progress progress,
    String cwl) {

  public static PlanResponse of(MigrationPlan.PlanView p) {
    return new PlanResponse(
        p.id(),
        p.name(),
        p.sourceFormat(),
        p.targetFormat(),
        Action.of(p.action()),
        p.state(),
        p.createdAt(),
        p.createdBy(),
        p.startedAt(),
        p.finishedAt(),
        p.products(),
        Counts.of(p.counts()),
        Progress.of(p.progress()),
        p.cwl());
  }

  /** The action of a plan, in the answers about plans and {@code POST .../{id}/preview}. */
  public record Action(
      String id, String description, String tool, String toolVersion, String runner) {

    /** The action, null for none. */
    public static Action of(MigrationPlan.ActionView a) {
      return a == null
          ? null
          : new Action(a.id(), a.description(), a.tool(), a.toolVersion(), a.runner());
    }
  }

  /** How many items of the plan are in each state, in the answers about plans. */
  public record Counts(int total, int pending, int migrated, int failed, int skipped) {

    /** The counts, null for none. */
    public static Counts of(MigrationPlan.Counts c) {
      return c == null
          ? null
          : new Counts(c.total(), c.pending(), c.migrated(), c.failed(), c.skipped());
    }
  }

  /** Totals and rates of the products done so far, in the answers about plans. */
  public record Progress(
      long bytesBefore,
      long bytesAfter,
      long workMillis,
      Double elapsedSeconds,
      Double megabytesPerSecond,
      Double productsPerSecond) {

    /** The progress, null for none. */
    public static Progress of(MigrationPlan.Progress p) {
      return p == null
          ? null
          : new Progress(
              p.bytesBefore(),
              p.bytesAfter(),
              p.workMillis(),
              p.elapsedSeconds(),
              p.megabytesPerSecond(),
              p.productsPerSecond());
    }
  }
}
