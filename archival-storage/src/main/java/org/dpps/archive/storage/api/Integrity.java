package org.dpps.archive.storage.api;

import java.util.Optional;

/** What fixity audits concluded about each stored object. */
public interface Integrity {
  /** OK, DAMAGED or UNKNOWN; empty if the object was never audited. */
  Optional<String> integrityOf(String productId);
}
