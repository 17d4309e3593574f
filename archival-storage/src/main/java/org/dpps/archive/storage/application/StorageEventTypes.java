package org.dpps.archive.storage.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.dpps.archive.platform.events.EventTypes;
import org.dpps.archive.storage.domain.StorageEvent;

/** Makes archival storage's event types known to the log. */
@ApplicationScoped
public class StorageEventTypes implements EventTypes {
  @Override
  public List<StorageEvent> types() {
    return List.of(StorageEvent.values());
  }
}
