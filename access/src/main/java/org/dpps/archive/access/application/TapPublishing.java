package org.dpps.archive.access.application;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.dpps.archive.access.domain.tap.TapSchema;
import org.dpps.archive.access.domain.tap.TapSchemaRepository;
import org.dpps.archive.platform.startup.ArchiveStarting;

/** At start-up, TAP_SCHEMA is rewritten from the published schema of this release. */
@ApplicationScoped
public class TapPublishing {
  private TapSchemaRepository repository;
  private TapSchema schema;

  protected TapPublishing() {}

  @Inject
  public TapPublishing(TapSchemaRepository repository, TapSchema schema) {
    this.repository = repository;
    this.schema = schema;
  }

  void publish(@Observes @Priority(ArchiveStarting.CATALOGUE) ArchiveStarting starting) {
    repository.publish(schema);
    starting.count("tables published in TAP_SCHEMA", schema.tables().size());
  }
}
