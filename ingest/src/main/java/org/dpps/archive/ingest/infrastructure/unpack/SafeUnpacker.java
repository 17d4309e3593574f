package org.dpps.archive.ingest.infrastructure.unpack;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.dpps.archive.ingest.application.IngestSettings;
import org.dpps.archive.ingest.application.IngestSettings.Limits;
import org.dpps.archive.ingest.domain.SipStager;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.jobs.HelperExecutor;
import org.dpps.archive.schemas.model.MultiDigest;

/**
 * Unpacks a serialized bag (zip, tar, tar.gz) streamed from a request, or copies a bag directory,
 * into a fresh target directory, digesting every file while it is written. Every entry name is
 * checked before anything is written: absolute paths, {@code ..}, backslashes, NUL, links and
 * devices are refused, as are duplicates; counts, sizes and the compression ratio are bounded while
 * streaming. Nothing is ever written outside the target.
 *
 * <p>It is longer than the house's ~400 lines on purpose: every check an untrusted archive passes
 * through (names, links, counts, sizes, ratio) is in this one class, so that it can be reviewed as
 * one.
 */
@ApplicationScoped
public class SafeUnpacker implements SipStager {
  private static final int BUFFER = 1 << 20;
  private static final int MAX_PATH_LENGTH = 1024;
  private static final long RATIO_GRACE_BYTES = 1 << 20;
  private Limits limits;
  private java.util.concurrent.Executor helpers;

  protected SafeUnpacker() {}

  /** The archive's stager: the configured limits, digests and flushes on helper tasks. */
  @Inject
  public SafeUnpacker(IngestSettings settings, HelperExecutor helpers) {
    this(settings.limits(), helpers.executor());
  }

  /** Digests and flushes on the calling thread. */
  public SafeUnpacker(Limits limits) {
    this(limits, null);
  }

  /**
   * @param helpers digests large chunks and flushes written files beside the thread that unpacks
   */
  public SafeUnpacker(Limits limits, java.util.concurrent.Executor helpers) {
    this.limits = limits;
    this.helpers = helpers;
  }

  /**
   * Unpacks {@code body} into {@code target}, which must not exist yet. A zip is first spooled next
   * to {@code target} (in the deposit's own staging directory) so that its central directory, which
   * alone records symbolic links, can be read; tar streams are unpacked as they arrive.
   */
  @Override
  public Result unpack(InputStream body, Format format, Path target) {
    CountingInputStream counted = new CountingInputStream(body, limits.maxUploadBytes());
    Path spool = target.resolveSibling(target.getFileName() + ".upload.zip");
    try {
      Files.createDirectories(target);
      if (format == Format.ZIP) {
        try (OutputStream out = Files.newOutputStream(spool, StandardOpenOption.CREATE_NEW)) {
          counted.transferTo(out);
        }
        try (ZipFile zip = ZipFile.builder().setPath(spool).get()) {
          return extract(new ZipFileEntries(zip), target);
        }
      }
      InputStream buffered = new BufferedInputStream(counted, BUFFER);
      try (ArchiveInputStream<?> archive = open(buffered, format)) {
        return extract(new StreamEntries(archive, counted), target);
      }
    } catch (ArchiveException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      if (counted.limitExceeded) {
        throw new ArchiveException(
            ErrorCode.UPLOAD_TOO_LARGE,
            "The upload is larger than " + limits.maxUploadBytes() + " bytes");
      }
      throw new ArchiveException(
          ErrorCode.MALFORMED_ARCHIVE,
          "Cannot read the " + format + " upload: " + e.getMessage(),
          null,
          e);
    } finally {
      try {
        Files.deleteIfExists(spool);
      } catch (IOException e) {
        // left in the deposit's staging directory, removed with it
      }
    }
  }

  /** The entries of an archive, whichever way it is read. */
  private interface Entries {
    ArchiveEntry next() throws IOException;

    boolean canRead(ArchiveEntry entry);

    InputStream data(ArchiveEntry entry) throws IOException;

    /** Compressed bytes consumed so far, including the current entry's. */
    long compressedBytes();
  }

  private static final class StreamEntries implements Entries {
    private final ArchiveInputStream<?> archive;
    private final CountingInputStream counted;

    StreamEntries(ArchiveInputStream<?> archive, CountingInputStream counted) {
      this.archive = archive;
      this.counted = counted;
    }

    @Override
    public ArchiveEntry next() throws IOException {
      return archive.getNextEntry();
    }

    @Override
    public boolean canRead(ArchiveEntry entry) {
      return archive.canReadEntryData(entry);
    }

    @Override
    public InputStream data(ArchiveEntry entry) {
      return archive;
    }

    @Override
    public long compressedBytes() {
      return counted.count;
    }
  }

  private static final class ZipFileEntries implements Entries {
    private final ZipFile zip;
    private final java.util.Iterator<ZipArchiveEntry> entries;
    private long compressed;
    private InputStream current;

    ZipFileEntries(ZipFile zip) {
      this.zip = zip;
      this.entries = zip.getEntriesInPhysicalOrder().asIterator();
    }

    @Override
    public ArchiveEntry next() {
      if (!entries.hasNext()) {
        return null;
      }
      ZipArchiveEntry entry = entries.next();
      compressed += Math.max(entry.getCompressedSize(), 0);
      return entry;
    }

    @Override
    public boolean canRead(ArchiveEntry entry) {
      return zip.canReadEntryData((ZipArchiveEntry) entry);
    }

    @Override
    public InputStream data(ArchiveEntry entry) throws IOException {
      if (current != null) {
        current.close();
      }
      current = zip.getInputStream((ZipArchiveEntry) entry);
      return current;
    }

    @Override
    public long compressedBytes() {
      return compressed;
    }
  }

  private static ArchiveInputStream<?> open(InputStream in, Format format) throws IOException {
    return switch (format) {
      case TAR -> new TarArchiveInputStream(in);
      case ZIP -> throw new IllegalArgumentException("a zip is read from its spool file");
      case TAR_GZ -> new TarArchiveInputStream(new GzipCompressorInputStream(in, true));
    };
  }

  private Result extract(Entries archive, Path target) throws IOException {
    Map<String, MultiDigest.Result> files = new LinkedHashMap<>();
    long total = 0;
    int entries = 0;
    byte[] buffer = new byte[BUFFER];
    ArchiveEntry entry;
    while ((entry = archive.next()) != null) {
      if (++entries > limits.maxEntries()) {
        throw new ArchiveException(
            ErrorCode.TOO_MANY_ENTRIES,
            "The deposit has more than " + limits.maxEntries() + " entries",
            entry.getName());
      }
      String name = checkName(entry.getName());
      checkEntryType(entry);
      if (name.isEmpty()) {
        continue;
      }
      Path destination = resolveInside(target, name);
      if (entry.isDirectory()) {
        Files.createDirectories(destination);
        continue;
      }
      if (!archive.canRead(entry)) {
        throw new ArchiveException(
            ErrorCode.MALFORMED_ARCHIVE,
            "Entry uses an unsupported compression method or encryption",
            name);
      }
      Files.createDirectories(destination.getParent());
      MultiDigest digest = new MultiDigest(helpers);
      long written = 0;
      InputStream data = archive.data(entry);
      try (DurableFile out = new DurableFile(destination, helpers)) {
        int n;
        // whole buffers: large chunks let MultiDigest put sha512 on the second core
        while ((n = data.readNBytes(buffer, 0, buffer.length)) > 0) {
          out.write(buffer, n);
          digest.update(buffer, 0, n);
          written += n;
          total += n;
          checkSize(total, name);
          checkRatio(total, archive.compressedBytes(), name);
        }
      } catch (FileAlreadyExistsException e) {
        throw new ArchiveException(
            ErrorCode.MALFORMED_ARCHIVE, "The archive holds this entry twice", name);
      }
      files.put(target.relativize(destination).toString().replace('\\', '/'), digest.finish());
    }
    return new Result(files, total);
  }

  /**
   * Copies a bag directory (not following links) into {@code target}, digesting while copying.
   * Links, devices and entries that would escape are refused.
   */
  @Override
  public Result copyTree(Path source, Path target) {
    Map<String, MultiDigest.Result> files = new LinkedHashMap<>();
    long total = 0;
    int entries = 0;
    byte[] buffer = new byte[BUFFER];
    Deque<Path> pending = new ArrayDeque<>(List.of(source));
    try {
      Files.createDirectories(target);
      while (!pending.isEmpty()) {
        Path dir = pending.pop();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
          for (Path child : children) {
            String rel = source.relativize(child).toString().replace('\\', '/');
            if (++entries > limits.maxEntries()) {
              throw new ArchiveException(
                  ErrorCode.TOO_MANY_ENTRIES,
                  "The bag has more than " + limits.maxEntries() + " entries",
                  rel);
            }
            checkName(rel);
            BasicFileAttributes attrs =
                Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Path destination = resolveInside(target, rel);
            if (attrs.isSymbolicLink() || attrs.isOther()) {
              throw new ArchiveException(
                  ErrorCode.PATH_ESCAPE, "Links and special files are not accepted in a bag", rel);
            } else if (attrs.isDirectory()) {
              Files.createDirectories(destination);
              pending.push(child);
            } else {
              MultiDigest digest = new MultiDigest(helpers);
              try (InputStream in = Files.newInputStream(child, LinkOption.NOFOLLOW_LINKS);
                  DurableFile out = new DurableFile(destination, helpers)) {
                int n;
                while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                  out.write(buffer, n);
                  digest.update(buffer, 0, n);
                  total += n;
                  checkSize(total, rel);
                }
              }
              files.put(rel, digest.finish());
            }
          }
        }
      }
      return new Result(files, total);
    } catch (IOException e) {
      throw new ArchiveException(
          ErrorCode.STAGED_PATH_INVALID, "Cannot copy the staged bag: " + e.getMessage(), null, e);
    }
  }

  private void checkSize(long total, String name) {
    if (total > limits.maxUnpackedBytes()) {
      throw new ArchiveException(
          ErrorCode.UPLOAD_TOO_LARGE,
          "The deposit unpacks to more than " + limits.maxUnpackedBytes() + " bytes",
          name);
    }
  }

  private void checkRatio(long unpacked, long compressed, String name) {
    if (unpacked > RATIO_GRACE_BYTES
        && unpacked > limits.maxCompressionRatio() * Math.max(compressed, 1)) {
      throw new ArchiveException(
          ErrorCode.COMPRESSION_RATIO,
          "The deposit expands more than "
              + limits.maxCompressionRatio()
              + " times its compressed size (possible zip bomb)",
          name);
    }
  }

  private static void checkEntryType(ArchiveEntry entry) {
    if (entry instanceof TarArchiveEntry tar) {
      if (tar.isSymbolicLink() || tar.isLink()) {
        throw new ArchiveException(
            ErrorCode.PATH_ESCAPE, "Links are not accepted in a bag", entry.getName());
      }
      if (tar.isCharacterDevice()
          || tar.isBlockDevice()
          || tar.isFIFO()
          || (!tar.isFile() && !tar.isDirectory())) {
        throw new ArchiveException(
            ErrorCode.PATH_ESCAPE,
            "Devices, pipes and other special entries are not accepted",
            entry.getName());
      }
    }
    if (entry instanceof ZipArchiveEntry zip && zip.isUnixSymlink()) {
      throw new ArchiveException(
          ErrorCode.PATH_ESCAPE, "Links are not accepted in a bag", entry.getName());
    }
  }

  /** Checks an entry name and returns it normalised (no leading {@code ./}, no trailing slash). */
  static String checkName(String raw) {
    if (raw == null) {
      throw new ArchiveException(ErrorCode.MALFORMED_ARCHIVE, "An entry has no name");
    }
    if (raw.length() > MAX_PATH_LENGTH) {
      throw new ArchiveException(
          ErrorCode.PATH_ESCAPE,
          "Entry name longer than " + MAX_PATH_LENGTH + " characters",
          raw.substring(0, 100) + "...");
    }
    if (raw.indexOf('\0') >= 0 || raw.indexOf('\\') >= 0) {
      throw new ArchiveException(
          ErrorCode.PATH_ESCAPE, "Entry name contains a NUL or a backslash", raw);
    }
    if (raw.startsWith("/") || raw.matches("^[A-Za-z]:.*")) {
      throw new ArchiveException(ErrorCode.PATH_ESCAPE, "Absolute entry path", raw);
    }
    StringBuilder normal = new StringBuilder();
    for (String segment : raw.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw new ArchiveException(ErrorCode.PATH_ESCAPE, "Entry path contains '..'", raw);
      }
      if (normal.length() > 0) {
        normal.append('/');
      }
      normal.append(segment);
    }
    return normal.toString();
  }

  private static Path resolveInside(Path target, String name) {
    Path resolved = target.resolve(name).normalize();
    if (!resolved.startsWith(target)) {
      throw new ArchiveException(ErrorCode.PATH_ESCAPE, "Entry escapes the bag", name);
    }
    return resolved;
  }

  /** Counts bytes read from the request and stops reading past the upload limit. */
  private static final class CountingInputStream extends FilterInputStream {
    private final long limit;
    private long count;
    private boolean limitExceeded;

    CountingInputStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    private void add(long n) throws IOException {
      count += n;
      if (count > limit) {
        limitExceeded = true;
        throw new IOException("upload limit exceeded");
      }
    }
  }
}
