package org.dpps.archive.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.dpps.archive.storage.api.Storage;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once start-up finished and at least one replica is available (deposits still complete when
 * a replica is down: they wait for it). Lists the replicas that are down.
 */
@Readiness
@ApplicationScoped
public class ArchiveReadiness implements HealthCheck {
  @Inject ArchiveStartup startup;
  @Inject Storage storage;

  @Override
  public HealthCheckResponse call() {
    List<String> down = storage.unavailableReplicas();
    boolean any = down.size() < storage.replicaNames().size();
    return HealthCheckResponse.named("archive")
        .status(startup.isReady() && any)
        .withData("storageRoot", any)
        .withData("replicasDown", String.join(",", down))
        .withData("startupComplete", startup.isReady())
        .build();
  }
}
