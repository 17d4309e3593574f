package org.dpps.archive.storage.domain;

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
    Type type,
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

  public Optional<String> product() {
    return Optional.ofNullable(productId);
  }

  /** Success or failure, as PREMIS records event outcomes. */
  public enum Outcome {
    SUCCESS,
    FAILURE
  }

  /** What happened; each type maps to a PREMIS event type where one fits. */
  public enum Type {
    DEPOSIT_ARCHIVED("ing"),
    DEPOSIT_REJECTED("ing"),
    STORED("ing"),
    REPLICATED("rep"),
    FIXITY_CHECK("fix"),
    RECOVERY("rec"),
    QUARANTINE("qua"),
    DAMAGED("fix"),
    AUDIT_STARTED(null),
    AUDIT_FINISHED(null),
    CRASH_RECOVERY(null),
    CATALOGUE_REBUILT(null),
    TOKEN_ISSUED(null),
    FORMAT_CHANGED(null),
    MIGRATION("mig"),
    MIGRATION_REJECTED("mig"),
    PLAN_STARTED(null),
    PLAN_FINISHED(null);

    private final String premisCode;

    Type(String premisCode) {
      this.premisCode = premisCode;
    }

    /** The code in the PREMIS event type vocabulary (id.loc.gov), if the event is one. */
    public Optional<String> premisCode() {
      return Optional.ofNullable(premisCode);
    }
  }
}
