package org.dpps.archive.planning.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The entities of preservation planning: registry, its changes, holdings, plans and items. */
@ApplicationScoped
public class PlanningPersistentTypes implements org.dpps.archive.platform.database.PersistentTypes {
  @Override
  public List<Class<?>> entityClasses() {
    return List.of(
        FormatEntryEntity.class,
        FormatChangeEntity.class,
        HoldingFileEntity.class,
        MigrationPlanEntity.class,
        MigrationItemEntity.class);
  }
}
