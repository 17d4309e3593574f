package org.dpps.archive.planning.interfaces.rest;

import java.util.List;
import org.dpps.archive.planning.application.MigrationPlans;

/** The dry run of a plan as {@code POST /preservation/plans/{id}/preview} answers. */
public record PreviewResponse(
    String planId,
    String sourceFormat,
    String targetFormat,
    PlanResponse.Action action,
    long products,
    long files,
    long bytes,
    List<String> productIds,
    boolean truncated,
    Sample sample,
    Estimate estimate) {

  public static PreviewResponse of(MigrationPlans.Preview p) {
    return new PreviewResponse(
        p.planId(),
        p.sourceFormat(),
        p.targetFormat(),
        PlanResponse.Action.of(p.action()),
        p.products(),
        p.files(),
        p.bytes(),
        p.productIds(),
        p.truncated(),
        Sample.of(p.sample()),
        Estimate.of(p.estimate()));
  }

  /** The sample file migrated and checked, in {@code POST /preservation/plans/{id}/preview}. */
  public record Sample(
      String productId,
      String path,
      long bytes,
      Long outputBytes,
      double seconds,
      boolean accepted,
      List<String> differences) {

    /** The sample, null for none. */
    public static Sample of(MigrationPlans.Sample s) {
      return s == null
          ? null
          : new Sample(
              s.productId(),
              s.path(),
              s.bytes(),
              s.outputBytes(),
              s.seconds(),
              s.accepted(),
              s.differences());
    }
  }

  /** The time estimate, in {@code POST /preservation/plans/{id}/preview}. */
  public record Estimate(double seconds, String basis) {

    /** The estimate, null for none. */
    public static Estimate of(MigrationPlans.Estimate e) {
      return e == null ? null : new Estimate(e.seconds(), e.basis());
    }
  }
}
