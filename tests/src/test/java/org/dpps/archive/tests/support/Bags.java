package org.dpps.archive.tests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * BagIt 1.0 bags built in memory and serialized as zip, tar or tar.gz, or written as a directory.
 * The manifest ({@code manifest-sha512.txt}) and {@code Payload-Oxum} are computed from the files;
 * the {@code with...}/{@code without...} methods break a bag on purpose.
 *
 * <pre>{@code
 * byte[] zip = Bags.aBag().withFile("data/obs.fits", bytes).withSipJson("my-pipeline").zip();
 * }</pre>
 */
public final class Bags {
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final Map<String, String> manifestOverrides = new LinkedHashMap<>();
  private final List<String> notInManifest = new ArrayList<>();
  private final Map<String, byte[]> extraEntries = new LinkedHashMap<>();
  private final Map<String, String> bagInfo = new LinkedHashMap<>();
  private String topDirectory;
  private boolean bagitTxt = true;
  private String oxumOverride;

  private Bags() {
    bagInfo.put("Source-Organization", "CTAO");
    bagInfo.put("Bagging-Date", "2024-11-21");
  }

  public static Bags aBag() {
    return new Bags();
  }

  /** A file of the bag; payload files are under {@code data/}, tag files elsewhere. */
  public Bags withFile(String path, byte[] content) {
    files.put(path, content);
    return this;
  }

  public Bags withFile(String path, String content) {
    return withFile(path, content.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code metadata/sip.json} naming the pipeline, with a description and keywords. */
  public Bags withSipJson(String pipeline, String description, String... keywords) {
    var json = ArchiveClient.JSON.createObjectNode();
    json.putObject("pipeline").put("name", pipeline).put("version", "1.2.3");
    json.put("description", description);
    var array = json.putArray("keywords");
    for (String k : keywords) {
      array.add(k);
    }
    return withFile("metadata/sip.json", json.toString());
  }

  /** Puts the bag inside one top-level directory of the archive (else it is at its root). */
  public Bags inDirectory(String name) {
    this.topDirectory = name;
    return this;
  }

  public Bags withBagInfo(String key, String value) {
    bagInfo.put(key, value);
    return this;
  }

  /** Leaves out {@code bagit.txt}: then it is no bag. */
  public Bags withoutBagitTxt() {
    this.bagitTxt = false;
    return this;
  }

  /** Lists {@code path} in the manifest with the given digest (the file need not exist). */
  public Bags withManifestEntry(String path, String sha512Hex) {
    manifestOverrides.put(path, sha512Hex);
    return this;
  }

  /** Leaves {@code path} out of the payload manifest. */
  public Bags withoutManifestEntry(String path) {
    notInManifest.add(path);
    return this;
  }

  /** A wrong {@code Payload-Oxum} in {@code bag-info.txt}. */
  public Bags withPayloadOxum(String oxum) {
    this.oxumOverride = oxum;
    return this;
  }

  /**
   * An archive entry with exactly this name, outside the bag logic (no top directory is prepended,
   * not in any manifest): for hostile names like {@code ../evil.txt}.
   */
  public Bags withRawEntry(String name, byte[] content) {
    extraEntries.put(name, content);
    return this;
  }

  /** Every entry of the bag (path relative to the bag root) with its bytes. */
  public Map<String, byte[]> entries() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    if (bagitTxt) {
      out.put("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".getBytes());
    }
    long octets = 0;
    int streams = 0;
    StringBuilder manifest = new StringBuilder();
    for (var e : files.entrySet()) {
      if (e.getKey().startsWith("data/")) {
        octets += e.getValue().length;
        streams++;
        if (!notInManifest.contains(e.getKey()) && !manifestOverrides.containsKey(e.getKey())) {
          manifest.append(sha512(e.getValue())).append("  ").append(e.getKey()).append('\n');
        }
      }
    }
    manifestOverrides.forEach(
        (path, digest) -> manifest.append(digest).append("  ").append(path).append('\n'));
    out.put("manifest-sha512.txt", manifest.toString().getBytes(StandardCharsets.UTF_8));
    StringBuilder info = new StringBuilder();
    bagInfo.forEach((k, v) -> info.append(k).append(": ").append(v).append('\n'));
    info.append("Payload-Oxum: ")
        .append(oxumOverride != null ? oxumOverride : octets + "." + streams)
        .append('\n');
    out.put("bag-info.txt", info.toString().getBytes(StandardCharsets.UTF_8));
    out.putAll(files);
    return out;
  }

  private String entryName(String path) {
    return topDirectory == null ? path : topDirectory + "/" + path;
  }

  /** The bag as a zip (deflated). */
  public byte[] zip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var e : entries().entrySet()) {
        zip.putNextEntry(new ZipEntry(entryName(e.getKey())));
        zip.write(e.getValue());
        zip.closeEntry();
      }
      for (var e : extraEntries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The bag as a tar. */
  public byte[] tar() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      writeTar(tar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The bag as a gzip-compressed tar. */
  public byte[] tarGz() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      writeTar(tar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The bag as a tar with an extra symbolic link entry {@code linkName -> target}. */
  public byte[] tarWithSymlink(String linkName, String target) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      writeTar(tar);
      TarArchiveEntry link = new TarArchiveEntry(linkName, TarArchiveEntry.LF_SYMLINK);
      link.setLinkName(target);
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The bag as a zip with an extra symbolic link entry (Unix mode 0120777) {@code linkName}. */
  public byte[] zipWithSymlink(String linkName, String target) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
      for (var e : entries().entrySet()) {
        zip.putArchiveEntry(new ZipArchiveEntry(entryName(e.getKey())));
        zip.write(e.getValue());
        zip.closeArchiveEntry();
      }
      ZipArchiveEntry link = new ZipArchiveEntry(linkName);
      link.setUnixMode(0120777);
      zip.putArchiveEntry(link);
      zip.write(target.getBytes(StandardCharsets.UTF_8));
      zip.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private void writeTar(TarArchiveOutputStream tar) throws IOException {
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    Map<String, byte[]> all = new LinkedHashMap<>();
    entries().forEach((k, v) -> all.put(entryName(k), v));
    all.putAll(extraEntries);
    for (var e : all.entrySet()) {
      TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
      entry.setSize(e.getValue().length);
      tar.putArchiveEntry(entry);
      tar.write(e.getValue());
      tar.closeArchiveEntry();
    }
  }

  /** Writes the bag as a directory {@code dir} (which must not exist). */
  public Path writeTo(Path dir) {
    try {
      for (var e : entries().entrySet()) {
        Path file = dir.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.write(file, e.getValue());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Zips a directory tree (e.g. a bag fixture) with its entries under {@code topDirectory/}. */
  public static byte[] zipDirectory(Path dir, String topDirectory) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes);
        Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String name = topDirectory + "/" + dir.relativize(file).toString().replace('\\', '/');
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static String sha512(byte[] bytes) {
    return digest("SHA-512", bytes);
  }

  public static String sha256(byte[] bytes) {
    return digest("SHA-256", bytes);
  }

  static String digest(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
