package org.dpps.archive.storage.application;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.dpps.archive.storage.domain.ReplicaStore;
import org.dpps.archive.storage.domain.ReplicaStores;

/**
 * One configured storage root. It is available when its directory is there and is an OCFL storage
 * root; a root that was initialised once and has vanished (an unmounted volume) is down, and is
 * never silently re-created empty.
 */
public final class Replica {
  private final StorageSettings.ReplicaConfig config;
  private final Predicate<String> initialisedBefore;
  private final ReplicaStores stores;
  private ReplicaStore store;

  Replica(
      StorageSettings.ReplicaConfig config,
      Predicate<String> initialisedBefore,
      ReplicaStores stores) {
    this.config = config;
    this.initialisedBefore = initialisedBefore;
    this.stores = stores;
  }

  public String name() {
    return config.name();
  }

  public Path root() {
    return config.root();
  }

  /** ocfl-java's work directory of this replica (versions and repairs being written). */
  public Path workDir() {
    return config.workDir();
  }

  /** Whether the root is there and is an OCFL storage root (initialising it the first time). */
  public synchronized boolean available() {
    Path root = config.root();
    if (Files.isRegularFile(root.resolve("0=ocfl_1.1"))) {
      return Files.isWritable(root);
    }
    if (Files.exists(root) && !isEmptyDirectory(root)) {
      return false; // something else is there: never write an OCFL root over it
    }
    return !initialisedBefore.test(config.name());
  }

  /**
   * The store of this root, opened (and on first use created) lazily.
   *
   * @throws IllegalStateException if the replica is not available
   */
  public synchronized ReplicaStore store() {
    if (store == null) {
      if (!available()) {
        throw new IllegalStateException("Replica " + name() + " is unavailable at " + root());
      }
      store = stores.open(config.root(), config.workDir());
    }
    return store;
  }

  synchronized boolean opened() {
    return store != null;
  }

  synchronized void close() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  private static boolean isEmptyDirectory(Path dir) {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return name() + " (" + root() + ")";
  }
}
