package org.dpps.archive.planning.domain;

import java.util.List;

/** Where the profiled holdings are kept. Every method is one transaction. */
public interface HoldingRepository {
  /** Replaces every file of the given products by {@code files}. */
  void replace(List<String> productIds, List<ProfiledFile> files);

  /**
   * The catalogued products whose head version the holdings do not have (all of them the first
   * time), in product id order.
   */
  List<String> stale();

  /** Every profiled file, in product and path order. */
  List<ProfiledFile> list();
}
