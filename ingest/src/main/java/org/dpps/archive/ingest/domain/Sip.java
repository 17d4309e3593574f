package org.dpps.archive.ingest.domain;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.dpps.archive.schemas.model.MultiDigest;

/**
 * A validated submission package: a complete and valid BagIt bag in the staging area.
 *
 * @param root the bag's root directory
 * @param bagitVersion {@code BagIt-Version} of {@code bagit.txt}
 * @param payload every payload file (path relative to the root, starting with {@code data/}) with
 *     the digests computed when it was staged
 * @param tagFiles the other files of the bag, relative to the root
 * @param bagInfo the fields of {@code bag-info.txt}, in order
 */
public record Sip(
    Path root,
    String bagitVersion,
    Map<String, MultiDigest.Result> payload,
    List<String> tagFiles,
    List<Map.Entry<String, String>> bagInfo) {
  public Sip {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(bagitVersion, "bagitVersion");
    payload = java.util.Collections.unmodifiableMap(new TreeMap<>(payload));
    tagFiles = List.copyOf(tagFiles);
    bagInfo = List.copyOf(bagInfo);
  }

  public Optional<String> bagInfo(String key) {
    return bagInfo.stream()
        .filter(e -> e.getKey().equalsIgnoreCase(key))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  public boolean hasTagFile(String path) {
    return tagFiles.contains(path);
  }

  public Path resolve(String bagPath) {
    return root.resolve(bagPath);
  }
}
