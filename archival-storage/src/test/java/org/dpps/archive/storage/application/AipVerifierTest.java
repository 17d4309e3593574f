package org.dpps.archive.storage.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpps.archive.platform.internal.crypto.Ed25519Sealer;
import org.dpps.archive.platform.signing.Seal;
import org.dpps.archive.schemas.model.MultiDigest;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.application.AipVerifier.Failure.Kind;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipFile;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.infrastructure.ocfl.OcflAipStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification of stored AIPs: intact, damaged, and forged so that every digest agrees. */
class AipVerifierTest {
  private static final ProductId ID = new ProductId("verify-me");
  @TempDir Path tmp;
  private OcflAipStore store;
  private Ed25519Sealer sealer;

  @BeforeEach
  void setUp() {
    store = new OcflAipStore(tmp.resolve("ocfl"), tmp.resolve("work"));
    sealer = Ed25519Sealer.loadOrCreate(tmp.resolve("keys"));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void anIntactAipVerifies() throws IOException {
    AipVersion aip = storeSealedBag("events\n");

    AipVerifier.Report report = new AipVerifier(sealer).verify(aip);

    assertThat(report.failures()).isEmpty();
    assertThat(report.files()).isEqualTo(aip.files().size());
    assertThat(report.bytes())
        .isEqualTo(aip.files().values().stream().mapToLong(f -> f.size()).sum());
  }

  @Test
  void aFlippedBitIsReportedAgainstTheInventoryAndTheManifestsWithBothDigests() throws IOException {
    AipVersion aip = storeSealedBag("events\n");
    Path data = aip.file("data/events.txt").orElseThrow().location();
    Files.writeString(data, "evfnts\n");

    AipVerifier.Report report = new AipVerifier(sealer).verify(aip);

    String damaged = sha("evfnts\n").digests().sha512();
    assertThat(report.failures())
        .contains(
            new AipVerifier.Failure(
                "data/events.txt",
                Kind.INVENTORY_DIGEST,
                sha("events\n").digests().sha512(),
                damaged),
            new AipVerifier.Failure(
                "data/events.txt",
                Kind.MANIFEST_DIGEST,
                sha("events\n").digests().sha512(),
                damaged));
    assertThat(report.failures()).noneMatch(f -> f.kind() == Kind.SEAL);
  }

  @Test
  void aPayloadForgedTogetherWithItsManifestsIsCaughtByTheSeal() throws IOException {
    AipVersion aip = storeSealedBag("events\n");
    String forged = "forged events\n";
    Files.writeString(aip.file("data/events.txt").orElseThrow().location(), forged);
    // the forger rewrites both payload manifests and both tag manifests so every digest agrees
    Files.writeString(
        aip.file("manifest-sha512.txt").orElseThrow().location(),
        sha(forged).digests().sha512() + "  data/events.txt\n");
    Files.writeString(
        aip.file("manifest-sha256.txt").orElseThrow().location(),
        sha(forged).digests().sha256() + "  data/events.txt\n");
    rewriteTagManifests(aip);

    AipVerifier.Report report = new AipVerifier(sealer).verify(aip);

    assertThat(report.failures()).extracting(AipVerifier.Failure::kind).contains(Kind.SEAL);
    assertThat(report.failures())
        .as("the bag's own manifests agree with the forged bytes")
        .noneMatch(f -> f.kind() == Kind.MANIFEST_DIGEST);
  }

  @Test
  void aDeletedFileIsMissing() throws IOException {
    AipVersion aip = storeSealedBag("events\n");
    Files.delete(aip.file("data/events.txt").orElseThrow().location());

    AipVerifier.Report report = new AipVerifier(sealer).verify(aip);

    assertThat(report.failures())
        .extracting(AipVerifier.Failure::path, AipVerifier.Failure::kind)
        .contains(org.assertj.core.groups.Tuple.tuple("data/events.txt", Kind.MISSING));
  }

  private void rewriteTagManifests(AipVersion aip) throws IOException {
    StringBuilder t512 = new StringBuilder();
    StringBuilder t256 = new StringBuilder();
    for (String tag : List.of("bagit.txt", "manifest-sha256.txt", "manifest-sha512.txt")) {
      MultiDigest.Result d = sha(Files.readString(aip.file(tag).orElseThrow().location()));
      t512.append(d.digests().sha512()).append("  ").append(tag).append('\n');
      t256.append(d.digests().sha256()).append("  ").append(tag).append('\n');
    }
    Files.writeString(aip.file("tagmanifest-sha512.txt").orElseThrow().location(), t512);
    Files.writeString(aip.file("tagmanifest-sha256.txt").orElseThrow().location(), t256);
  }

  /** A minimal sealed BagIt 1.0 AIP, committed to the OCFL store. */
  private AipVersion storeSealedBag(String payload) throws IOException {
    Path bag = Files.createDirectories(tmp.resolve("bag"));
    write(bag, "data/events.txt", payload);
    write(bag, "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    write(bag, "manifest-sha512.txt", sha(payload).digests().sha512() + "  data/events.txt\n");
    write(bag, "manifest-sha256.txt", sha(payload).digests().sha256() + "  data/events.txt\n");
    StringBuilder t512 = new StringBuilder();
    StringBuilder t256 = new StringBuilder();
    for (String tag : List.of("bagit.txt", "manifest-sha256.txt", "manifest-sha512.txt")) {
      MultiDigest.Result d = sha(Files.readString(bag.resolve(tag)));
      t512.append(d.digests().sha512()).append("  ").append(tag).append('\n');
      t256.append(d.digests().sha256()).append("  ").append(tag).append('\n');
    }
    write(bag, "tagmanifest-sha512.txt", t512.toString());
    write(bag, "tagmanifest-sha256.txt", t256.toString());
    Seal seal =
        sealer.seal(
            "tagmanifest-sha512.txt", Files.readAllBytes(bag.resolve("tagmanifest-sha512.txt")));
    Files.createDirectories(bag.resolve("metadata"));
    Files.write(bag.resolve(Seal.FILE_NAME), seal.toBytes());
    List<AipFile> files = new ArrayList<>();
    try (var walk = Files.walk(bag)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        MultiDigest.Result d = sha(Files.readString(p));
        files.add(new AipFile(bag.relativize(p).toString(), p, d.size(), d.digests()));
      }
    }
    store.commit(new AipCommit(ID, files, "test", "test"));
    return store.head(ID).orElseThrow();
  }

  private static void write(Path bag, String path, String content) throws IOException {
    Path file = bag.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static MultiDigest.Result sha(String content) {
    MultiDigest digest = new MultiDigest();
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    digest.update(bytes, 0, bytes.length);
    return digest.finish();
  }
}
