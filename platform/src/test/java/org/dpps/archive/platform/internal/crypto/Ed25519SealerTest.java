package org.dpps.archive.platform.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.signing.Seal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ed25519SealerTest {
  static final byte[] TAG_MANIFEST =
      ("0123abcd  bagit.txt\n4567ef01  bag-info.txt\n").getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  @Test
  void createsTheKeyOnFirstUseOwnerOnlyAndReloadsTheSameKey() throws IOException {
    Path keys = tmp.resolve("keys");

    Ed25519Sealer first = Ed25519Sealer.loadOrCreate(keys);
    Ed25519Sealer again = Ed25519Sealer.loadOrCreate(keys);

    Path keyFile = keys.resolve("archive-ed25519.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(keyFile).trim())).hasSize(32);
    assertThat(Files.readString(keys.resolve("archive-ed25519.pub")).trim())
        .isEqualTo(first.publicKeyBase64());
    assertThat(first.keyId()).matches("ed25519:[0-9a-f]{16}");
    assertThat(again.keyId()).isEqualTo(first.keyId());
    assertThat(again.publicKeyBase64()).isEqualTo(first.publicKeyBase64());
  }

  @Test
  void aSealVerifiesOverItsContentAndNamesTheKey() {
    Ed25519Sealer sealer = Ed25519Sealer.loadOrCreate(tmp);

    Seal seal = sealer.seal("tagmanifest-sha512.txt", TAG_MANIFEST);

    assertThat(seal.keyId()).isEqualTo(sealer.keyId());
    assertThat(seal.signedFile()).isEqualTo("tagmanifest-sha512.txt");
    assertThat(seal.signature()).hasSize(64);
    assertThat(sealer.verify(seal, TAG_MANIFEST)).isTrue();
    assertThat(Ed25519Sealer.loadOrCreate(tmp).verify(seal, TAG_MANIFEST)).isTrue();
  }

  @Test
  void oneFlippedByteOfContentFailsVerification() {
    Ed25519Sealer sealer = Ed25519Sealer.loadOrCreate(tmp);
    Seal seal = sealer.seal("tagmanifest-sha512.txt", TAG_MANIFEST);

    for (int i : new int[] {0, TAG_MANIFEST.length / 2, TAG_MANIFEST.length - 1}) {
      byte[] tampered = TAG_MANIFEST.clone();
      tampered[i] ^= 0x01;
      assertThat(sealer.verify(seal, tampered)).as("byte %d flipped", i).isFalse();
    }
  }

  @Test
  void aSealMadeByAnotherKeyDoesNotVerify() {
    Ed25519Sealer archive = Ed25519Sealer.loadOrCreate(tmp.resolve("archive"));
    Ed25519Sealer stranger = Ed25519Sealer.loadOrCreate(tmp.resolve("stranger"));
    Seal foreign = stranger.seal("tagmanifest-sha512.txt", TAG_MANIFEST);

    assertThat(stranger.keyId()).isNotEqualTo(archive.keyId());
    assertThat(stranger.verify(foreign, TAG_MANIFEST)).isTrue();
    assertThat(archive.verify(foreign, TAG_MANIFEST)).isFalse();

    // a stranger's signature presented under the archive's key id and public key
    Seal mine = archive.seal("tagmanifest-sha512.txt", TAG_MANIFEST);
    Seal forged = new Seal(mine.keyId(), mine.publicKey(), mine.signedFile(), foreign.signature());
    assertThat(archive.verify(forged, TAG_MANIFEST)).isFalse();
  }

  @Test
  void aSealRoundTripsThroughItsFileForm() {
    Ed25519Sealer sealer = Ed25519Sealer.loadOrCreate(tmp);
    Seal seal = sealer.seal("tagmanifest-sha512.txt", TAG_MANIFEST);

    byte[] text = seal.toBytes();
    Seal parsed = Seal.parse(text);

    assertThat(new String(text, StandardCharsets.UTF_8))
        .startsWith("Algorithm: Ed25519\nKey-Id: " + sealer.keyId() + "\n")
        .contains("Signed-File: tagmanifest-sha512.txt\n");
    assertThat(parsed.keyId()).isEqualTo(seal.keyId());
    assertThat(parsed.signedFile()).isEqualTo(seal.signedFile());
    assertThat(parsed.publicKey()).isEqualTo(seal.publicKey());
    assertThat(parsed.signature()).isEqualTo(seal.signature());
    assertThat(sealer.verify(parsed, TAG_MANIFEST)).isTrue();
  }

  @Test
  void garbageIsNotASeal() {
    for (String garbage :
        new String[] {
          "",
          "hello world",
          "Algorithm: RSA\nKey-Id: x\n",
          "Algorithm: Ed25519\nKey-Id: x\n",
          "Algorithm: Ed25519\nKey-Id: x\nPublic-Key: !!notbase64\nSigned-File: t\n"
              + "Signature: AA==\n"
        }) {
      assertThatThrownBy(() -> Seal.parse(garbage.getBytes(StandardCharsets.UTF_8)))
          .as(garbage)
          .isInstanceOfSatisfying(
              ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SEAL_INVALID));
    }
  }
}
