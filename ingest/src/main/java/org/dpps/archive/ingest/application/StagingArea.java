package org.dpps.archive.ingest.application;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dpps.archive.schemas.model.FileDigests;
import org.dpps.archive.schemas.model.MultiDigest;

/**
 * The archive's staging area: one directory per deposit holding the unpacked SIP ({@code sip/}),
 * the digests computed while it was staged ({@code digests.json}, written durably before the
 * deposit is acknowledged) and the AIPs being assembled ({@code aip/}).
 */
public final class StagingArea {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path root;

  public StagingArea(Path root) {
    this.root = root;
  }

  /** The directory holding one sub-directory per deposit in progress. */
  public Path root() {
    return root;
  }

  public Path depositDir(String depositId) {
    return root.resolve(depositId);
  }

  public Path sipDir(String depositId) {
    return depositDir(depositId).resolve("sip");
  }

  public Path aipDir(String depositId) {
    return depositDir(depositId).resolve("aip");
  }

  record StoredDigest(long size, String sha512, String sha256, String adler32) {}

  /** Writes the staged digests durably (temp file, fsync, atomic rename). */
  public void saveDigests(String depositId, Map<String, MultiDigest.Result> digests) {
    Map<String, StoredDigest> out = new LinkedHashMap<>();
    digests.forEach(
        (path, r) ->
            out.put(
                path,
                new StoredDigest(
                    r.size(), r.digests().sha512(), r.digests().sha256(), r.digests().adler32())));
    Path dir = depositDir(depositId);
    try {
      Path tmp = dir.resolve("digests.json.tmp");
      Files.write(tmp, JSON.writeValueAsBytes(out));
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(tmp, dir.resolve("digests.json"), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record the digests of deposit " + depositId, e);
    }
  }

  public Map<String, MultiDigest.Result> loadDigests(String depositId) {
    try {
      Map<String, StoredDigest> stored =
          JSON.readValue(
              depositDir(depositId).resolve("digests.json").toFile(),
              new TypeReference<LinkedHashMap<String, StoredDigest>>() {});
      Map<String, MultiDigest.Result> digests = new LinkedHashMap<>();
      stored.forEach(
          (path, d) ->
              digests.put(
                  path,
                  new MultiDigest.Result(
                      d.size(),
                      new FileDigests(d.sha512(), d.sha256(), d.adler32()),
                      Map.of("sha512", d.sha512(), "sha256", d.sha256()))));
      return digests;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the digests of deposit " + depositId, e);
    }
  }

  /** Removes everything staged for a deposit. */
  public void discard(String depositId) {
    try {
      AipAssembler.deleteTree(depositDir(depositId));
    } catch (IOException e) {
      System.getLogger(StagingArea.class.getName())
          .log(System.Logger.Level.WARNING, "Cannot clean staging of deposit " + depositId, e);
    }
  }
}
