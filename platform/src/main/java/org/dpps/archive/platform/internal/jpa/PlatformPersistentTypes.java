package org.dpps.archive.platform.internal.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.dpps.archive.platform.database.PersistentTypes;

/** The platform's own entities: the event log, its checkpoints and the jobs. */
@ApplicationScoped
public class PlatformPersistentTypes implements PersistentTypes {
  /** The entity classes, for tests that open a database without CDI. */
  public static final List<Class<?>> ENTITIES =
      List.of(EventEntity.class, CheckpointEntity.class, JobEntity.class);

  @Override
  public List<Class<?>> entityClasses() {
    return ENTITIES;
  }
}
