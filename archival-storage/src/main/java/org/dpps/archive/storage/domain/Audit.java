package org.dpps.archive.storage.domain;

import java.time.Instant;
import java.util.List;

/**
 * Fixity audits: what an audit covers, its states, its report, and what auditing one object found.
 */
public final class Audit {
  private Audit() {}

  /** Full (every byte) or quick (existence, size, OCFL structure). */
  public enum Kind {
    FULL,
    QUICK
  }

  /** What started an audit. */
  public enum Trigger {
    API,
    SCHEDULE
  }

  /** The states of an audit. */
  public enum State {
    QUEUED,
    RUNNING,
    COMPLETED,
    CANCELLED,
    FAILED;

    /** Whether the audit still has work to do. */
    public boolean unfinished() {
      return this == QUEUED || this == RUNNING;
    }
  }

  /** An audit request: all objects, or some replicas and/or some products. */
  public record Request(
      Kind kind, List<String> replicas, List<String> products, Double budgetMBps, Integer limit) {}

  /**
   * An audit as created: its scope ({@code products} is null when it was not named by product),
   * whether it covers whole storage roots (then stray files are looked for) and its read budget.
   */
  public record Definition(
      String id,
      Kind kind,
      Trigger trigger,
      List<String> replicas,
      List<String> products,
      boolean wholeRoots,
      long budgetBytesPerSecond,
      Instant createdAt) {}

  /** One object of an audit, at its position in the audit's order. */
  public record Item(int position, String productId) {}

  /** One failure in a report. */
  public record FailureView(
      String productId,
      String replica,
      String path,
      String kind,
      String expected,
      String actual,
      String action,
      Instant detectedAt) {}

  /** An audit report, as GET /api/v1/audits/{id} returns it. */
  public record Report(
      String id,
      Kind kind,
      Trigger trigger,
      State state,
      List<String> replicas,
      List<String> products,
      Instant createdAt,
      Instant startedAt,
      Instant finishedAt,
      int objectsTotal,
      int objectsChecked,
      long filesChecked,
      long bytesChecked,
      double elapsedSeconds,
      double rateMBps,
      double budgetMBps,
      int failuresTotal,
      int repaired,
      int damaged,
      String message,
      List<FailureView> failures) {}

  /** A finding as the audit report lists it, with the action taken. */
  public record Finding(
      String productId,
      String replica,
      String path,
      String kind,
      String expected,
      String actual,
      String action) {}

  /** The outcome of auditing one object. */
  public record Outcome(
      String productId,
      int filesRead,
      long bytesRead,
      List<Finding> failures,
      int repaired,
      boolean damaged) {}
}
