package org.dpps.archive.ingest.infrastructure.bagit;

import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.domain.Manifest;
import gov.loc.repository.bagit.exceptions.MaliciousPathException;
import gov.loc.repository.bagit.reader.BagReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dpps.archive.ingest.domain.Sip;
import org.dpps.archive.ingest.domain.SipReader;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.schemas.model.MultiDigest;

/**
 * Reads a staged bag with BagIt Java (bagit.txt, manifests, bag-info, fetch) and checks it is
 * complete and valid against the digests computed while it was staged, so payload bytes are not
 * read a second time when the manifests use sha512 or sha256. BagIt 0.97 and 1.0 bags with md5,
 * sha1, sha256 or sha512 manifests are accepted.
 */
@ApplicationScoped
public class BagItSipReader implements SipReader {

  /**
   * @param unpacked the directory the deposit was unpacked into
   * @param staged digests of every staged file, by path relative to {@code unpacked}
   */
  @Override
  public Sip read(Path unpacked, Map<String, MultiDigest.Result> staged) {
    Path root = locateRoot(unpacked);
    String prefix = unpacked.relativize(root).toString().replace('\\', '/');
    Map<String, MultiDigest.Result> files = new TreeMap<>();
    staged.forEach(
        (path, digest) -> {
          if (prefix.isEmpty()) {
            files.put(path, digest);
          } else if (path.startsWith(prefix + "/")) {
            files.put(path.substring(prefix.length() + 1), digest);
          }
        });
    Bag bag;
    try {
      bag = new BagReader().read(root);
    } catch (MaliciousPathException e) {
      // BagIt Java names the resolved absolute path: shown relative to the bag, never the server's
      throw new ArchiveException(
          ErrorCode.PATH_ESCAPE,
          "A manifest or fetch.txt entry points outside the bag",
          escapedPath(root, e.getMessage()),
          e);
    } catch (Exception e) {
      throw new ArchiveException(
          ErrorCode.NOT_A_BAG,
          "Cannot read the bag: " + withoutServerPaths(root, String.valueOf(e.getMessage())),
          null,
          e);
    }
    if (!bag.getItemsToFetch().isEmpty()) {
      throw new ArchiveException(
          ErrorCode.BAG_INCOMPLETE,
          "fetch.txt is not supported: deposit a complete bag",
          "fetch.txt");
    }
    if (bag.getPayLoadManifests().isEmpty()) {
      throw new ArchiveException(
          ErrorCode.NOT_A_BAG, "The bag has no payload manifest", "manifest-sha512.txt");
    }
    Map<String, MultiDigest.Result> payload = new TreeMap<>();
    List<String> tagFiles = new ArrayList<>();
    files.forEach(
        (path, digest) -> {
          if (path.startsWith("data/")) {
            payload.put(path, digest);
          } else {
            tagFiles.add(path);
          }
        });
    if (payload.isEmpty()) {
      throw new ArchiveException(ErrorCode.EMPTY_BAG, "The bag has no payload files", "data/");
    }
    for (Manifest manifest : bag.getPayLoadManifests()) {
      checkManifest(root, manifest, payload, true);
    }
    Map<String, MultiDigest.Result> tags = new TreeMap<>();
    tagFiles.forEach(t -> tags.put(t, files.get(t)));
    for (Manifest manifest : bag.getTagManifests()) {
      checkManifest(root, manifest, tags, false);
    }
    checkOxum(bag, payload);
    List<Map.Entry<String, String>> info = new ArrayList<>();
    bag.getMetadata()
        .getAll()
        .forEach(e -> info.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue())));
    String version = bag.getVersion() == null ? "unknown" : bag.getVersion().toString();
    return new Sip(root, version, payload, tagFiles, info);
  }

  private static Path locateRoot(Path unpacked) {
    if (Files.isRegularFile(unpacked.resolve("bagit.txt"))) {
      return unpacked;
    }
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(unpacked)) {
      stream.forEach(children::add);
    } catch (IOException e) {
      throw new ArchiveException(ErrorCode.NOT_A_BAG, "Cannot list the deposit", null, e);
    }
    if (children.size() == 1
        && Files.isDirectory(children.get(0))
        && Files.isRegularFile(children.get(0).resolve("bagit.txt"))) {
      return children.get(0);
    }
    throw new ArchiveException(
        ErrorCode.NOT_A_BAG,
        "No bagit.txt at the top of the deposit (or of its single top-level directory)",
        "bagit.txt");
  }

  private static void checkManifest(
      Path root, Manifest manifest, Map<String, MultiDigest.Result> files, boolean payload) {
    String algorithm = manifest.getAlgorithm().getBagitName().toLowerCase(Locale.ROOT);
    String manifestName = (payload ? "manifest-" : "tagmanifest-") + algorithm + ".txt";
    Set<String> listed = new TreeSet<>();
    Map<String, String> recomputed = new HashMap<>();
    for (Map.Entry<Path, String> entry : manifest.getFileToChecksumMap().entrySet()) {
      Path absolute = entry.getKey().normalize();
      if (!absolute.startsWith(root)) {
        throw new ArchiveException(
            ErrorCode.PATH_ESCAPE,
            manifestName + " lists a path outside the bag",
            relative(root, absolute));
      }
      String path = root.relativize(absolute).toString().replace('\\', '/');
      listed.add(path);
      MultiDigest.Result digest = files.get(path);
      if (digest == null) {
        throw new ArchiveException(
            ErrorCode.BAG_INCOMPLETE, manifestName + " lists a file the bag does not have", path);
      }
      String actual = digest.byAlgorithm().get(algorithm);
      if (actual == null) {
        actual = recomputed.computeIfAbsent(path, p -> hash(root.resolve(p), algorithm));
      }
      if (!actual.equalsIgnoreCase(entry.getValue().trim())) {
        throw new ArchiveException(
            ErrorCode.CHECKSUM_MISMATCH,
            algorithm
                + " of the file is "
                + actual
                + " but "
                + manifestName
                + " says "
                + entry.getValue().trim(),
            path);
      }
    }
    if (payload) {
      for (String path : files.keySet()) {
        if (!listed.contains(path)) {
          throw new ArchiveException(
              ErrorCode.BAG_INCOMPLETE, "Payload file missing from " + manifestName, path);
        }
      }
    }
  }

  private static void checkOxum(Bag bag, Map<String, MultiDigest.Result> payload) {
    List<String> oxum = bag.getMetadata().get("Payload-Oxum");
    if (oxum == null || oxum.isEmpty()) {
      return;
    }
    long octets = payload.values().stream().mapToLong(MultiDigest.Result::size).sum();
    String actual = octets + "." + payload.size();
    if (!actual.equals(oxum.get(0).trim())) {
      throw new ArchiveException(
          ErrorCode.BAG_INCOMPLETE,
          "Payload-Oxum says " + oxum.get(0).trim() + " but the payload is " + actual,
          "bag-info.txt");
    }
  }

  /** The one digest a manifest names (md5, sha1 of older bags), reading the file once. */
  private static String hash(Path file, String algorithm) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(MultiDigest.javaName(algorithm));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JCA lacks " + algorithm, e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 20];
      int n;
      while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
        md.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new ArchiveException(ErrorCode.BAG_INCOMPLETE, "Cannot read the file", file.toString());
    }
  }

  private static final java.util.regex.Pattern BRACKETED =
      java.util.regex.Pattern.compile("\\[([^\\]]+)\\]");
  private static final java.util.regex.Pattern ABSOLUTE =
      java.util.regex.Pattern.compile("(?<![\\w.])/[^\\s\\[\\]\"',;]+");

  /** The path BagIt Java's message names ({@code [<path>] is trying to be malicious...}). */
  static String escapedPath(Path root, String message) {
    java.util.regex.Matcher m = BRACKETED.matcher(String.valueOf(message));
    return m.find() ? relative(root, Path.of(m.group(1))) : null;
  }

  /**
   * {@code path} relative to the bag ({@code ../../etc/passwd}): the server's layout stays hidden.
   */
  static String relative(Path root, Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return root.toAbsolutePath().normalize().relativize(absolute).toString().replace('\\', '/');
  }

  /** Every absolute path in a library's message, shown relative to the bag. */
  static String withoutServerPaths(Path root, String message) {
    java.util.regex.Matcher m = ABSOLUTE.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String shown;
      try {
        shown = relative(root, Path.of(m.group()));
      } catch (RuntimeException e) {
        shown = "<path>";
      }
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(shown));
    }
    m.appendTail(out);
    return out.toString();
  }
}
