package org.dpps.archive.planning.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where migration plans and their items are kept. Every method is one transaction. */
public interface MigrationPlanRepository {
  void create(MigrationPlan.Stored plan);

  Optional<MigrationPlan.Stored> find(String id);

  /** The latest plans, newest first. */
  List<MigrationPlan.Stored> list(int limit);

  /** The plan's items in plan order, optionally of one state. */
  List<MigrationPlan.ItemView> items(String id, String state, int limit, int offset);

  /**
   * Marks the plan RUNNING (started now) and gives every product of {@code affected} (product id to
   * [files, bytes] in the source format) that has no item yet a PENDING one; returns how many.
   */
  int start(String id, Map<String, long[]> affected, Instant now);

  /** Ends the plan as FINISHED or CANCELLED. */
  void end(String id, MigrationPlan.State state, Instant now);

  /** The RUNNING plans, oldest start first. */
  List<String> running();

  /** Up to {@code n} PENDING items in plan order. */
  List<MigrationPlan.ItemView> pending(String id, int n);

  /** Counts one more attempt at an item; returns the attempts so far, this one included. */
  int attempt(String id, String productId, Instant now);

  /** Records what migrating the product came to. */
  void record(String id, String productId, MigrationPlan.ItemOutcome outcome, Instant now);

  MigrationPlan.Counts counts(String id);

  /** Sums over the MIGRATED items that changed files, or those recorded since {@code since}. */
  MigrationPlan.Totals totals(String id, Instant since);
}
