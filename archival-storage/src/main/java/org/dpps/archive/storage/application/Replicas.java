package org.dpps.archive.storage.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dpps.archive.storage.domain.ReplicaStore;
import org.dpps.archive.storage.domain.ReplicaStores;
import org.dpps.archive.storage.domain.StorageLedger;

/**
 * The configured replicas and the ledger of those initialised: a root initialised once (by this
 * process or an earlier one) and then unmounted is down, never re-created empty.
 */
final class Replicas {
  private final StorageSettings settings;
  private final StorageLedger ledger;
  private final ReplicaStores stores;
  private final Clock clock;
  // loaded from the ledger once, and kept up to date as roots are registered
  private final Set<String> initialised = ConcurrentHashMap.newKeySet();
  private List<Replica> replicas;

  Replicas(StorageSettings settings, StorageLedger ledger, ReplicaStores stores, Clock clock) {
    this.settings = settings;
    this.ledger = ledger;
    this.stores = stores;
    this.clock = clock;
  }

  /** The configured replicas, in order of preference for reads. */
  synchronized List<Replica> all() {
    if (replicas == null) {
      initialised.addAll(ledger.initialisedReplicas());
      List<Replica> list = new ArrayList<>();
      for (StorageSettings.ReplicaConfig config : settings.replicas()) {
        list.add(new Replica(config, initialised::contains, stores));
      }
      replicas = List.copyOf(list);
    }
    return replicas;
  }

  /** The open store of an available replica, registering the replica on first use. */
  ReplicaStore open(Replica replica) {
    boolean first = !replica.opened();
    ReplicaStore store = replica.store();
    if (first) {
      ledger.replicaInitialised(replica.name(), replica.root(), clock.instant());
      initialised.add(replica.name());
    }
    return store;
  }

  synchronized void close() {
    if (replicas != null) {
      replicas.forEach(Replica::close);
    }
  }
}
