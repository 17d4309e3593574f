package org.dpps.archive.storage.domain;

import java.util.Optional;
import org.dpps.archive.platform.events.EventType;

/** What archival storage writes to the event log. */
public enum StorageEvent implements EventType {
  STORED,
  REPLICATED,
  FIXITY_CHECK,
  RECOVERY,
  QUARANTINE,
  DAMAGED,
  AUDIT_STARTED,
  AUDIT_FINISHED,
  CRASH_RECOVERY;

  @Override
  public Optional<String> premisCode() {
    return Optional.ofNullable(
        switch (this) {
          case STORED -> "ing";
          case REPLICATED -> "rep";
          case FIXITY_CHECK, DAMAGED -> "fix";
          case RECOVERY -> "rec";
          case QUARANTINE -> "qua";
          default -> null;
        });
  }
}
