package org.dpps.archive.storage.application;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.platform.jobs.HelperExecutor;
import org.dpps.archive.platform.signing.ArchiveKeys;
import org.dpps.archive.platform.signing.Sealer;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.api.Storage;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.AipVersionCommitted;
import org.dpps.archive.storage.domain.AipVersionsCommitted;
import org.dpps.archive.storage.domain.ReplicaStore;
import org.dpps.archive.storage.domain.ReplicaStores;
import org.dpps.archive.storage.domain.StorageEvent;
import org.dpps.archive.storage.domain.StorageLedger;

/**
 * Archival Storage as the rest of the archive sees it. Every AIP version is written to each
 * configured replica (separate OCFL storage roots): committed atomically to the first available
 * one, copied byte for byte (inventory included) to the others, and re-read and verified on each
 * (digests, manifests, seal) before the commit returns. A replica that is down is caught up later:
 * {@link #ensureReplicated} copies whatever versions it lacks. Each write is preceded by an intent
 * row, so that after a crash the half-installed version is removed at start-up ({@link
 * WriteRecovery#recoverInterruptedWrites}). Announces committed versions with {@link
 * AipVersionsCommitted}.
 *
 * <p>It is a little longer than the house's ~400 lines on purpose: the write path (intent, commit,
 * copy to each replica, verification, roll-back of what was not acknowledged) stays in one class so
 * that its crash safety can be read in one place.
 */
@ApplicationScoped
public class ArchivalStorage implements Storage {
  private static final System.Logger LOG = System.getLogger(ArchivalStorage.class.getName());
  static final String AGENT = "dpps-archive/archival-storage";
  private StorageSettings settings;
  private Event<AipVersionsCommitted> committed;
  private ArchiveKeys keys;
  private StorageLedger ledger;
  private ReplicaStores stores;
  private EventLog events;
  private Clock clock;
  private Replicas replicas;
  private final ObjectLocks locks = new ObjectLocks();
  private Executor helpers;

  protected ArchivalStorage() {}

  @Inject
  public ArchivalStorage(
      StorageSettings settings,
      Event<AipVersionsCommitted> committed,
      ArchiveKeys keys,
      StorageLedger ledger,
      ReplicaStores stores,
      EventLog events,
      HelperExecutor helpers,
      Clock clock) {
    this.helpers = helpers.executor();
    this.settings = settings;
    this.committed = committed;
    this.keys = keys;
    this.ledger = ledger;
    this.stores = stores;
    this.events = events;
    this.clock = clock;
    this.replicas = new Replicas(settings, ledger, stores, clock);
  }

  /** The configured replicas, in order of preference for reads. */
  public List<Replica> replicas() {
    return replicas.all();
  }

  @Override
  public List<String> replicaNames() {
    return replicas().stream().map(Replica::name).toList();
  }

  public Optional<Replica> replica(String name) {
    return replicas().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** The open store of an available replica, registering the replica on first use. */
  ReplicaStore open(Replica replica) {
    return replicas.open(replica);
  }

  private List<Replica> available() {
    return replicas().stream().filter(Replica::available).toList();
  }

  /** Names of the replicas that are down now. */
  @Override
  public List<String> unavailableReplicas() {
    return replicas().stream().filter(r -> !r.available()).map(Replica::name).toList();
  }

  /** The store reads come from: the first available replica. */
  private ReplicaStore reader() {
    return available().stream()
        .findFirst()
        .map(this::open)
        .orElseThrow(
            () ->
                new ArchiveException(
                    ErrorCode.REPLICA_UNAVAILABLE, "No storage replica is available"));
  }

  /** The archive's seal key, created on first use. */
  @Override
  public Sealer sealer() {
    return keys.sealer();
  }

  /** The archive's public key (base64), for anyone who wants to check a seal. */
  public String publicKey() {
    return keys.publicKey();
  }

  /** Commits the AIP and announces it; returns the version number written. */
  @Override
  public int commit(AipCommit commit) {
    return commitAll(List.of(commit)).get(0);
  }

  /**
   * Commits each AIP (each atomically, on every replica, verified) and then announces them all in
   * one event; returns the version numbers written, in order. If a commit fails, the ones before it
   * are announced before the failure is thrown. If a replica is down, every AIP is committed to the
   * others and then REPLICA_UNAVAILABLE is thrown: the caller retries with {@link
   * #ensureReplicated} once the replica is back.
   */
  @Override
  public List<Integer> commitAll(List<AipCommit> commits) {
    List<Integer> versions = new ArrayList<>();
    List<AipVersionCommitted> done = new ArrayList<>();
    Set<String> down = new LinkedHashSet<>();
    try {
      for (AipCommit commit : commits) {
        ReentrantLock lock = locks.of(commit.productId());
        lock.lock();
        try {
          int version = commitToSource(commit);
          versions.add(version);
          done.add(new AipVersionCommitted(commit.productId(), version));
          down.addAll(replicate(commit.productId()));
        } finally {
          lock.unlock();
        }
      }
    } catch (RuntimeException e) {
      // nothing of this call was acknowledged: take every version it wrote back out, so that a
      // failed deposit (a full disk, a failed verification) leaves storage as it was
      rollBack(done, e);
      throw e;
    }
    committed.fire(new AipVersionsCommitted(done));
    if (!down.isEmpty()) {
      throw replicasDown(down);
    }
    return versions;
  }

  private void rollBack(List<AipVersionCommitted> written, RuntimeException cause) {
    for (AipVersionCommitted w : written) {
      ReentrantLock lock = locks.of(w.productId());
      lock.lock();
      try {
        for (Replica r : available()) {
          ReplicaStore store = open(r);
          if (store.headVersion(w.productId()) >= w.version()) {
            store.rollbackTo(w.productId(), w.version() - 1);
            events.append(
                StorageEvent.STORED,
                ArchiveEvent.Outcome.FAILURE,
                w.productId().value(),
                r.name(),
                AGENT,
                Map.of(
                    "version",
                    w.version(),
                    "rolledBack",
                    true,
                    "cause",
                    String.valueOf(cause.getMessage())));
          }
        }
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
        LOG.log(
            System.Logger.Level.ERROR,
            "Could not roll back " + w.productId() + " v" + w.version() + "; an audit will see it",
            e);
      } finally {
        lock.unlock();
      }
    }
  }

  private static ArchiveException replicasDown(Set<String> down) {
    return new ArchiveException(
        ErrorCode.REPLICA_UNAVAILABLE,
        "Stored, but replica(s) "
            + String.join(", ", down)
            + " are unavailable; the deposit completes when they return");
  }

  private int commitToSource(AipCommit commit) {
    List<Replica> up = available();
    if (up.isEmpty()) {
      throw new ArchiveException(ErrorCode.REPLICA_UNAVAILABLE, "No storage replica is available");
    }
    Replica source = up.get(0);
    ReplicaStore store = open(source);
    int next = store.headVersion(commit.productId()) + 1;
    if (commit.expectedVersion() > 0 && commit.expectedVersion() != next) {
      throw new ArchiveException(
          ErrorCode.STORAGE_CONFLICT,
          commit.productId()
              + " would become version "
              + next
              + ", but its new version was prepared as "
              + commit.expectedVersion());
    }
    recordIntent(commit.productId(), source.name(), next);
    int version = store.commit(commit);
    verifyWritten(source, store, commit.productId(), version);
    clearIntent(commit.productId(), source.name(), next);
    events.append(
        StorageEvent.STORED,
        ArchiveEvent.Outcome.SUCCESS,
        commit.productId().value(),
        source.name(),
        AGENT,
        Map.of("version", version, "files", commit.files().size(), "message", commit.message()));
    return version;
  }

  /**
   * Brings every available replica up to the newest head among them, copying the versions each
   * lacks from a replica that has them; verifies each copy.
   *
   * @throws ArchiveException REPLICA_UNAVAILABLE if a replica is down (the others are caught up)
   */
  @Override
  public void ensureReplicated(ProductId productId) {
    ReentrantLock lock = locks.of(productId);
    lock.lock();
    Set<String> down;
    try {
      down = replicate(productId);
    } finally {
      lock.unlock();
    }
    if (!down.isEmpty()) {
      throw replicasDown(down);
    }
  }

  /** Copies missing versions to each available replica; returns the replicas that are down. */
  private Set<String> replicate(ProductId productId) {
    Set<String> down = new LinkedHashSet<>();
    Map<Replica, Integer> heads = new LinkedHashMap<>();
    for (Replica r : replicas()) {
      if (!r.available()) {
        down.add(r.name());
        continue;
      }
      try {
        heads.put(r, open(r).headVersion(productId));
      } catch (ArchiveException e) {
        LOG.log(System.Logger.Level.WARNING, "Replica {0} unreadable: {1}", r, e.getMessage());
        down.add(r.name());
      }
    }
    Replica source =
        heads.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .orElse(null);
    if (source == null) {
      return down;
    }
    int head = heads.get(source);
    for (Map.Entry<Replica, Integer> e : heads.entrySet()) {
      Replica target = e.getKey();
      for (int v = e.getValue() + 1; v <= head; v++) {
        copyVersion(source, target, productId, v);
      }
    }
    return down;
  }

  private void copyVersion(Replica source, Replica target, ProductId productId, int version) {
    ReplicaStore to = open(target);
    recordIntent(productId, target.name(), version);
    to.importVersionFrom(open(source), productId, version);
    verifyWritten(target, to, productId, version);
    clearIntent(productId, target.name(), version);
    events.append(
        StorageEvent.REPLICATED,
        ArchiveEvent.Outcome.SUCCESS,
        productId.value(),
        target.name(),
        AGENT,
        Map.of("version", version, "from", source.name()));
  }

  /**
   * Re-reads the version just written and checks digests, manifests and seal; a version that fails
   * is removed again (it was never acknowledged) and the write fails.
   */
  private void verifyWritten(Replica replica, ReplicaStore store, ProductId productId, int v) {
    if (!settings.verifyAfterWrite()) {
      return;
    }
    store.invalidate(productId);
    AipVersion written =
        store
            .version(productId, v)
            .orElseThrow(
                () ->
                    new ArchiveException(
                        ErrorCode.STORAGE_FAILURE,
                        "Version " + v + " of " + productId + " vanished from " + replica.name()));
    AipVerifier.Report report = new AipVerifier(sealer(), helpers).verify(written);
    if (!report.intact()) {
      store.rollbackTo(productId, v - 1);
      events.append(
          StorageEvent.STORED,
          ArchiveEvent.Outcome.FAILURE,
          productId.value(),
          replica.name(),
          AGENT,
          Map.of("version", v, "failures", report.failures().toString()));
      throw new ArchiveException(
          ErrorCode.STORAGE_FAILURE,
          "Version "
              + v
              + " of "
              + productId
              + " failed verification after writing to "
              + replica.name()
              + ": "
              + report.failures());
    }
  }

  private void recordIntent(ProductId productId, String replica, int version) {
    ledger.writing(productId, replica, version, clock.instant());
  }

  void clearIntent(ProductId productId, String replica, int version) {
    ledger.written(productId, replica, version);
  }

  @Override
  public Optional<AipVersion> head(ProductId productId) {
    return reader().head(productId);
  }

  @Override
  public Optional<AipVersion> version(ProductId productId, int version) {
    return reader().version(productId, version);
  }

  /** Every stored product (on the first available replica); the caller closes the stream. */
  @Override
  public Stream<ProductId> productIds() {
    return reader().productIds();
  }

  /** The lock that serialises writes and repairs of one object. */
  ReentrantLock lockOf(ProductId productId) {
    return locks.of(productId);
  }

  Clock clock() {
    return clock;
  }

  StorageSettings settings() {
    return settings;
  }

  /** Helper tasks beside a commit, an audit or a repair (digests of large files). */
  Executor helpers() {
    return helpers;
  }

  StorageLedger ledger() {
    return ledger;
  }

  EventLog events() {
    return events;
  }

  @PreDestroy
  void close() {
    if (replicas != null) {
      replicas.close();
    }
  }
}
