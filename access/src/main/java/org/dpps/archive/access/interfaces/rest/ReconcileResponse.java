package org.dpps.archive.access.interfaces.rest;

import java.util.List;
import org.dpps.archive.access.application.CatalogueReconciliation;

/**
 * What {@code POST /api/v1/admin/catalogue/reconcile} answers: the stored heads compared, each
 * derived store's drift, what only a derived store has, how many products were written again and
 * whether all four stores agree now.
 */
public record ReconcileResponse(
    long storedHeads,
    Drift catalogue,
    Drift index,
    Drift graph,
    List<String> notInStorage,
    int repaired,
    boolean agree,
    long millis) {

  /** One derived store: products it lacked, products it held at another version, some ids. */
  public record Drift(int missing, int stale, List<String> sample) {
    static Drift of(CatalogueReconciliation.StoreDrift d) {
      return new Drift(d.missing(), d.stale(), d.sample());
    }
  }

  static ReconcileResponse of(CatalogueReconciliation.Report r) {
    return new ReconcileResponse(
        r.storedHeads(),
        Drift.of(r.catalogue()),
        Drift.of(r.index()),
        Drift.of(r.graph()),
        r.notInStorage(),
        r.repaired(),
        r.agree(),
        r.millis());
  }
}
