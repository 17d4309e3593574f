package org.dpps.archive.schemas.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.zip.Adler32;

/**
 * Computes sha512, sha256 and adler32 (and optionally further algorithms a SIP manifest uses) in
 * one pass over the bytes, while they are copied: the archive reads each deposited byte once.
 */
public final class MultiDigest {
  private static final int BUFFER = 1 << 20;

  /** Chunks at least this large have their sha512 computed on a second core. */
  private static final int PARALLEL_MIN = 64 * 1024;

  /** Runs the digests of large chunks beside the caller; null: everything on the caller. */
  private final Executor helpers;

  private CompletableFuture<Void> pendingSha512;
  private CompletableFuture<Void> pendingOthers;
  private byte[][] sha512Buffers;
  private int nextBuffer;
  private final MessageDigest sha512 = digest("SHA-512");
  private final MessageDigest sha256 = digest("SHA-256");
  private final Adler32 adler32 = new Adler32();
  private final Map<String, MessageDigest> extra = new LinkedHashMap<>();
  private long size;

  /**
   * @param extraAlgorithms BagIt algorithm names (md5, sha1, sha224, sha384) to compute as well
   * @param helpers runs the digests of large chunks on other cores while the caller reads the next
   *     one (null: every digest on the calling thread)
   */
  public MultiDigest(Iterable<String> extraAlgorithms, Executor helpers) {
    this.helpers = helpers;
    for (String alg : extraAlgorithms) {
      String name = alg.toLowerCase(Locale.ROOT);
      if (!name.equals("sha512") && !name.equals("sha256")) {
        extra.put(name, digest(javaName(name)));
      }
    }
  }

  /** Every digest on the calling thread. */
  public MultiDigest(Iterable<String> extraAlgorithms) {
    this(extraAlgorithms, null);
  }

  /** sha512, sha256 and adler32 on the calling thread. */
  public MultiDigest() {
    this(java.util.List.of(), null);
  }

  /** sha512, sha256 and adler32, large chunks digested on {@code helpers}. */
  public MultiDigest(Executor helpers) {
    this(java.util.List.of(), helpers);
  }

  /** Maps a BagIt manifest algorithm name to the JCA name. */
  public static String javaName(String bagitName) {
    return switch (bagitName.toLowerCase(Locale.ROOT)) {
      case "md5" -> "MD5";
      case "sha1" -> "SHA-1";
      case "sha224" -> "SHA-224";
      case "sha256" -> "SHA-256";
      case "sha384" -> "SHA-384";
      case "sha512" -> "SHA-512";
      default -> throw new IllegalArgumentException("Unsupported digest algorithm " + bagitName);
    };
  }

  /**
   * Digests the bytes. With helpers, large chunks are digested by two helper tasks (sha512 in one,
   * the rest in the other), on a copy, while the calling thread goes on reading and writing the
   * next chunk.
   */
  public void update(byte[] bytes, int offset, int length) {
    awaitPending();
    if (helpers != null && length >= PARALLEL_MIN && length <= BUFFER) {
      if (sha512Buffers == null) {
        sha512Buffers = new byte[2][BUFFER];
      }
      byte[] copy = sha512Buffers[nextBuffer];
      nextBuffer ^= 1;
      System.arraycopy(bytes, offset, copy, 0, length);
      pendingSha512 = CompletableFuture.runAsync(() -> sha512.update(copy, 0, length), helpers);
      pendingOthers = CompletableFuture.runAsync(() -> updateOthers(copy, 0, length), helpers);
    } else {
      sha512.update(bytes, offset, length);
      updateOthers(bytes, offset, length);
    }
    size += length;
  }

  private void updateOthers(byte[] bytes, int offset, int length) {
    sha256.update(bytes, offset, length);
    adler32.update(bytes, offset, length);
    for (MessageDigest d : extra.values()) {
      d.update(bytes, offset, length);
    }
  }

  /** Copies {@code in} to {@code out}, digesting every byte; returns the number of bytes copied. */
  public long copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long copied = 0;
    int n;
    // whole buffers, so that large inputs take the parallel path of update()
    while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
      out.write(buffer, 0, n);
      update(buffer, 0, n);
      copied += n;
    }
    return copied;
  }

  /** Reads a whole file once and returns its digests (plus any extra BagIt algorithms). */
  public static Result of(java.nio.file.Path file, Iterable<String> extraAlgorithms)
      throws IOException {
    return of(file, extraAlgorithms, null);
  }

  /** The same, large chunks digested on {@code helpers} (null: on the calling thread). */
  public static Result of(
      java.nio.file.Path file, Iterable<String> extraAlgorithms, Executor helpers)
      throws IOException {
    MultiDigest digest = new MultiDigest(extraAlgorithms, helpers);
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      digest.copy(in, OutputStream.nullOutputStream());
    }
    return digest.finish();
  }

  public long size() {
    return size;
  }

  private void awaitPending() {
    pendingSha512 = await(pendingSha512);
    pendingOthers = await(pendingOthers);
  }

  private static CompletableFuture<Void> await(CompletableFuture<Void> pending) {
    if (pending == null) {
      return null;
    }
    try {
      pending.get();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while digesting", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("Digest failed", e.getCause());
    }
  }

  /** Finishes the digests. The instance must not be used afterwards. */
  public Result finish() {
    awaitPending();
    Map<String, String> all = new LinkedHashMap<>();
    HexFormat hex = HexFormat.of();
    String s512 = hex.formatHex(sha512.digest());
    String s256 = hex.formatHex(sha256.digest());
    all.put("sha512", s512);
    all.put("sha256", s256);
    extra.forEach((name, d) -> all.put(name, hex.formatHex(d.digest())));
    String adler = String.format(Locale.ROOT, "%08x", adler32.getValue());
    return new Result(size, new FileDigests(s512, s256, adler), Map.copyOf(all));
  }

  /**
   * @param byAlgorithm every computed digest by BagIt algorithm name (sha512, sha256, extras)
   */
  public record Result(long size, FileDigests digests, Map<String, String> byAlgorithm) {}

  private static MessageDigest digest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JCA lacks " + name, e);
    }
  }
}
