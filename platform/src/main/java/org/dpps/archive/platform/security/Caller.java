package org.dpps.archive.platform.security;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * Who makes a request: the token's subject, its issuer, and its groups (roles and other groups such
 * as a collaboration). {@link #ANONYMOUS} has neither.
 */
public record Caller(String subject, String issuer, Set<String> groups) implements Principal {
  public static final Caller ANONYMOUS = new Caller("anonymous", null, Set.of());

  public Caller {
    Objects.requireNonNull(subject, "subject");
    groups = Set.copyOf(groups);
  }

  /** The caller a request's principal stands for: anonymous unless it is a {@code Caller}. */
  public static Caller of(Principal principal) {
    return principal instanceof Caller c ? c : ANONYMOUS;
  }

  @Override
  public String getName() {
    return subject;
  }

  public boolean anonymous() {
    return this == ANONYMOUS || (issuer == null && groups.isEmpty());
  }

  /** Whether the caller holds {@code role}; archivists hold every role. */
  public boolean has(Role role) {
    return groups.contains(role.claim()) || groups.contains(Role.ARCHIVIST.claim());
  }

  public boolean inGroup(String group) {
    return group != null && groups.contains(group);
  }
}
