package org.dpps.archive.planning.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A migration plan: which products' files of a source format an action turns into a target format,
 * its state, its items (one per affected product) and what they did.
 */
public final class MigrationPlan {
  private MigrationPlan() {}

  /** Plan states. */
  public enum State {
    DRAFT,
    RUNNING,
    FINISHED,
    CANCELLED
  }

  /** What an archivist asks for. */
  public record Request(
      String name,
      String sourceFormat,
      String targetFormat,
      String action,
      String cwl,
      List<String> products) {}

  /** The action as the plan recorded it when it was made. */
  public record ActionView(
      String id, String description, String tool, String toolVersion, String runner) {}

  /**
   * A plan as stored; {@code products} is null when the plan covers every product with a file in
   * the source format, {@code cwlDocument} is set for action {@code cwl} only.
   */
  public record Stored(
      String id,
      String name,
      String sourceFormat,
      String targetFormat,
      String actionId,
      ActionView action,
      String cwlDocument,
      List<String> products,
      State state,
      Instant createdAt,
      String createdBy,
      Instant startedAt,
      Instant finishedAt) {}

  public record Counts(int total, int pending, int migrated, int failed, int skipped) {}

  /** Totals of the products done so far. */
  public record Progress(
      long bytesBefore,
      long bytesAfter,
      long workMillis,
      Double elapsedSeconds,
      Double megabytesPerSecond,
      Double productsPerSecond) {}

  /** Sums over migrated items: bytes before and after, work time, how many. */
  public record Totals(long bytesBefore, long bytesAfter, long millis, long products) {}

  public record PlanView(
      String id,
      String name,
      String sourceFormat,
      String targetFormat,
      ActionView action,
      String state,
      Instant createdAt,
      String createdBy,
      Instant startedAt,
      Instant finishedAt,
      List<String> products,
      Counts counts,
      Progress progress,
      String cwl) {}

  public record ItemView(
      String productId,
      int seq,
      String state,
      Integer fromVersion,
      Integer toVersion,
      int files,
      long bytesBefore,
      long bytesAfter,
      long millis,
      int attempts,
      Map<String, Object> detail,
      Instant updatedAt) {}

  /**
   * What migrating one product came to: MIGRATED, SKIPPED or FAILED, the versions, and (when files
   * were migrated) their count and sizes.
   */
  public record ItemOutcome(
      String state,
      Integer fromVersion,
      Integer toVersion,
      int files,
      long bytesBefore,
      long bytesAfter,
      long millis,
      Map<String, Object> detail) {}
}
