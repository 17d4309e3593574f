package org.dpps.archive.platform.events;

import java.util.List;

/**
 * Contributed by each module that writes events: the types it defines. The event log lists them
 * all, for instance to tell a caller which types {@code GET /api/v1/events?type=} accepts.
 */
public interface EventTypes {
  List<? extends EventType> types();
}
