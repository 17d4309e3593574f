package org.dpps.archive.planning.application;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.dpps.archive.platform.startup.ArchiveStarting;

/**
 * Preservation planning's part of start-up: the format registry is seeded and the holdings profiled
 * once the catalogue is reconciled; running migration plans get their jobs after the deposits.
 */
@ApplicationScoped
public class PlanningStartup {
  private FormatRegistry formats;
  private Holdings holdings;
  private MigrationPlans plans;

  protected PlanningStartup() {}

  @Inject
  public PlanningStartup(FormatRegistry formats, Holdings holdings, MigrationPlans plans) {
    this.formats = formats;
    this.holdings = holdings;
    this.plans = plans;
  }

  void formats(@Observes @Priority(ArchiveStarting.FORMATS) ArchiveStarting starting) {
    starting.count("format registry entries seeded", formats.seed().size());
    starting.count("products profiled", holdings.reconcile());
  }

  void plans(@Observes @Priority(ArchiveStarting.PLANS) ArchiveStarting starting) {
    starting.count("migration plans resumed", plans.resume());
  }
}
