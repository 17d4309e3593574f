package org.dpps.archive.storage.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Typed configuration of the archive's data directory and of archival storage. Keys: {@code
 * archive.home} (env {@code ARCHIVE_HOME}), {@code archive.storage.db.url|user|password}, {@code
 * archive.storage.replicas} (comma-separated {@code name=path}, paths relative to the data
 * directory or absolute; default {@code r1=ocfl,r2=ocfl-r2}), {@code
 * archive.storage.verify-after-write} (default true).
 */
@ApplicationScoped
public class StorageSettings {
  private Path home;
  private Optional<String> dbUrl;
  private String dbUser;
  private String dbPassword;
  private java.util.List<ReplicaConfig> replicas;
  private boolean verifyAfterWrite;

  /** A configured storage root: its name (stable, used in reports) and its directory. */
  public record ReplicaConfig(String name, Path root) {
    /** ocfl-java's work directory: beside the root, so that moves into it stay on one volume. */
    public Path workDir() {
      return root.resolveSibling(root.getFileName() + "-work");
    }
  }

  protected StorageSettings() {}

  @Inject
  public StorageSettings(
      @ConfigProperty(name = "archive.home", defaultValue = "./archive-data") String home,
      @ConfigProperty(name = "archive.storage.db.url") Optional<String> dbUrl,
      @ConfigProperty(name = "archive.storage.db.user", defaultValue = "archive") String dbUser,
      @ConfigProperty(name = "archive.storage.db.password") Optional<String> dbPassword,
      @ConfigProperty(name = "archive.storage.replicas") Optional<String> replicas,
      @ConfigProperty(name = "archive.storage.verify-after-write", defaultValue = "true")
          boolean verifyAfterWrite) {
    this.home = Path.of(home).toAbsolutePath().normalize();
    this.dbUrl = dbUrl.filter(s -> !s.isBlank());
    this.dbUser = dbUser;
    this.dbPassword = dbPassword.orElse("");
    this.replicas = parseReplicas(this.home, replicas.filter(s -> !s.isBlank()).orElse(DEFAULT));
    this.verifyAfterWrite = verifyAfterWrite;
  }

  static final String DEFAULT = "r1=ocfl,r2=ocfl-r2";

  /** Settings for tests and tools: embedded defaults under {@code home}. */
  public static StorageSettings embedded(Path home) {
    return withReplicas(home, DEFAULT);
  }

  /** Embedded defaults under {@code home} with the given replica list ({@code name=path,...}). */
  public static StorageSettings withReplicas(Path home, String replicas) {
    return new StorageSettings(
        home.toString(),
        Optional.empty(),
        "archive",
        Optional.empty(),
        Optional.of(replicas),
        true);
  }

  static java.util.List<ReplicaConfig> parseReplicas(Path home, String spec) {
    java.util.List<ReplicaConfig> list = new java.util.ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    java.util.Set<Path> roots = new java.util.HashSet<>();
    for (String entry : spec.split(",")) {
      String e = entry.trim();
      int eq = e.indexOf('=');
      if (eq <= 0 || eq == e.length() - 1) {
        throw new IllegalArgumentException(
            "archive.storage.replicas: expected name=path, got '" + e + "'");
      }
      String name = e.substring(0, eq).trim();
      if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
        throw new IllegalArgumentException("archive.storage.replicas: bad name '" + name + "'");
      }
      Path root = home.resolve(e.substring(eq + 1).trim()).toAbsolutePath().normalize();
      if (!names.add(name) || !roots.add(root)) {
        throw new IllegalArgumentException(
            "archive.storage.replicas: duplicate replica '" + name + "' or root " + root);
      }
      list.add(new ReplicaConfig(name, root));
    }
    return java.util.List.copyOf(list);
  }

  /** The configured storage roots, the first being the one reads prefer. */
  public java.util.List<ReplicaConfig> replicas() {
    return replicas;
  }

  public boolean verifyAfterWrite() {
    return verifyAfterWrite;
  }

  /** Where files an audit or a crash recovery takes out of a storage root are kept. */
  public Path quarantine() {
    return home.resolve("quarantine");
  }

  public Path home() {
    return home;
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
}
