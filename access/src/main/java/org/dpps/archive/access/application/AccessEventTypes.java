package org.dpps.archive.access.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.dpps.archive.access.domain.AccessEvent;
import org.dpps.archive.platform.events.EventTypes;

/** Makes data management's event types known to the log. */
@ApplicationScoped
public class AccessEventTypes implements EventTypes {
  @Override
  public List<AccessEvent> types() {
    return List.of(AccessEvent.values());
  }
}
