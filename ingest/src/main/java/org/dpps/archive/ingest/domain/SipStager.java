package org.dpps.archive.ingest.domain;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dpps.archive.schemas.model.MultiDigest;

/**
 * Port: stages a deposit's bag, unpacked from a request body or copied from a directory, into a
 * fresh directory, digesting every file while it is written and refusing anything hostile.
 */
public interface SipStager {
  /** Serialisations the archive accepts. */
  enum Format {
    ZIP,
    TAR,
    TAR_GZ;

    /** Format from a request media type, or empty when not a supported serialisation. */
    public static Optional<Format> ofMediaType(String mediaType) {
      if (mediaType == null) {
        return Optional.empty();
      }
      String base = mediaType.split(";")[0].trim().toLowerCase(Locale.ROOT);
      return switch (base) {
        case "application/zip", "application/x-zip-compressed" -> Optional.of(ZIP);
        case "application/x-tar", "application/tar" -> Optional.of(TAR);
        case "application/gzip",
            "application/x-gzip",
            "application/x-gtar",
            "application/tar+gzip" ->
            Optional.of(TAR_GZ);
        default -> Optional.empty();
      };
    }
  }

  /** What was staged: every regular file by its path relative to the target, with digests. */
  record Result(Map<String, MultiDigest.Result> files, long bytes) {

    /**
     * The payload: files under the bag's {@code data/}, the bag being at the top of what was staged
     * or in its single top-level directory (as the reader looks for it). Tag files (bagit.txt,
     * manifests, bag-info.txt, metadata/) are not payload. When no bag is found, every file counts.
     */
    public Map<String, MultiDigest.Result> payload() {
      String root = bagRoot();
      if (root == null) {
        return files;
      }
      String data = root + "data/";
      Map<String, MultiDigest.Result> payload = new java.util.LinkedHashMap<>();
      files.forEach(
          (path, digests) -> {
            if (path.startsWith(data)) {
              payload.put(path, digests);
            }
          });
      return payload;
    }

    /** Bytes of the payload files. */
    public long payloadBytes() {
      return payload().values().stream().mapToLong(MultiDigest.Result::size).sum();
    }

    private String bagRoot() {
      if (files.containsKey("bagit.txt")) {
        return "";
      }
      String top = null;
      for (String path : files.keySet()) {
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash + 1);
        if (top == null) {
          top = first;
        } else if (!top.equals(first)) {
          return null;
        }
      }
      return top != null && top.endsWith("/") && files.containsKey(top + "bagit.txt") ? top : null;
    }
  }

  /** Unpacks {@code body} into {@code target}, which must not exist yet. */
  Result unpack(InputStream body, Format format, Path target);

  /** Copies the bag directory {@code source} into {@code target}, which must not exist yet. */
  Result copyTree(Path source, Path target);
}
