package org.dpps.archive.storage.domain;

import java.util.List;

/**
 * Fired after one or more AIP versions became durable in archival storage, together (for instance
 * all products of one deposit), so observers can index them in one batch.
 */
public record AipVersionsCommitted(List<AipVersionCommitted> versions) {
  public AipVersionsCommitted {
    versions = List.copyOf(versions);
  }
}
