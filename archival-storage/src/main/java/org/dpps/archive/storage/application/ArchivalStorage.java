package org.dpps.archive.storage.application;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.AipVersionCommitted;
import org.dpps.archive.storage.domain.AipVersionsCommitted;
import org.dpps.archive.storage.domain.Sealer;
import org.dpps.archive.storage.infrastructure.crypto.Ed25519Sealer;
import org.dpps.archive.storage.infrastructure.ocfl.OcflAipStore;

/**
 * Archival Storage as the rest of the archive sees it: commits AIP versions to the storage root and
 * announces each with {@link AipVersionCommitted}; reads stored versions; owns the archive's seal
 * key.
 */
@ApplicationScoped
public class ArchivalStorage {
  private StorageSettings settings;
  private Event<AipVersionsCommitted> committed;
  private OcflAipStore store;
  private Ed25519Sealer sealer;

  protected ArchivalStorage() {}

  @Inject
  public ArchivalStorage(StorageSettings settings, Event<AipVersionsCommitted> committed) {
    this.settings = settings;
    this.committed = committed;
  }

  private synchronized OcflAipStore store() {
    if (store == null) {
      store = new OcflAipStore(settings.ocflRoot(), settings.ocflWork());
    }
    return store;
  }

  /** The archive's seal key, created on first use. */
  public synchronized Sealer sealer() {
    if (sealer == null) {
      sealer = Ed25519Sealer.loadOrCreate(settings.keys());
    }
    return sealer;
  }

  /** The archive's public key (base64), for anyone who wants to check a seal. */
  public String publicKey() {
    sealer();
    return sealer.publicKeyBase64();
  }

  /** Commits the AIP and announces it; returns the version number written. */
  public int commit(AipCommit commit) {
    return commitAll(java.util.List.of(commit)).get(0);
  }

  /**
   * Commits each AIP (each atomically) and then announces them all in one event; returns the
   * version numbers written, in order. If a commit fails, the ones before it are announced before
   * the failure is thrown.
   */
  public java.util.List<Integer> commitAll(java.util.List<AipCommit> commits) {
    java.util.List<Integer> versions = new java.util.ArrayList<>();
    java.util.List<AipVersionCommitted> done = new java.util.ArrayList<>();
    try {
      for (AipCommit commit : commits) {
        int version = store().commit(commit);
        versions.add(version);
        done.add(new AipVersionCommitted(commit.productId(), version));
      }
    } finally {
      if (!done.isEmpty()) {
        committed.fire(new AipVersionsCommitted(done));
      }
    }
    return versions;
  }

  public Optional<AipVersion> head(ProductId productId) {
    return store().head(productId);
  }

  public Optional<AipVersion> version(ProductId productId, int version) {
    return store().version(productId, version);
  }

  /** Every stored product; the caller closes the stream. */
  public Stream<ProductId> productIds() {
    return store().productIds();
  }

  @PreDestroy
  synchronized void close() {
    if (store != null) {
      store.close();
    }
  }
}
