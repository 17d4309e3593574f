package org.dpps.archive.storage.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.files.FileTrees;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.StorageEvent;
import org.dpps.archive.storage.domain.StorageLedger;

/**
 * Start-up recovery of the storage roots: what a crash left in the work directories is removed, and
 * so is every version it left half-installed (an intent row names it; the version directory is
 * moved to quarantine, never deleted).
 */
@ApplicationScoped
public class WriteRecovery {
  private static final System.Logger LOG = System.getLogger(WriteRecovery.class.getName());
  private ArchivalStorage storage;

  protected WriteRecovery() {}

  @Inject
  public WriteRecovery(ArchivalStorage storage) {
    this.storage = storage;
  }

  /**
   * At start-up: empties each replica's work directory and removes every version a crash left
   * half-installed (named by a leftover intent); returns the number of versions removed.
   */
  public int recoverInterruptedWrites() {
    for (Replica r : storage.replicas()) {
      if (r.available()) {
        emptyDirectory(r.workDir());
      }
    }
    List<StorageLedger.WriteIntent> intents = storage.ledger().unfinishedWrites();
    int removed = 0;
    for (StorageLedger.WriteIntent intent : intents) {
      Optional<Replica> replica = storage.replica(intent.replica());
      if (replica.isEmpty() || !replica.get().available()) {
        continue;
      }
      ProductId productId = ProductId.parse(intent.productId());
      List<Path> moved =
          storage
              .open(replica.get())
              .removeUncommittedVersions(productId, storage.settings().quarantine());
      removed += moved.size();
      storage.clearIntent(productId, intent.replica(), intent.version());
      storage
          .events()
          .append(
              StorageEvent.CRASH_RECOVERY,
              ArchiveEvent.Outcome.SUCCESS,
              intent.productId(),
              intent.replica(),
              ArchivalStorage.AGENT,
              Map.of(
                  "version",
                  intent.version(),
                  "removed",
                  moved.stream().map(p -> p.getFileName().toString()).toList()));
    }
    return removed;
  }

  private static void emptyDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> children = Files.list(dir)) {
      children.forEach(FileTrees::deleteQuietly);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Cannot empty {0}: {1}", dir, e.getMessage());
    }
  }
}
