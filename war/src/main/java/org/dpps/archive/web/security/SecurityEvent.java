package org.dpps.archive.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.dpps.archive.platform.events.EventType;
import org.dpps.archive.platform.events.EventTypes;

/** What authentication writes to the event log. */
public enum SecurityEvent implements EventType {
  TOKEN_ISSUED;

  /** Makes these types known to the log. */
  @ApplicationScoped
  public static class Types implements EventTypes {
    @Override
    public List<SecurityEvent> types() {
      return List.of(SecurityEvent.values());
    }
  }
}
