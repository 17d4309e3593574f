package org.dpps.archive.access.domain.tap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The published rows of one product: its {@code ivoa.obscore} row, its {@code ivoa.obscore_hea} row
 * and its {@code ctao.observation} row, each as column name to value (String, Short, Integer, Long,
 * Double, {@link java.time.Instant} or null), in the tables' column order.
 *
 * @param productId the product the rows describe
 * @param version the AIP version they were derived from
 */
public record ObsCoreRows(
    String productId,
    int version,
    Map<String, Object> obscore,
    Map<String, Object> hea,
    Map<String, Object> observation) {
  public ObsCoreRows {
    Objects.requireNonNull(productId, "productId");
    obscore = Collections.unmodifiableMap(new LinkedHashMap<>(obscore)); // values may be null
    hea = Collections.unmodifiableMap(new LinkedHashMap<>(hea));
    observation = Collections.unmodifiableMap(new LinkedHashMap<>(observation));
  }

  /** The publisher DID, the key that joins the three rows. */
  public String publisherDid() {
    return (String) obscore.get("obs_publisher_did");
  }
}
