package org.dpps.archive.platform.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the archive's append-only event log. {@code hash} is the SHA-256 of the entry's
 * content and of {@code prevHash}, so changing, removing or reordering any entry breaks the chain.
 */
public record ArchiveEvent(
    long seq,
    Instant at,
    EventType type,
    Outcome outcome,
    String productId,
    String replica,
    String agent,
    Map<String, Object> detail,
    String prevHash,
    String hash) {

  public ArchiveEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(agent, "agent");
    detail = Map.copyOf(detail);
  }

  /** Whether this event is of {@code type} (compared by name, as the log stores it). */
  public boolean is(EventType type) {
    return this.type.name().equals(type.name());
  }

  public Optional<String> product() {
    return Optional.ofNullable(productId);
  }

  /** Success or failure, as PREMIS records event outcomes. */
  public enum Outcome {
    SUCCESS,
    FAILURE
  }
}
