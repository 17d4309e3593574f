package org.dpps.archive.storage.domain;

/**
 * Port, implemented by Access: the stores derived from storage (the catalogue, the search index,
 * the provenance graph). The quick audit asks them to compare themselves with the stored heads and
 * repair what differs.
 */
public interface DerivedStores {
  /** Compares every derived store with the stored heads and repairs what differs. */
  void reconcile();
}
