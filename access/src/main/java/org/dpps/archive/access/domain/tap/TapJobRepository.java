package org.dpps.archive.access.domain.tap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Port: the UWS jobs of the TAP service. */
public interface TapJobRepository {
  void create(TapJob job);

  Optional<TapJob> find(String id);

  /**
   * Changes a job in one transaction (read, change, write); empty when there is no such job. The
   * change sees the job as stored, so concurrent changes (an abort while the query finishes) are
   * applied one after the other.
   */
  Optional<TapJob> update(String id, UnaryOperator<TapJob> change);

  /** The jobs of an owner (null: anonymous), newest first, at most {@code limit}. */
  List<TapJob> list(String owner, List<TapPhase> phases, Instant after, int limit);

  /** Jobs whose destruction time has passed. */
  List<String> destructibleAt(Instant now);

  void delete(String id);
}
