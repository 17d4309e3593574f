package org.dpps.archive.sample.interfaces.rest;

import java.util.List;
import java.util.Optional;
import org.dpps.archive.sample.domain.LeakyPort;

/** A resource that answers with domain types next to its own (a fixture of ArchiveRulesTest). */
public class LeakyResource {
  /** Its own answer: allowed. */
  public record Answer(String id, List<String> names) {}

  /** An answer that holds a domain type: caught. */
  public record Wrapper(String id, Optional<LeakyPort> port) {}

  public Answer own() {
    return new Answer("a", List.of());
  }

  public List<LeakyPort> leaks() {
    return List.of();
  }

  private LeakyPort internal() {
    return null;
  }
}
