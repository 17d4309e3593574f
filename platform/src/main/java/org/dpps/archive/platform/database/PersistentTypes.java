package org.dpps.archive.platform.database;

import java.util.List;
import java.util.Map;

/**
 * Contributed by each module that persists entities: the entity classes it owns and any
 * persistence-unit properties it needs (for instance Hibernate Search settings). {@link Database}
 * collects every contribution into one persistence unit.
 */
public interface PersistentTypes {
  List<Class<?>> entityClasses();

  default Map<String, String> properties() {
    return Map.of();
  }
}
