package org.dpps.archive.storage.application;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.dpps.archive.platform.signing.Seal;
import org.dpps.archive.platform.signing.Sealer;
import org.dpps.archive.schemas.model.MultiDigest;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.StoredFile;

/**
 * Re-reads a stored AIP version and checks everything it claims: every file against the OCFL
 * inventory's sha512, the bag's payload and tag manifests (sha512 and sha256) against the files,
 * and the Ed25519 seal over {@code tagmanifest-sha512.txt}. A forger who rewrites a payload file
 * and its manifest lines so that the digests agree again is still caught by the seal. This is the
 * check a fixity audit runs; each file is read once.
 */
public final class AipVerifier {
  private final Sealer sealer;
  private final Executor helpers;

  /** Digests on the calling thread. */
  public AipVerifier(Sealer sealer) {
    this(sealer, null);
  }

  /** Digests of large files partly on {@code helpers} (sha512 beside sha256). */
  public AipVerifier(Sealer sealer, Executor helpers) {
    this.sealer = Objects.requireNonNull(sealer);
    this.helpers = helpers;
  }

  /** What is wrong with one file (or with the seal), with the digests that disagree. */
  public record Failure(String path, Kind kind, String expected, String actual) {
    /** The kinds of failure an audit reports. */
    public enum Kind {
      MISSING,
      INVENTORY_DIGEST,
      MANIFEST_DIGEST,
      NOT_IN_MANIFEST,
      SEAL
    }
  }

  /** The outcome of one verification: files and bytes read, and every failure found. */
  public record Report(int files, long bytes, List<Failure> failures) {
    public Report {
      failures = List.copyOf(failures);
    }

    public boolean intact() {
      return failures.isEmpty();
    }
  }

  /** Verifies the version reading every file once (sha512 and sha256 of each). */
  public Report verify(AipVersion aip) {
    return verify(aip, file -> digest(file, helpers));
  }

  /**
   * Verifies the version with digests from {@code digests}: for each file, its digests by BagIt
   * algorithm name ({@code sha512}, {@code sha256}), or null if the file is missing or unreadable.
   * A manifest line whose algorithm the map lacks is not checked (an audit computes sha512 of the
   * payload only: the sha256 manifest is covered by the sealed tag manifest).
   */
  public Report verify(AipVersion aip, Function<StoredFile, Map<String, String>> digests) {
    List<Failure> failures = new ArrayList<>();
    Map<String, Map<String, String>> read = new LinkedHashMap<>();
    long bytes = 0;
    for (StoredFile file : aip.files().values()) {
      Map<String, String> d = digests.apply(file);
      if (d == null) {
        failures.add(new Failure(file.logicalPath(), Failure.Kind.MISSING, file.sha512(), null));
        continue;
      }
      read.put(file.logicalPath(), d);
      bytes += file.size();
      String sha512 = d.get("sha512");
      if (sha512 != null && !sha512.equals(file.sha512())) {
        failures.add(
            new Failure(file.logicalPath(), Failure.Kind.INVENTORY_DIGEST, file.sha512(), sha512));
      }
    }
    checkManifest(aip, read, "manifest-sha512.txt", "sha512", true, failures);
    checkManifest(aip, read, "manifest-sha256.txt", "sha256", true, failures);
    checkManifest(aip, read, "tagmanifest-sha512.txt", "sha512", false, failures);
    checkManifest(aip, read, "tagmanifest-sha256.txt", "sha256", false, failures);
    checkSeal(aip, failures);
    return new Report(read.size(), bytes, failures);
  }

  private void checkSeal(AipVersion aip, List<Failure> failures) {
    try {
      StoredFile sealFile = aip.file(Seal.FILE_NAME).orElse(null);
      StoredFile signed = aip.file("tagmanifest-sha512.txt").orElse(null);
      if (sealFile == null || signed == null) {
        failures.add(new Failure(Seal.FILE_NAME, Failure.Kind.SEAL, "a seal", "none"));
        return;
      }
      Seal seal = Seal.parse(Files.readAllBytes(sealFile.location()));
      byte[] content = Files.readAllBytes(signed.location());
      if (!seal.signedFile().equals("tagmanifest-sha512.txt") || !sealer.verify(seal, content)) {
        failures.add(new Failure(Seal.FILE_NAME, Failure.Kind.SEAL, "valid signature", "invalid"));
      }
    } catch (IOException | RuntimeException e) {
      failures.add(new Failure(Seal.FILE_NAME, Failure.Kind.SEAL, "readable seal", e.getMessage()));
    }
  }

  private static void checkManifest(
      AipVersion aip,
      Map<String, Map<String, String>> read,
      String manifestName,
      String algorithm,
      boolean payload,
      List<Failure> failures) {
    StoredFile manifest = aip.file(manifestName).orElse(null);
    if (manifest == null) {
      failures.add(new Failure(manifestName, Failure.Kind.MISSING, "a manifest", null));
      return;
    }
    Map<String, String> listed = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(manifest.location(), StandardCharsets.UTF_8)) {
        int space = line.indexOf(' ');
        if (space > 0) {
          String path = decode(line.substring(space).trim());
          listed.put(path, line.substring(0, space).trim().toLowerCase(java.util.Locale.ROOT));
        }
      }
    } catch (IOException e) {
      failures.add(new Failure(manifestName, Failure.Kind.MISSING, "readable", e.getMessage()));
      return;
    }
    listed.forEach(
        (path, expected) -> {
          Map<String, String> actual = read.get(path);
          if (actual == null) {
            failures.add(new Failure(path, Failure.Kind.MISSING, expected, null));
          } else if (actual.containsKey(algorithm) && !expected.equals(actual.get(algorithm))) {
            failures.add(
                new Failure(path, Failure.Kind.MANIFEST_DIGEST, expected, actual.get(algorithm)));
          }
        });
    if (payload) {
      read.keySet().stream()
          .filter(p -> p.startsWith("data/") && !listed.containsKey(p))
          .forEach(p -> failures.add(new Failure(p, Failure.Kind.NOT_IN_MANIFEST, null, null)));
    }
  }

  /**
   * BagIt 1.0 percent-encodes CR, LF and % in manifest paths (%0D, %0A, %25); any other % is taken
   * literally, as bags written by older tools have it.
   */
  static String decode(String path) {
    if (!path.contains("%")) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%' && i + 2 < path.length()) {
        String code = path.substring(i + 1, i + 3).toUpperCase(java.util.Locale.ROOT);
        switch (code) {
          case "0A" -> {
            out.append('\n');
            i += 2;
            continue;
          }
          case "0D" -> {
            out.append('\r');
            i += 2;
            continue;
          }
          case "25" -> {
            out.append('%');
            i += 2;
            continue;
          }
          default -> {}
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * sha512 and sha256 of the file (on {@code helpers} too, if not null), or null if it is gone or
   * unreadable.
   */
  public static Map<String, String> digest(StoredFile file, Executor helpers) {
    try {
      MultiDigest.Result r = MultiDigest.of(file.location(), List.of(), helpers);
      return Map.of("sha512", r.digests().sha512(), "sha256", r.digests().sha256());
    } catch (IOException e) {
      return null; // reported as MISSING: gone or unreadable
    }
  }
}
