package org.dpps.archive.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every regular file under a directory, by relative path, with its size. */
public record DiskSnapshot(Map<String, Long> files) {

  public static DiskSnapshot of(Path root) {
    Map<String, Long> files = new TreeMap<>();
    if (!Files.exists(root)) {
      return new DiskSnapshot(files);
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .forEach(p -> files.put(root.relativize(p).toString(), size(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DiskSnapshot(files);
  }

  /** Number of version directories ({@code v1}, {@code v2}, ...) of all OCFL objects. */
  public long ocflVersionDirectories() {
    return files.keySet().stream()
        .map(p -> p.replace('\\', '/'))
        .filter(p -> p.matches(".*/v\\d+/content/.*"))
        .map(p -> p.substring(0, p.indexOf("/content/")))
        .distinct()
        .count();
  }

  /** Every path under {@code root} whose file name is {@code name}. */
  public static java.util.List<Path> find(Path root, String name) {
    if (!Files.exists(root)) {
      return java.util.List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().equals(name)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
