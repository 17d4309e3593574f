package org.dpps.archive.ingest.domain;

/** Where a deposit is in ingest. {@code ARCHIVED} and {@code REJECTED} are final. */
public enum DepositState {
  RECEIVED,
  VALIDATING,
  STORING,
  ARCHIVED,
  REJECTED;

  public boolean isFinal() {
    return this == ARCHIVED || this == REJECTED;
  }
}
