package org.dpps.archive.ingest.domain;

import java.util.List;
import java.util.Optional;

/** Port: durable deposits. {@link #save} commits before it returns. */
public interface DepositRepository {
  void save(Deposit deposit);

  Optional<Deposit> find(String id);

  /** Deposits not in a final state, oldest first: what a restart must resume or reject. */
  List<Deposit> unfinished();

  /** The most recently received deposits, newest first, optionally only those in one state. */
  List<Deposit> recent(Optional<DepositState> state, int limit);
}
