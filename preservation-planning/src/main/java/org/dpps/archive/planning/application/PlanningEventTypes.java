package org.dpps.archive.planning.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.dpps.archive.planning.domain.PlanningEvent;
import org.dpps.archive.platform.events.EventTypes;

/** Makes preservation planning's event types known to the log. */
@ApplicationScoped
public class PlanningEventTypes implements EventTypes {
  @Override
  public List<PlanningEvent> types() {
    return List.of(PlanningEvent.values());
  }
}
