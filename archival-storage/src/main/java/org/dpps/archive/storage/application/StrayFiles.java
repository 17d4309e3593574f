package org.dpps.archive.storage.application;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.dpps.archive.storage.domain.Audit;

/**
 * Files in a storage root that belong to no OCFL object and are not the root's own files (dark
 * files outside any object): reported, never touched. Object directories are not entered.
 */
final class StrayFiles {
  private static final System.Logger LOG = System.getLogger(StrayFiles.class.getName());
  private static final int MAX_REPORTED = 10_000;

  private StrayFiles() {}

  /** The stray files of one replica's root, as DARK_FILE findings (at most 10,000). */
  static List<Audit.Finding> in(Replica replica) {
    List<Audit.Finding> stray = new ArrayList<>();
    Path root = replica.root();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (dir.equals(root.resolve("extensions"))
                  || Files.exists(dir.resolve("0=ocfl_object_1.1"))
                  || Files.exists(dir.resolve("0=ocfl_object_1.0"))) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String rel = root.relativize(file).toString().replace('\\', '/');
              if (!isRootFile(rel) && stray.size() < MAX_REPORTED) {
                stray.add(
                    new Audit.Finding(
                        null,
                        replica.name(),
                        rel,
                        "DARK_FILE",
                        null,
                        attrs.size() + " bytes",
                        "REPORTED"));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Cannot walk {0}: {1}", root, e.getMessage());
    }
    return stray;
  }

  /**
   * The storage root's own files: the declaration, the specification and layout documents and the
   * layout description ocfl-java writes there.
   */
  static boolean isRootFile(String relativePath) {
    return !relativePath.contains("/")
        && (relativePath.startsWith("0=ocfl_")
            || relativePath.startsWith("ocfl_")
            || relativePath.matches("\\d{4}-[a-z0-9-]+\\.md"));
  }
}
