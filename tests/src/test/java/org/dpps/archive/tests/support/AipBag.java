package org.dpps.archive.tests.support;

import static org.assertj.core.api.Assertions.assertThat;

import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** A downloaded AIP zip, unpacked into a directory and checked the way a third party would. */
public final class AipBag {
  private final Path root;
  private final List<String> entries;

  private AipBag(Path root, List<String> entries) {
    this.root = root;
    this.entries = entries;
  }

  /** Unpacks the zip into {@code dir}; every entry must lie under one top directory. */
  public static AipBag unzip(byte[] zip, Path dir) {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        Path target = dir.resolve(entry.getName()).normalize();
        if (!target.startsWith(dir)) {
          throw new AssertionError("AIP zip entry escapes: " + entry.getName());
        }
        names.add(entry.getName());
        if (!entry.isDirectory()) {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(names).as("entries of the AIP zip").isNotEmpty();
    String top = names.get(0).substring(0, names.get(0).indexOf('/'));
    assertThat(names).allSatisfy(n -> assertThat(n).startsWith(top + "/"));
    return new AipBag(dir.resolve(top), names);
  }

  public Path root() {
    return root;
  }

  /** The top directory name ({@code <productId>-v<N>}). */
  public String topDirectory() {
    return root.getFileName().toString();
  }

  public List<String> entries() {
    return entries;
  }

  public byte[] bytes(String path) {
    try {
      return Files.readAllBytes(root.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /** Reads the bag with BagIt Java and verifies it is complete and valid (every checksum). */
  public Bag verifyWithBagItJava() throws Exception {
    Bag bag = new BagReader().read(root);
    try (BagVerifier verifier = new BagVerifier()) {
      verifier.isValid(bag, false);
    }
    return bag;
  }

  /** {@code Key: value} lines of a tag file. */
  public Map<String, String> keyValues(String path) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text(path).split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        out.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    return out;
  }

  /**
   * Verifies {@code metadata/seal.ed25519}: an Ed25519 signature over the signed file by the public
   * key it names; returns the seal's fields.
   */
  public Map<String, String> verifySeal() {
    Map<String, String> seal = keyValues("metadata/seal.ed25519");
    assertThat(seal).containsEntry("Algorithm", "Ed25519");
    assertThat(seal).containsEntry("Signed-File", "tagmanifest-sha512.txt");
    assertThat(seal.get("Key-Id")).startsWith("ed25519:");
    byte[] publicKey = Base64.getDecoder().decode(seal.get("Public-Key"));
    byte[] signature = Base64.getDecoder().decode(seal.get("Signature"));
    byte[] signed = bytes(seal.get("Signed-File"));
    assertThat(verify(publicKey, signed, signature))
        .as("Ed25519 seal over %s verifies", seal.get("Signed-File"))
        .isTrue();
    byte[] tampered = signed.clone();
    tampered[tampered.length / 2] ^= 1;
    assertThat(verify(publicKey, tampered, signature))
        .as("the seal does not verify a tag manifest changed by one bit")
        .isFalse();
    return seal;
  }

  static boolean verify(byte[] publicKey, byte[] content, byte[] signature) {
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
    verifier.update(content, 0, content.length);
    return verifier.verifySignature(signature);
  }
}
