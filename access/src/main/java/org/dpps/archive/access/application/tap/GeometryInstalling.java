package org.dpps.archive.access.application.tap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.dpps.archive.access.domain.tap.GeometryFunctions;
import org.dpps.archive.platform.startup.ArchiveStarting;

/** At start-up, the database gets the functions that translated ADQL geometry calls. */
@ApplicationScoped
public class GeometryInstalling {
  private GeometryFunctions functions;

  protected GeometryInstalling() {}

  @Inject
  public GeometryInstalling(GeometryFunctions functions) {
    this.functions = functions;
  }

  void install(@Observes @Priority(ArchiveStarting.CATALOGUE) ArchiveStarting starting) {
    starting.count("ADQL geometry functions installed", functions.install());
  }
}
