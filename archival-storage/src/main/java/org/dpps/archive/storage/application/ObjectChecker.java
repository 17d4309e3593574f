package org.dpps.archive.storage.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dpps.archive.platform.signing.Sealer;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.ReplicaStore;
import org.dpps.archive.storage.domain.StoredFile;

/**
 * Checks one product's OCFL object on one replica.
 *
 * <ul>
 *   <li><b>Quick</b>: the OCFL validator's structural checks (inventories and their sidecar
 *       digests, every content file present, nothing unexpected) and the size of every file, which
 *       the audit compares across replicas. No content byte is read.
 *   <li><b>Full</b>: every file of the object is read once (under the I/O budget) and its sha512
 *       compared with the inventory; inventory sidecars are checked; files the inventory does not
 *       know are reported as dark; then every version's bag is checked: payload and tag manifests
 *       against the digests and the Ed25519 seal over the tag manifest.
 * </ul>
 */
final class ObjectChecker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Sealer sealer;
  private final java.util.concurrent.Executor helpers;

  ObjectChecker(Sealer sealer, java.util.concurrent.Executor helpers) {
    this.helpers = helpers;
    this.sealer = sealer;
  }

  /** Something wrong with one path of the object on one replica. */
  record Finding(String path, String kind, String expected, String actual) {}

  /** What one check saw. {@code sha512} is filled by full checks only. */
  record ObjectState(
      String replica,
      boolean present,
      int head,
      Map<String, Long> sizes,
      Map<String, String> sha512,
      List<Finding> findings,
      long bytesRead,
      int filesRead,
      Instant checkedAt,
      boolean full) {
    boolean intact() {
      return present && findings.isEmpty();
    }
  }

  ObjectState check(
      String replica, ReplicaStore store, ProductId productId, boolean full, IoBudget budget) {
    Path objectRoot = store.objectRoot(productId);
    Instant now = Instant.now();
    if (!Files.isDirectory(objectRoot, LinkOption.NOFOLLOW_LINKS)) {
      return new ObjectState(
          replica,
          false,
          0,
          Map.of(),
          Map.of(),
          List.of(new Finding("", "OBJECT_MISSING", "the object", null)),
          0,
          0,
          now,
          full);
    }
    List<Finding> findings = new ArrayList<>();
    Map<String, Long> sizes = listFiles(objectRoot, findings);
    Inventory inventory = Inventory.read(objectRoot.resolve("inventory.json"), findings);
    int head = inventory == null ? highestVersionDirectory(sizes) : inventory.head;
    if (!full) {
      store.validateStructure(productId).stream()
          .map(issue -> new Finding("", "OCFL_STRUCTURE", null, issue))
          .forEach(findings::add);
      return new ObjectState(replica, true, head, sizes, Map.of(), findings, 0, 0, now, false);
    }
    Map<String, String> sha512 = new TreeMap<>();
    long bytes = 0;
    int files = 0;
    for (String path : sizes.keySet()) {
      try {
        sha512.put(path, FixityReader.digest(objectRoot.resolve(path), "SHA-512", budget));
        bytes += sizes.get(path);
        files++;
      } catch (IOException e) {
        findings.add(new Finding(path, "FILE_UNREADABLE", null, e.getMessage()));
      }
    }
    checkSidecars(objectRoot, sha512, findings);
    if (inventory != null) {
      Set<String> known = new TreeSet<>();
      known.add("0=ocfl_object_1.1");
      known.add("0=ocfl_object_1.0");
      for (String path : sizes.keySet()) {
        if (path.equals("inventory.json")
            || path.equals("inventory.json.sha512")
            || path.matches("v\\d+/inventory\\.json(\\.sha512)?")) {
          known.add(path);
        }
      }
      inventory.manifest.forEach(
          (contentPath, expected) -> {
            known.add(contentPath);
            if (!sizes.containsKey(contentPath)) {
              findings.add(new Finding(contentPath, "FILE_MISSING", expected, null));
            } else if (sha512.containsKey(contentPath)
                && !expected.equals(sha512.get(contentPath))) {
              findings.add(
                  new Finding(contentPath, "CONTENT_DIGEST", expected, sha512.get(contentPath)));
            }
          });
      for (String path : sizes.keySet()) {
        if (!known.contains(path)) {
          findings.add(new Finding(path, "DARK_FILE", null, sha512.get(path)));
        }
      }
      checkBags(productId, objectRoot, inventory, sizes, sha512, findings);
    }
    return new ObjectState(replica, true, head, sizes, sha512, findings, bytes, files, now, true);
  }

  /** Every version's bag: manifests against the digests just computed, and the seal. */
  private void checkBags(
      ProductId productId,
      Path objectRoot,
      Inventory inventory,
      Map<String, Long> sizes,
      Map<String, String> sha512,
      List<Finding> findings) {
    AipVerifier verifier = new AipVerifier(sealer, helpers);
    Map<String, String> contentPathByLogical = new HashMap<>();
    for (Map.Entry<Integer, Map<String, String>> version : inventory.states.entrySet()) {
      Map<String, StoredFile> files = new LinkedHashMap<>();
      Map<Path, String> contentPaths = new HashMap<>();
      version
          .getValue()
          .forEach(
              (logical, digest) -> {
                String contentPath = inventory.contentPathOf.get(digest);
                if (contentPath == null) {
                  return; // reported by the OCFL checks
                }
                Path location = objectRoot.resolve(contentPath);
                contentPaths.put(location, contentPath);
                contentPathByLogical.put(logical, contentPath);
                files.put(
                    logical,
                    new StoredFile(
                        logical, digest, sizes.getOrDefault(contentPath, -1L), location));
              });
      AipVersion aip =
          new AipVersion(productId, version.getKey(), inventory.head, Instant.EPOCH, "", files);
      AipVerifier.Report report =
          verifier.verify(
              aip,
              file -> {
                String contentPath = contentPaths.get(file.location());
                String digest = contentPath == null ? null : sha512.get(contentPath);
                if (digest == null) {
                  return null;
                }
                if (file.logicalPath().startsWith("data/")) {
                  return Map.of("sha512", digest);
                }
                // tag files are small: their sha256 is checked too
                Map<String, String> both = AipVerifier.digest(file, helpers);
                return both == null ? Map.of("sha512", digest) : both;
              });
      for (AipVerifier.Failure f : report.failures()) {
        if (f.kind() == AipVerifier.Failure.Kind.MISSING
            || f.kind() == AipVerifier.Failure.Kind.INVENTORY_DIGEST) {
          continue; // already reported against the content path
        }
        String where =
            f.kind() == AipVerifier.Failure.Kind.SEAL
                ? "v" + version.getKey() + ": " + f.path()
                : contentPathByLogical.getOrDefault(f.path(), f.path());
        findings.add(new Finding(where, f.kind().name(), f.expected(), f.actual()));
      }
    }
  }

  /** Each inventory against its sidecar, with the digests the full pass already computed. */
  private static void checkSidecars(
      Path objectRoot, Map<String, String> sha512, List<Finding> findings) {
    for (String path : sha512.keySet()) {
      if (!path.endsWith("inventory.json")) {
        continue;
      }
      String sidecar = path + ".sha512";
      if (!sha512.containsKey(sidecar)) {
        findings.add(new Finding(sidecar, "INVENTORY_SIDECAR", "a sidecar", null));
        continue;
      }
      try {
        String expected =
            Files.readString(objectRoot.resolve(sidecar), StandardCharsets.UTF_8).trim();
        int space = expected.indexOf(' ');
        expected = (space > 0 ? expected.substring(0, space) : expected).toLowerCase();
        String actual = sha512.get(path);
        if (!expected.equals(actual)) {
          findings.add(new Finding(path, "INVENTORY_SIDECAR", expected, actual));
        }
      } catch (IOException e) {
        findings.add(new Finding(sidecar, "INVENTORY_SIDECAR", "readable", e.getMessage()));
      }
    }
  }

  private static int highestVersionDirectory(Map<String, Long> sizes) {
    int max = 0;
    for (String path : sizes.keySet()) {
      if (path.matches("v\\d+/.*")) {
        max = Math.max(max, Integer.parseInt(path.substring(1, path.indexOf('/'))));
      }
    }
    return max;
  }

  /** Regular files under the object root by relative path, with sizes; anything else reported. */
  static Map<String, Long> listFiles(Path objectRoot, List<Finding> findings) {
    Map<String, Long> sizes = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(objectRoot)) {
      walk.filter(p -> !p.equals(objectRoot))
          .forEach(
              p -> {
                String rel = objectRoot.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                  findings.add(new Finding(rel, "DARK_FILE", null, "symbolic link"));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                  try {
                    sizes.put(rel, Files.size(p));
                  } catch (IOException e) {
                    findings.add(new Finding(rel, "FILE_UNREADABLE", null, e.getMessage()));
                  }
                }
              });
    } catch (IOException | UncheckedIOException e) {
      findings.add(new Finding("", "FILE_UNREADABLE", null, e.getMessage()));
    }
    return sizes;
  }

  /** The parts of an OCFL inventory an audit needs. */
  static final class Inventory {
    int head;
    final Map<String, String> manifest = new TreeMap<>(); // content path -> digest
    final Map<String, String> contentPathOf = new HashMap<>(); // digest -> a content path
    final Map<Integer, Map<String, String>> states = new TreeMap<>(); // v -> logical -> digest

    static Inventory read(Path file, List<Finding> findings) {
      if (!Files.isRegularFile(file)) {
        findings.add(new Finding("inventory.json", "FILE_MISSING", "the inventory", null));
        return null;
      }
      try {
        JsonNode root = JSON.readTree(file.toFile());
        if (!"sha512".equals(root.path("digestAlgorithm").asText())) {
          findings.add(
              new Finding(
                  "inventory.json",
                  "INVENTORY_INVALID",
                  "digestAlgorithm sha512",
                  root.path("digestAlgorithm").asText()));
          return null;
        }
        Inventory inv = new Inventory();
        inv.head = Integer.parseInt(root.path("head").asText().substring(1));
        root.path("manifest")
            .fields()
            .forEachRemaining(
                e -> {
                  String digest = e.getKey().toLowerCase();
                  for (JsonNode p : e.getValue()) {
                    inv.manifest.put(p.asText(), digest);
                    inv.contentPathOf.putIfAbsent(digest, p.asText());
                  }
                });
        root.path("versions")
            .fields()
            .forEachRemaining(
                v -> {
                  Map<String, String> state = new TreeMap<>();
                  v.getValue()
                      .path("state")
                      .fields()
                      .forEachRemaining(
                          e -> {
                            for (JsonNode p : e.getValue()) {
                              state.put(p.asText(), e.getKey().toLowerCase());
                            }
                          });
                  inv.states.put(Integer.parseInt(v.getKey().substring(1)), state);
                });
        return inv;
      } catch (IOException | RuntimeException e) {
        findings.add(new Finding("inventory.json", "INVENTORY_INVALID", null, e.getMessage()));
        return null;
      }
    }
  }
}
