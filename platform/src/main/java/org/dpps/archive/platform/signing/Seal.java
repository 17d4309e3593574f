package org.dpps.archive.platform.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * An Ed25519 signature over one tag file of an AIP (the sha512 tag manifest), stored in the AIP as
 * {@code metadata/seal.ed25519}: a small key-value text file naming the key that made it.
 */
public record Seal(String keyId, byte[] publicKey, String signedFile, byte[] signature) {
  public static final String FILE_NAME = "metadata/seal.ed25519";

  public Seal {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(signedFile, "signedFile");
    publicKey = publicKey.clone();
    signature = signature.clone();
  }

  public byte[] toBytes() {
    Base64.Encoder b64 = Base64.getEncoder();
    String text =
        "Algorithm: Ed25519\n"
            + "Key-Id: "
            + keyId
            + "\n"
            + "Public-Key: "
            + b64.encodeToString(publicKey)
            + "\n"
            + "Signed-File: "
            + signedFile
            + "\n"
            + "Signature: "
            + b64.encodeToString(signature)
            + "\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static Seal parse(byte[] bytes) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    try {
      if (!"Ed25519".equals(fields.get("Algorithm"))) {
        throw new IllegalArgumentException("not an Ed25519 seal");
      }
      Base64.Decoder b64 = Base64.getDecoder();
      return new Seal(
          fields.get("Key-Id"),
          b64.decode(fields.get("Public-Key")),
          fields.get("Signed-File"),
          b64.decode(fields.get("Signature")));
    } catch (RuntimeException e) {
      throw new ArchiveException(ErrorCode.SEAL_INVALID, "Unreadable seal: " + e.getMessage());
    }
  }
}
