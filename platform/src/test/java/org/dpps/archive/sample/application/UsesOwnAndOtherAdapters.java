package org.dpps.archive.sample.application;

import org.dpps.archive.other.infrastructure.OtherStore;
import org.dpps.archive.sample.infrastructure.OwnStore;

/** Uses its own module's adapter (allowed here) and another module's (not). */
public class UsesOwnAndOtherAdapters {
  Object own = new OwnStore();
  Object other = new OtherStore();
}
