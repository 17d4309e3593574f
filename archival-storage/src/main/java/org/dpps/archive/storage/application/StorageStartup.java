package org.dpps.archive.storage.application;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.dpps.archive.platform.startup.ArchiveStarting;

/**
 * Archival Storage's part of start-up: the seal key and the replicas are logged and every version a
 * crash left half-written is removed first; unfinished audits get their jobs and the audit schedule
 * starts last.
 */
@ApplicationScoped
public class StorageStartup {
  private static final System.Logger LOG = System.getLogger(StorageStartup.class.getName());
  private ArchivalStorage storage;
  private WriteRecovery recovery;
  private AuditService audits;
  private AuditScheduler scheduler;

  protected StorageStartup() {}

  @Inject
  public StorageStartup(
      ArchivalStorage storage,
      WriteRecovery recovery,
      AuditService audits,
      AuditScheduler scheduler) {
    this.storage = storage;
    this.recovery = recovery;
    this.audits = audits;
    this.scheduler = scheduler;
  }

  void recover(@Observes @Priority(ArchiveStarting.STORAGE) ArchiveStarting starting) {
    LOG.log(System.Logger.Level.INFO, "Archive seal key {0}", storage.sealer().keyId());
    for (Replica r : storage.replicas()) {
      LOG.log(
          System.Logger.Level.INFO,
          "Replica {0}: {1}",
          r,
          r.available() ? "available" : "UNAVAILABLE (deposits will wait for it)");
    }
    starting.count("half-written versions removed", recovery.recoverInterruptedWrites());
  }

  void audits(@Observes @Priority(ArchiveStarting.AUDITS) ArchiveStarting starting) {
    starting.count("audits resumed", audits.resume());
    scheduler.start();
  }
}
