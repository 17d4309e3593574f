package org.dpps.archive.platform.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The archive's roles, carried in the {@code groups} claim of a MicroProfile JWT. An archivist may
 * do everything the other roles may; anonymous callers hold no role.
 */
public enum Role {
  /** Pipelines: submit deposits and follow them. */
  DEPOSITOR,
  /** Operators of the archive: audits, event log, rebuilds, tokens, and all embargoed data. */
  ARCHIVIST,
  /** Registered scientists: embargoed downloads of the groups they belong to. */
  SCIENTIST;

  /** The role's name in tokens: lower case. */
  public String claim() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromClaim(String value) {
    for (Role r : values()) {
      if (r.claim().equals(value)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
