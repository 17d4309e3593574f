package org.dpps.archive.platform.database;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import org.dpps.archive.platform.config.PlatformSettings;

/** The application's one {@link Database}, opened (and migrated) on first use. */
@ApplicationScoped
public class ArchiveDatabase {
  private PlatformSettings settings;
  private Instance<PersistentTypes> contributions;
  private Database database;

  protected ArchiveDatabase() {}

  @Inject
  public ArchiveDatabase(PlatformSettings settings, @Any Instance<PersistentTypes> contributions) {
    this.settings = settings;
    this.contributions = contributions;
  }

  /** A holder around an already open database (tests and tools without CDI). */
  public static ArchiveDatabase wrapping(Database database) {
    ArchiveDatabase holder = new ArchiveDatabase();
    holder.database = database;
    return holder;
  }

  public synchronized Database get() {
    if (database == null) {
      List<PersistentTypes> types = contributions.stream().toList();
      database = Database.open(settings.dbUrl(), settings.dbUser(), settings.dbPassword(), types);
    }
    return database;
  }

  @PreDestroy
  synchronized void close() {
    if (database != null) {
      database.close();
      database = null;
    }
  }
}
