package org.dpps.archive.planning.domain;

import java.util.Optional;
import org.dpps.archive.platform.events.EventType;

/** What preservation planning writes to the event log. */
public enum PlanningEvent implements EventType {
  FORMAT_CHANGED,
  MIGRATION,
  MIGRATION_REJECTED,
  PLAN_STARTED,
  PLAN_FINISHED;

  @Override
  public Optional<String> premisCode() {
    return this == MIGRATION || this == MIGRATION_REJECTED ? Optional.of("mig") : Optional.empty();
  }
}
