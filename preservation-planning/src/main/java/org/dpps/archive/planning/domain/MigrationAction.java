package org.dpps.archive.planning.domain;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One way of migrating a file: a built-in Java action or an external tool. Implementations are pure
 * file-to-file transformations: they read {@code in} (never changed), write {@code out}, and may
 * use {@code work} for anything else. The archive checks the result (significant properties, target
 * format) before anything is stored.
 */
public interface MigrationAction {
  /** Stable id, as plans name it. */
  String id();

  String description();

  /** The software that does the work, for PROV-O and PREMIS. */
  Tool tool();

  void migrate(Path in, Path out, Path work) throws IOException;

  /** The software agent of a migration: name, version, and how it was run. */
  record Tool(String name, String version, String runner) {}
}
