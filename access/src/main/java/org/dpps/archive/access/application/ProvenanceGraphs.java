package org.dpps.archive.access.application;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dpps.archive.access.infrastructure.graph.ProvenanceStore;
import org.dpps.archive.storage.application.StorageSettings;

/** The application's TDB2 provenance store, opened on first use. */
@ApplicationScoped
public class ProvenanceGraphs {
  private StorageSettings settings;
  private ProvenanceStore store;

  protected ProvenanceGraphs() {}

  @Inject
  public ProvenanceGraphs(StorageSettings settings) {
    this.settings = settings;
  }

  public synchronized ProvenanceStore store() {
    if (store == null) {
      store = new ProvenanceStore(settings.graph());
    }
    return store;
  }

  @PreDestroy
  synchronized void close() {
    if (store != null) {
      store.close();
      store = null;
    }
  }
}
