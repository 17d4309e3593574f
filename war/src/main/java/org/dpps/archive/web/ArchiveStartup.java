package org.dpps.archive.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dpps.archive.platform.config.PlatformSettings;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.platform.jobs.JobRunner;
import org.dpps.archive.platform.startup.ArchiveStarting;
import org.dpps.archive.web.security.TokenService;

/**
 * Start-up in a fixed order: the database (migrations) and the bearer tokens, then {@link
 * ArchiveStarting}, which each module observes for its own recovery in the order of its priorities
 * (storage roots, catalogue, format registry and holdings, deposits, migration plans, audits), then
 * the job runner.
 */
@ApplicationScoped
public class ArchiveStartup {
  private static final System.Logger LOG = System.getLogger(ArchiveStartup.class.getName());
  private final AtomicBoolean ready = new AtomicBoolean();
  @Inject PlatformSettings settings;
  @Inject ArchiveDatabase database;
  @Inject Event<ArchiveStarting> starting;
  @Inject JobRunner jobs;
  @Inject TokenService tokens;

  void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.log(System.Logger.Level.INFO, "Archive data directory: {0}", settings.home());
    database.get();
    LOG.log(
        System.Logger.Level.INFO,
        "Bearer tokens trusted from {0}; archivist token in {1}",
        tokens.trustedIssuers(),
        tokens.ensureBootstrapToken());
    ArchiveStarting s = new ArchiveStarting();
    starting.fire(s);
    jobs.start();
    LOG.log(
        System.Logger.Level.INFO,
        "Archive ready: {0} half-written versions removed, {1} products re-indexed from storage,"
            + " {2} deposits resumed; format registry: {3} entries seeded, {4} products profiled,"
            + " {5} migration plans and {6} audits resumed",
        s.count("half-written versions removed"),
        s.count("products re-indexed from storage"),
        s.count("deposits resumed"),
        s.count("format registry entries seeded"),
        s.count("products profiled"),
        s.count("migration plans resumed"),
        s.count("audits resumed"));
    ready.set(true);
  }

  public boolean isReady() {
    return ready.get();
  }
}
