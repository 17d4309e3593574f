package org.dpps.archive.platform.internal.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.dpps.archive.platform.signing.Seal;
import org.dpps.archive.platform.signing.Sealer;

/**
 * Ed25519 seals with Bouncy Castle. The key pair lives in {@code <keys>/archive-ed25519.key} (the
 * 32-byte seed, base64, owner-only) and {@code .pub}; it is created on first start.
 */
public final class Ed25519Sealer implements Sealer {
  private final Ed25519PrivateKeyParameters privateKey;
  private final Ed25519PublicKeyParameters publicKey;
  private final String keyId;

  private Ed25519Sealer(Ed25519PrivateKeyParameters privateKey) {
    this.privateKey = privateKey;
    this.publicKey = privateKey.generatePublicKey();
    this.keyId = keyIdOf(publicKey.getEncoded());
  }

  /** Loads the archive key from {@code keyDir}, creating it on first use. */
  public static Ed25519Sealer loadOrCreate(Path keyDir) {
    Path keyFile = keyDir.resolve("archive-ed25519.key");
    try {
      if (!Files.exists(keyFile)) {
        Files.createDirectories(keyDir);
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        Path tmp = Files.createTempFile(keyDir, "key", ".tmp");
        trySetOwnerOnly(tmp);
        Files.writeString(tmp, Base64.getEncoder().encodeToString(key.getEncoded()) + "\n");
        Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(
            keyDir.resolve("archive-ed25519.pub"),
            Base64.getEncoder().encodeToString(key.generatePublicKey().getEncoded()) + "\n");
      }
      byte[] seed = Base64.getDecoder().decode(Files.readString(keyFile).trim());
      return new Ed25519Sealer(new Ed25519PrivateKeyParameters(seed, 0));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load or create the archive key in " + keyDir, e);
    }
  }

  private static void trySetOwnerOnly(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: the directory's permissions must protect the key
    }
  }

  static String keyIdOf(byte[] publicKey) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(publicKey);
      return "ed25519:" + HexFormat.of().formatHex(Arrays.copyOf(hash, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Seal seal(String signedFile, byte[] content) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(content, 0, content.length);
    return new Seal(keyId, publicKey.getEncoded(), signedFile, signer.generateSignature());
  }

  @Override
  public boolean verify(Seal seal, byte[] content) {
    if (!keyIdOf(seal.publicKey()).equals(seal.keyId())) {
      return false;
    }
    // Only seals made by a key this archive knows are trusted.
    if (!seal.keyId().equals(keyId)) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(seal.publicKey(), 0));
    verifier.update(content, 0, content.length);
    return verifier.verifySignature(seal.signature());
  }

  @Override
  public String keyId() {
    return keyId;
  }

  /** The public key, base64, as published for external verification. */
  public String publicKeyBase64() {
    return new String(
        Base64.getEncoder().encode(publicKey.getEncoded()), StandardCharsets.US_ASCII);
  }
}
