package org.dpps.archive.storage.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Typed configuration of the archive's data directory and of archival storage. Keys: {@code
 * archive.home} (env {@code ARCHIVE_HOME}), {@code archive.storage.db.url|user|password}.
 */
@ApplicationScoped
public class StorageSettings {
  private Path home;
  private Optional<String> dbUrl;
  private String dbUser;
  private String dbPassword;

  protected StorageSettings() {}

  @Inject
  public StorageSettings(
      @ConfigProperty(name = "archive.home", defaultValue = "./archive-data") String home,
      @ConfigProperty(name = "archive.storage.db.url") Optional<String> dbUrl,
      @ConfigProperty(name = "archive.storage.db.user", defaultValue = "archive") String dbUser,
      @ConfigProperty(name = "archive.storage.db.password") Optional<String> dbPassword) {
    this.home = Path.of(home).toAbsolutePath().normalize();
    this.dbUrl = dbUrl.filter(s -> !s.isBlank());
    this.dbUser = dbUser;
    this.dbPassword = dbPassword.orElse("");
  }

  /** Settings for tests and tools: embedded defaults under {@code home}. */
  public static StorageSettings embedded(Path home) {
    return new StorageSettings(home.toString(), Optional.empty(), "archive", Optional.empty());
  }

  public Path home() {
    return home;
  }

  public Path ocflRoot() {
    return home.resolve("ocfl");
  }

  public Path ocflWork() {
    return home.resolve("work/ocfl");
  }

  public Path keys() {
    return home.resolve("keys");
  }

  public Path staging() {
    return home.resolve("staging");
  }

  public Path searchIndex() {
    return home.resolve("index");
  }

  public Path graph() {
    return home.resolve("tdb2");
  }

  /** JDBC URL: configured, else an H2 file database under the data directory. */
  public String dbUrl() {
    // WRITE_DELAY=0: a commit is on disk before it is acknowledged (kill -9 loses nothing).
    return dbUrl.orElse("jdbc:h2:file:" + home.resolve("db/archive") + ";WRITE_DELAY=0");
  }

  public String dbUser() {
    return dbUser;
  }

  public String dbPassword() {
    return dbPassword;
  }
}
