package org.dpps.archive.platform.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Typed configuration shared by every module: the archive's data directory ({@code archive.home},
 * env {@code ARCHIVE_HOME}) and its database ({@code archive.storage.db.url|user|password}; the
 * keys keep the names they had before the platform module existed, so existing deployments need no
 * change).
 */
@ApplicationScoped
public class PlatformSettings {
  private Path home;
  private Optional<String> dbUrl;
  private String dbUser;
  private String dbPassword;

  protected PlatformSettings() {}

  @Inject
  public PlatformSettings(
      @ConfigProperty(name = "archive.home", defaultValue = "./archive-data") String home,
      @ConfigProperty(name = "archive.storage.db.url") Optional<String> dbUrl,
      @ConfigProperty(name = "archive.storage.db.user", defaultValue = "archive") String dbUser,
      @ConfigProperty(name = "archive.storage.db.password") Optional<String> dbPassword) {
    this.home = Path.of(home).toAbsolutePath().normalize();
    this.dbUrl = dbUrl.filter(s -> !s.isBlank());
    this.dbUser = dbUser;
    this.dbPassword = dbPassword.orElse("");
  }

  /** Settings for tests and tools: the embedded H2 database under {@code home}. */
  public static PlatformSettings embedded(Path home) {
    return new PlatformSettings(home.toString(), Optional.empty(), "archive", Optional.empty());
  }

  /** The data directory. */
  public Path home() {
    return home;
  }

  /** Where the archive's signing keys live. */
  public Path keys() {
    return home.resolve("keys");
  }

  /** JDBC URL: configured, else an H2 file database under the data directory. */
  public String dbUrl() {
    // WRITE_DELAY=0: a commit is on disk before it is acknowledged (kill -9 loses nothing).
    // CACHE_SIZE (KB): 128 MB of pages, so that searches over a large catalogue stay in memory
    return dbUrl.orElse(
        "jdbc:h2:file:" + home.resolve("db/archive") + ";WRITE_DELAY=0;CACHE_SIZE=131072");
  }

  public String dbUser() {
    return dbUser;
  }

  public String dbPassword() {
    return dbPassword;
  }
}
