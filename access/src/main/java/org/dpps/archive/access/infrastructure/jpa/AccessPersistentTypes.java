package org.dpps.archive.access.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.dpps.archive.access.infrastructure.search.ArchiveAnalysisConfigurer;
import org.dpps.archive.platform.config.PlatformSettings;

/** The catalogue entities, and the Hibernate Search settings that index them in Lucene. */
@ApplicationScoped
public class AccessPersistentTypes implements org.dpps.archive.platform.database.PersistentTypes {
  private PlatformSettings settings;

  protected AccessPersistentTypes() {}

  @Inject
  public AccessPersistentTypes(PlatformSettings settings) {
    this.settings = settings;
  }

  @Override
  public List<Class<?>> entityClasses() {
    return List.of(CatalogueEntryEntity.class);
  }

  @Override
  public Map<String, String> properties() {
    return searchProperties(settings.home().resolve("index").toString());
  }

  /** Hibernate Search settings for a Lucene index under {@code indexDirectory}. */
  public static Map<String, String> searchProperties(String indexDirectory) {
    return Map.of(
        "hibernate.search.enabled", "true",
        "hibernate.search.backend.directory.root", indexDirectory,
        "hibernate.search.backend.analysis.configurer",
            "class:" + ArchiveAnalysisConfigurer.class.getName(),
        "hibernate.search.mapping.build_missing_discovered_jandex_indexes", "false",
        "hibernate.search.mapping.discover_annotated_types_from_root_mapping_annotations", "false",
        "hibernate.search.indexing.plan.synchronization.strategy", "sync");
  }
}
