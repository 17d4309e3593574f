package org.dpps.archive.storage.application;

import java.util.concurrent.locks.ReentrantLock;
import org.dpps.archive.schemas.model.ProductId;

/**
 * Striped locks per stored object: a commit, a replication and an audit's check-and-repair of the
 * same object never run at the same time in this process.
 */
final class ObjectLocks {
  private final ReentrantLock[] stripes = new ReentrantLock[256];

  ObjectLocks() {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  ReentrantLock of(ProductId productId) {
    return stripes[Math.floorMod(productId.value().hashCode(), stripes.length)];
  }
}
