package org.dpps.archive.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dpps.archive.access.application.Catalogue;
import org.dpps.archive.ingest.application.DepositService;
import org.dpps.archive.ingest.application.IngestSettings;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.platform.jobs.JobRunner;
import org.dpps.archive.storage.application.ArchivalStorage;
import org.dpps.archive.storage.application.AuditScheduler;
import org.dpps.archive.storage.application.AuditService;
import org.dpps.archive.storage.application.Replica;
import org.dpps.archive.storage.application.StorageSettings;

/**
 * Start-up in a fixed order: database (migrations), storage root and seal key, catalogue
 * reconciliation with storage, then recovery of deposits a crash interrupted.
 */
@ApplicationScoped
public class ArchiveStartup {
  private static final System.Logger LOG = System.getLogger(ArchiveStartup.class.getName());
  private final AtomicBoolean ready = new AtomicBoolean();
  @Inject StorageSettings settings;
  @Inject ArchiveDatabase database;
  @Inject ArchivalStorage storage;
  @Inject Catalogue catalogue;
  @Inject DepositService deposits;
  @Inject IngestSettings ingestSettings;
  @Inject AuditService audits;
  @Inject AuditScheduler auditScheduler;
  @Inject JobRunner jobs;
  @Inject org.dpps.archive.web.security.TokenService tokens;
  @Inject org.dpps.archive.planning.application.FormatRegistry formats;
  @Inject org.dpps.archive.planning.application.Holdings holdings;
  @Inject org.dpps.archive.planning.application.MigrationPlans plans;

  void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.log(System.Logger.Level.INFO, "Archive data directory: {0}", settings.home());
    try {
      java.nio.file.Files.createDirectories(ingestSettings.stagedRoot());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot create the staging root", e);
    }
    database.get();
    LOG.log(
        System.Logger.Level.INFO,
        "Bearer tokens trusted from {0}; archivist token in {1}",
        tokens.trustedIssuers(),
        tokens.ensureBootstrapToken());
    LOG.log(System.Logger.Level.INFO, "Archive seal key {0}", storage.sealer().keyId());
    for (Replica r : storage.replicas()) {
      LOG.log(
          System.Logger.Level.INFO,
          "Replica {0}: {1}",
          r,
          r.available() ? "available" : "UNAVAILABLE (deposits will wait for it)");
    }
    int removed = storage.recoverInterruptedWrites();
    long indexed = catalogue.reconcile();
    List<String> seeded = formats.seed();
    int profiled = holdings.reconcile();
    int resumed = deposits.recover();
    int plansResumed = plans.resume();
    int auditsResumed = audits.resume();
    auditScheduler.start();
    jobs.start();
    LOG.log(
        System.Logger.Level.INFO,
        "Archive ready: {0} half-written versions removed, {1} products re-indexed from storage,"
            + " {2} deposits resumed; format registry: {3} entries seeded, {4} products profiled,"
            + " {5} migration plans and {6} audits resumed",
        removed,
        indexed,
        resumed,
        seeded.size(),
        profiled,
        plansResumed,
        auditsResumed);
    ready.set(true);
  }

  public boolean isReady() {
    return ready.get();
  }
}
