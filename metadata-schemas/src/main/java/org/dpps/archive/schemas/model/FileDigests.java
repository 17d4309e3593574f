package org.dpps.archive.schemas.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The digests the archive keeps for every stored file: sha512 (the OCFL and BagIt primary), sha256
 * (second BagIt manifest) and adler32 (what Rucio compares), all lower-case hex.
 */
public record FileDigests(String sha512, String sha256, String adler32) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

  public FileDigests {
    check(sha512, 128, "sha512");
    check(sha256, 64, "sha256");
    check(adler32, 8, "adler32");
  }

  private static void check(String hex, int length, String name) {
    Objects.requireNonNull(hex, name);
    if (hex.length() != length || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException(name + " must be " + length + " lower-case hex digits");
    }
  }
}
