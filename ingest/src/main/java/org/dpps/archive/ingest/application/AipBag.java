package org.dpps.archive.ingest.application;

import gov.loc.repository.bagit.domain.Manifest;
import gov.loc.repository.bagit.domain.Metadata;
import gov.loc.repository.bagit.domain.Version;
import gov.loc.repository.bagit.hash.StandardSupportedAlgorithms;
import gov.loc.repository.bagit.writer.BagitFileWriter;
import gov.loc.repository.bagit.writer.ManifestWriter;
import gov.loc.repository.bagit.writer.MetadataWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dpps.archive.platform.signing.Seal;
import org.dpps.archive.platform.signing.Sealer;
import org.dpps.archive.schemas.model.MultiDigest;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipFile;

/**
 * The last steps of writing an AIP bag (BagIt 1.0), shared by ingest and migrations: {@code
 * bagit.txt}, sha512 and sha256 payload manifests from the digests the caller already has, {@code
 * bag-info.txt}, tag manifests over every tag file in the directory, and the Ed25519 seal over
 * {@code tagmanifest-sha512.txt}.
 */
public final class AipBag {
  private AipBag() {}

  /** {@code Payload-Oxum}: octets and file count of the payload. */
  public static String payloadOxum(List<AipFile> payload) {
    return payload.stream().mapToLong(AipFile::size).sum() + "." + payload.size();
  }

  /**
   * Completes the bag in {@code dir}, whose payload files ({@code data/...}) and tag files under
   * {@code metadata/} are already written, and returns the commit of the whole bag.
   */
  public static AipCommit finish(
      Path dir,
      ProductId productId,
      List<AipFile> payload,
      Metadata bagInfo,
      Sealer sealer,
      String message,
      String agent,
      int expectedVersion)
      throws IOException {
    Map<Path, String> sha512 = new TreeMap<>();
    Map<Path, String> sha256 = new TreeMap<>();
    for (AipFile f : payload) {
      sha512.put(dir.resolve(f.logicalPath()), f.digests().sha512());
      sha256.put(dir.resolve(f.logicalPath()), f.digests().sha256());
    }
    BagitFileWriter.writeBagitFile(new Version(1, 0), StandardCharsets.UTF_8, dir);
    writeManifests(dir, sha512, sha256, false);
    MetadataWriter.writeBagMetadata(bagInfo, new Version(1, 0), dir, StandardCharsets.UTF_8);

    // tag manifests: every tag file so far (the seal comes after and signs them)
    Map<String, MultiDigest.Result> tags = digestTagFiles(dir);
    Map<Path, String> t512 = new TreeMap<>();
    Map<Path, String> t256 = new TreeMap<>();
    tags.forEach(
        (path, d) -> {
          t512.put(dir.resolve(path), d.digests().sha512());
          t256.put(dir.resolve(path), d.digests().sha256());
        });
    writeManifests(dir, t512, t256, true);
    byte[] tagManifest = Files.readAllBytes(dir.resolve("tagmanifest-sha512.txt"));
    Seal seal = sealer.seal("tagmanifest-sha512.txt", tagManifest);
    Files.write(dir.resolve(Seal.FILE_NAME), seal.toBytes());

    for (String tag : List.of("tagmanifest-sha512.txt", "tagmanifest-sha256.txt", Seal.FILE_NAME)) {
      tags.put(tag, MultiDigest.of(dir.resolve(tag), List.of()));
    }
    List<AipFile> files = new ArrayList<>(payload);
    tags.forEach(
        (path, d) -> files.add(new AipFile(path, dir.resolve(path), d.size(), d.digests())));
    return new AipCommit(productId, files, message, agent, expectedVersion);
  }

  /** Hard-links {@code source} at {@code target} (no bytes copied); copies if it cannot link. */
  public static void linkOrCopy(Path source, Path target) throws IOException {
    try {
      Files.createLink(target, source);
    } catch (UnsupportedOperationException | IOException e) {
      Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes a directory tree (nothing if it does not exist). */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void writeManifests(
      Path dir, Map<Path, String> sha512, Map<Path, String> sha256, boolean tag)
      throws IOException {
    Manifest m512 = new Manifest(StandardSupportedAlgorithms.SHA512);
    m512.setFileToChecksumMap(sha512);
    Manifest m256 = new Manifest(StandardSupportedAlgorithms.SHA256);
    m256.setFileToChecksumMap(sha256);
    if (tag) {
      ManifestWriter.writeTagManifests(Set.of(m512, m256), dir, dir, StandardCharsets.UTF_8);
    } else {
      ManifestWriter.writePayloadManifests(Set.of(m512, m256), dir, dir, StandardCharsets.UTF_8);
    }
  }

  private static Map<String, MultiDigest.Result> digestTagFiles(Path dir) throws IOException {
    Map<String, MultiDigest.Result> tags = new LinkedHashMap<>();
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (!rel.startsWith("data/")) {
          tags.put(rel, MultiDigest.of(p, List.of()));
        }
      }
    }
    return tags;
  }
}
