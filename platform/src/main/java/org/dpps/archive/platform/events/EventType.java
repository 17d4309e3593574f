package org.dpps.archive.platform.events;

import java.util.Optional;

/**
 * The type of an event in the archive's log. Each module names its own types in an enum that
 * implements this interface (storage: {@code StorageEvent}, ingest: {@code IngestEvent}, ...) and
 * makes them known with an {@link EventTypes} bean; the log stores the name.
 */
public interface EventType {
  /** The stable name stored in the log and used in {@code GET /api/v1/events?type=}. */
  String name();

  /** The code in the PREMIS event type vocabulary (id.loc.gov), if the event is one. */
  default Optional<String> premisCode() {
    return Optional.empty();
  }

  /** A type read back from the log: its stored name and PREMIS code. */
  static EventType of(String name, String premisCode) {
    return new Stored(name, Optional.ofNullable(premisCode));
  }

  /** A type as stored: name and PREMIS code, whichever module defined it. */
  record Stored(String name, Optional<String> premisCode) implements EventType {}
}
