package org.dpps.archive.platform.signing;

/** Port: signs and verifies AIP tag manifests with the archive's key. */
public interface Sealer {

  /** Signs the bytes of {@code signedFile} with the archive's current key. */
  Seal seal(String signedFile, byte[] content);

  /** Whether the seal is a valid signature of {@code content} by the key it names. */
  boolean verify(Seal seal, byte[] content);

  /** The id of the archive's current signing key. */
  String keyId();
}
