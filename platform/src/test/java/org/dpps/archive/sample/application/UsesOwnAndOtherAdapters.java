package org.dpps.archive.sample.application;

import org.dpps.archive.other.api.OtherApi;
import org.dpps.archive.other.application.OtherService;
import org.dpps.archive.other.infrastructure.OtherStore;
import org.dpps.archive.sample.infrastructure.OwnStore;

/**
 * Uses its own module's adapter and another module's adapter and use case (not allowed), and
 * another module's API (allowed).
 */
public class UsesOwnAndOtherAdapters {
  Object own = new OwnStore();
  Object other = new OtherStore();
  Object service = new OtherService();
  OtherApi api;
}
