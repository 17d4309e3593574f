package org.dpps.archive.access.domain.tap;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An asynchronous TAP query: a UWS 1.1 job.
 *
 * @param owner the caller who created it, or null for an anonymous caller
 * @param parameters the TAP parameters as sent (LANG, QUERY, MAXREC, RESPONSEFORMAT, ...)
 * @param executionDuration seconds the query may run
 * @param resultFormat the MIME type of the result, once COMPLETED
 */
public record TapJob(
    String id,
    String owner,
    TapPhase phase,
    String runId,
    Map<String, String> parameters,
    Instant created,
    Instant started,
    Instant ended,
    long executionDuration,
    Instant destruction,
    String resultFormat,
    Long resultRows,
    Boolean overflow,
    String error) {
  public TapJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(phase, "phase");
    TreeMap<String, String> p = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    p.putAll(parameters);
    parameters = java.util.Collections.unmodifiableMap(p);
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(destruction, "destruction");
  }

  /** The TAP request these parameters make. */
  public TapRequest request() {
    return new TapRequest(parameters);
  }

  public TapJob withPhase(TapPhase newPhase) {
    return new TapJob(
        id,
        owner,
        newPhase,
        runId,
        parameters,
        created,
        started,
        ended,
        executionDuration,
        destruction,
        resultFormat,
        resultRows,
        overflow,
        error);
  }

  public TapJob started(Instant at) {
    return new TapJob(
        id,
        owner,
        TapPhase.EXECUTING,
        runId,
        parameters,
        created,
        at,
        null,
        executionDuration,
        destruction,
        null,
        null,
        null,
        null);
  }

  public TapJob completed(Instant at, String format, long rows, boolean cut) {
    return new TapJob(
        id,
        owner,
        TapPhase.COMPLETED,
        runId,
        parameters,
        created,
        started,
        at,
        executionDuration,
        destruction,
        format,
        rows,
        cut,
        null);
  }

  public TapJob failed(Instant at, String message) {
    return new TapJob(
        id,
        owner,
        TapPhase.ERROR,
        runId,
        parameters,
        created,
        started,
        at,
        executionDuration,
        destruction,
        null,
        null,
        null,
        message);
  }

  public TapJob aborted(Instant at) {
    return new TapJob(
        id,
        owner,
        TapPhase.ABORTED,
        runId,
        parameters,
        created,
        started,
        at,
        executionDuration,
        destruction,
        resultFormat,
        resultRows,
        overflow,
        error);
  }

  public TapJob withParameters(Map<String, String> more, String newRunId) {
    TreeMap<String, String> p = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    p.putAll(parameters);
    p.putAll(more);
    return new TapJob(
        id,
        owner,
        phase,
        newRunId,
        p,
        created,
        started,
        ended,
        executionDuration,
        destruction,
        resultFormat,
        resultRows,
        overflow,
        error);
  }

  public TapJob withExecutionDuration(long seconds) {
    return new TapJob(
        id,
        owner,
        phase,
        runId,
        parameters,
        created,
        started,
        ended,
        seconds,
        destruction,
        resultFormat,
        resultRows,
        overflow,
        error);
  }

  public TapJob withDestruction(Instant at) {
    return new TapJob(
        id,
        owner,
        phase,
        runId,
        parameters,
        created,
        started,
        ended,
        executionDuration,
        at,
        resultFormat,
        resultRows,
        overflow,
        error);
  }

  /** Whether {@code caller} (a subject, or null for anonymous) owns the job. */
  public boolean ownedBy(String caller) {
    return Objects.equals(owner, caller);
  }

  public Optional<String> errorMessage() {
    return Optional.ofNullable(error);
  }
}
