package org.dpps.archive.storage.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dpps.archive.schemas.model.ProductId;

/**
 * Where audits, their objects, their findings and each object's integrity state are kept. Every
 * method is one transaction; an object's outcome and the audit's totals are recorded together, so a
 * restart continues after the last recorded object.
 */
public interface AuditRepository {
  /** Stores a new QUEUED audit with its objects in the order they are to be checked. */
  void create(Audit.Definition audit, List<ProductId> objects);

  Optional<Audit.Definition> definition(String id);

  /** The report with at most {@code failureLimit} failures, oldest first. */
  Optional<Audit.Report> report(String id, int failureLimit);

  /** The latest audits, newest first, without their failures. */
  List<Audit.Report> recent(int limit);

  /** The audits still QUEUED or RUNNING, oldest first. */
  List<String> unfinished();

  /**
   * Marks a QUEUED or RUNNING audit RUNNING (keeping its first start time); empty if it has no work
   * left to do, else how many objects it had checked already.
   */
  Optional<Integer> begin(String id, Instant now);

  boolean isRunning(String id);

  /** Up to {@code n} objects of the audit not yet checked, in order. */
  List<Audit.Item> pending(String id, int n);

  /**
   * Records one object's outcome, its findings and the object's integrity state, unless the audit
   * is no longer RUNNING or the object was recorded already; true if recorded.
   */
  boolean record(
      String id,
      Audit.Item item,
      Audit.Outcome outcome,
      boolean full,
      long elapsedMillis,
      Instant at);

  /** Adds findings that belong to no object (stray files in a storage root). */
  void addFindings(String id, List<Audit.Finding> findings, Instant at);

  /** Marks a RUNNING audit COMPLETED with its summary; empty if it was not RUNNING. */
  Optional<Audit.Report> complete(String id, Instant at);

  /** Marks a QUEUED or RUNNING audit CANCELLED; empty if there is no such audit. */
  Optional<Audit.State> cancel(String id, Instant at);

  /** Marks a QUEUED or RUNNING audit FAILED with the reason. */
  void fail(String id, String reason, Instant at);

  /** When each object was last audited (fully, or at all for quick audits). */
  Map<String, Instant> lastAudited(Audit.Kind kind);

  /** Objects marked DAMAGED, with what was found. */
  Map<String, String> damaged();

  /** The integrity state of one object: OK, DAMAGED or UNKNOWN; empty if never audited. */
  Optional<String> integrityOf(String productId);
}
