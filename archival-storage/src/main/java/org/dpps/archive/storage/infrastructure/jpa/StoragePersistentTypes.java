package org.dpps.archive.storage.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.dpps.archive.platform.database.PersistentTypes;

/** Archival storage's entities. */
@ApplicationScoped
public class StoragePersistentTypes implements PersistentTypes {
  /** The entity classes, for tests that open a database without CDI. */
  public static final List<Class<?>> ENTITIES =
      List.of(
          ReplicaEntity.class,
          IntentEntity.class,
          IntegrityEntity.class,
          AuditEntity.class,
          AuditItemEntity.class,
          AuditFailureEntity.class);

  @Override
  public List<Class<?>> entityClasses() {
    return ENTITIES;
  }
}
