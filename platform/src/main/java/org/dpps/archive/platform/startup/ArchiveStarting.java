package org.dpps.archive.platform.startup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fired once at start-up, after the database is migrated and before the job runner starts. Each
 * module observes it to do its start-up recovery, in the order of the observers' {@code @Priority}
 * (the constants below), and counts what it did; the start-up log reports the counts.
 */
public final class ArchiveStarting {
  /** Storage: half-written versions removed. */
  public static final int STORAGE = 100;

  /** Access: the catalogue, search index and graph reconciled with storage. */
  public static final int CATALOGUE = 200;

  /** Preservation planning: the format registry seeded, holdings profiled. */
  public static final int FORMATS = 300;

  /** Ingest: interrupted deposits resumed. */
  public static final int DEPOSITS = 400;

  /** Preservation planning: running migration plans resumed. */
  public static final int PLANS = 500;

  /** Storage: unfinished audits resumed, the audit schedule started. */
  public static final int AUDITS = 600;

  private final Map<String, Integer> counts = new LinkedHashMap<>();

  /** Records how many of {@code what} a module's start-up step handled. */
  public synchronized void count(String what, int n) {
    counts.merge(what, n, Integer::sum);
  }

  /** How many of {@code what} were handled (0 if no step counted any). */
  public synchronized int count(String what) {
    return counts.getOrDefault(what, 0);
  }

  public synchronized Map<String, Integer> counts() {
    return Map.copyOf(counts);
  }
}
