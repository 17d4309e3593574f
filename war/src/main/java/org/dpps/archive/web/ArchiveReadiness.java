package org.dpps.archive.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import org.dpps.archive.storage.application.StorageSettings;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once start-up finished and the storage root is there. */
@Readiness
@ApplicationScoped
public class ArchiveReadiness implements HealthCheck {
  @Inject ArchiveStartup startup;
  @Inject StorageSettings settings;

  @Override
  public HealthCheckResponse call() {
    boolean storage = Files.isDirectory(settings.ocflRoot());
    return HealthCheckResponse.named("archive")
        .status(startup.isReady() && storage)
        .withData("storageRoot", storage)
        .withData("startupComplete", startup.isReady())
        .build();
  }
}
