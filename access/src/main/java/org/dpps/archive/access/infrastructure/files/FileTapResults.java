package org.dpps.archive.access.infrastructure.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dpps.archive.access.domain.tap.TapResults;
import org.dpps.archive.platform.config.PlatformSettings;

/**
 * Results of asynchronous TAP jobs in {@code <home>/work/tap/<job id>/result}: written to a
 * temporary file and renamed, so a result is whole or absent, also after a crash.
 */
@ApplicationScoped
public class FileTapResults implements TapResults {
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private Path root;

  protected FileTapResults() {}

  @Inject
  public FileTapResults(PlatformSettings settings) {
    this(settings.home().resolve("work").resolve("tap"));
  }

  /** Results under {@code root}. */
  public FileTapResults(Path root) {
    this.root = root;
  }

  @Override
  public <T> T write(String jobId, Writing<T> writing) throws IOException {
    Path dir = dir(jobId);
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "result", ".part");
    try {
      T value;
      try (OutputStream out = Files.newOutputStream(tmp)) {
        value = writing.to(out);
      }
      try {
        Files.move(tmp, dir.resolve("result"), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve("result"), StandardCopyOption.REPLACE_EXISTING);
      }
      return value;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public Optional<InputStream> open(String jobId) throws IOException {
    try {
      return Optional.of(Files.newInputStream(dir(jobId).resolve("result")));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<Long> size(String jobId) {
    try {
      return Optional.of(Files.size(dir(jobId).resolve("result")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void delete(String jobId) {
    Path dir = dir(jobId);
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the result of TAP job " + jobId, e);
    }
  }

  private Path dir(String jobId) {
    if (!JOB_ID.matcher(jobId).matches()) {
      throw new IllegalArgumentException("not a job id: " + jobId);
    }
    return root.resolve(jobId);
  }
}
