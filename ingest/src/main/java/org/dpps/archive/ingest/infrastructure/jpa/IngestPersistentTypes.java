package org.dpps.archive.ingest.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.dpps.archive.platform.database.PersistentTypes;

/** The entities ingest persists. */
@ApplicationScoped
public class IngestPersistentTypes implements PersistentTypes {
  @Override
  public List<Class<?>> entityClasses() {
    return List.of(DepositEntity.class);
  }
}
