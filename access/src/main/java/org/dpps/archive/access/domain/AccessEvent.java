package org.dpps.archive.access.domain;

import org.dpps.archive.platform.events.EventType;

/** What data management writes to the event log. */
public enum AccessEvent implements EventType {
  CATALOGUE_REBUILT,
  /**
   * The catalogue, search index or provenance graph differed from the stored heads and was
   * repaired.
   */
  CATALOGUE_RECONCILED
}
