package org.dpps.archive.ingest.domain;

import java.util.Optional;
import org.dpps.archive.platform.events.EventType;

/** What ingest writes to the event log: the end of each deposit (PREMIS "ingestion"). */
public enum IngestEvent implements EventType {
  DEPOSIT_ARCHIVED,
  DEPOSIT_REJECTED;

  @Override
  public Optional<String> premisCode() {
    return Optional.of("ing");
  }
}
