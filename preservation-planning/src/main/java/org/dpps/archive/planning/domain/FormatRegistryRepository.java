package org.dpps.archive.planning.domain;

import java.util.List;

/**
 * Where the format registry and the record of its changes are kept. Every method is one
 * transaction.
 */
public interface FormatRegistryRepository {
  /** Every entry, in id order. */
  List<FormatEntry> list();

  /**
   * The recorded changes of one entry (of all entries when {@code formatId} is null), newest first,
   * at most {@code limit}.
   */
  List<FormatChange> history(String formatId, int limit);

  /**
   * Adds each entry whose id the registry does not hold yet, with its change; returns their ids.
   */
  List<String> addAbsent(List<Revision> revisions);

  /** Adds a new entry with its change. */
  void add(Revision revision);

  /**
   * Replaces the entry if it is still at revision {@code current} and records the change; writes
   * nothing and returns false if the entry is gone or at another revision.
   */
  boolean replace(int current, Revision revision);

  /** An entry as written and the record of the change that wrote it. */
  record Revision(FormatEntry entry, FormatChange change) {}
}
