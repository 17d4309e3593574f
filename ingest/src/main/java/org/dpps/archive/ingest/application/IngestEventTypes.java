package org.dpps.archive.ingest.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.dpps.archive.ingest.domain.IngestEvent;
import org.dpps.archive.platform.events.EventTypes;

/** Makes ingest's event types known to the log. */
@ApplicationScoped
public class IngestEventTypes implements EventTypes {
  @Override
  public List<IngestEvent> types() {
    return List.of(IngestEvent.values());
  }
}
