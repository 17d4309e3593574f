package org.dpps.archive.access.application;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.dpps.archive.platform.startup.ArchiveStarting;

/**
 * Access's part of start-up: once storage has recovered, every stored head the catalogue, the
 * search index or the provenance graph lacks (or holds at another version) is written again.
 */
@ApplicationScoped
public class AccessStartup {
  private CatalogueReconciliation reconciliation;

  protected AccessStartup() {}

  @Inject
  public AccessStartup(CatalogueReconciliation reconciliation) {
    this.reconciliation = reconciliation;
  }

  void reconcile(@Observes @Priority(ArchiveStarting.CATALOGUE) ArchiveStarting starting) {
    starting.count("products re-indexed from storage", reconciliation.run().repaired());
  }
}
