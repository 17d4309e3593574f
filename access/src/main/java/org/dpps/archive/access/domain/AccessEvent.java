package org.dpps.archive.access.domain;

import org.dpps.archive.platform.events.EventType;

/** What data management writes to the event log. */
public enum AccessEvent implements EventType {
  CATALOGUE_REBUILT
}
