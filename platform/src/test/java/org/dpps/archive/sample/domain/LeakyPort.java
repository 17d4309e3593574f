package org.dpps.archive.sample.domain;

import org.dpps.archive.sample.application.StartsThreads;

/** A domain type that knows the application layer (a fixture of {@code ArchiveRulesTest}). */
public interface LeakyPort {
  StartsThreads service();
}
