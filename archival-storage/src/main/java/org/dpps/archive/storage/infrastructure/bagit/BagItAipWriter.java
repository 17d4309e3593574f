package org.dpps.archive.storage.infrastructure.bagit;

import gov.loc.repository.bagit.domain.Manifest;
import gov.loc.repository.bagit.domain.Metadata;
import gov.loc.repository.bagit.domain.Version;
import gov.loc.repository.bagit.hash.StandardSupportedAlgorithms;
import gov.loc.repository.bagit.writer.BagitFileWriter;
import gov.loc.repository.bagit.writer.ManifestWriter;
import gov.loc.repository.bagit.writer.MetadataWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import org.dpps.archive.platform.signing.ArchiveKeys;
import org.dpps.archive.platform.signing.Seal;
import org.dpps.archive.platform.signing.Sealer;
import org.dpps.archive.schemas.model.MultiDigest;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.api.AipWriter;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipFile;

/**
 * The AIP writer with BagIt Java (BagIt 1.0): {@code bagit.txt}, sha512 and sha256 payload
 * manifests from the digests the caller already has, {@code bag-info.txt}, tag manifests over every
 * tag file in the directory, and the Ed25519 seal (the archive's key) over {@code
 * tagmanifest-sha512.txt}.
 */
@ApplicationScoped
public class BagItAipWriter implements AipWriter {
  private Sealer sealer;

  protected BagItAipWriter() {}

  @Inject
  public BagItAipWriter(ArchiveKeys keys) {
    this(keys.sealer());
  }

  /** A writer sealing with the given key (tests, tools). */
  public BagItAipWriter(Sealer sealer) {
    this.sealer = sealer;
  }

  @Override
  public AipCommit finish(
      Path dir,
      ProductId productId,
      List<AipFile> payload,
      List<Map.Entry<String, String>> bagInfo,
      String message,
      String agent,
      int expectedVersion)
      throws IOException {
    Metadata info = new Metadata();
    bagInfo.forEach(e -> info.add(e.getKey(), e.getValue()));
    Map<Path, String> sha512 = new TreeMap<>();
    Map<Path, String> sha256 = new TreeMap<>();
    for (AipFile f : payload) {
      sha512.put(dir.resolve(f.logicalPath()), f.digests().sha512());
      sha256.put(dir.resolve(f.logicalPath()), f.digests().sha256());
    }
    BagitFileWriter.writeBagitFile(new Version(1, 0), StandardCharsets.UTF_8, dir);
    writeManifests(dir, sha512, sha256, false);
    MetadataWriter.writeBagMetadata(info, new Version(1, 0), dir, StandardCharsets.UTF_8);

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
