package org.dpps.archive.ingest.application;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.dpps.archive.platform.startup.ArchiveStarting;

/**
 * Ingest's part of start-up: the staging root exists before the first deposit, and deposits a crash
 * or a shutdown interrupted are taken up again.
 */
@ApplicationScoped
public class IngestStartup {
  private IngestSettings settings;
  private DepositService deposits;

  protected IngestStartup() {}

  @Inject
  public IngestStartup(IngestSettings settings, DepositService deposits) {
    this.settings = settings;
    this.deposits = deposits;
  }

  void stagingRoot(@Observes @Priority(ArchiveStarting.STORAGE - 50) ArchiveStarting starting) {
    try {
      Files.createDirectories(settings.stagedRoot());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the staging root", e);
    }
  }

  void deposits(@Observes @Priority(ArchiveStarting.DEPOSITS) ArchiveStarting starting) {
    starting.count("deposits resumed", deposits.recover());
  }
}
