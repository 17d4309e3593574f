package org.dpps.archive.schemas.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Adler32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class MultiDigestTest {
  private static final ExecutorService POOL = Executors.newCachedThreadPool();

  @AfterAll
  static void shutdown() {
    POOL.shutdown();
  }

  @Test
  void onTheCallingThreadTheDigestsEqualTheJdkOnes() throws Exception {
    digestsEqualTheJdkOnesForSmallAndLargeChunks(null);
  }

  @Test
  void withHelpersTheDigestsEqualTheJdkOnesAndLargeChunksGoToTheHelpers() throws Exception {
    AtomicInteger tasks = new AtomicInteger();
    digestsEqualTheJdkOnesForSmallAndLargeChunks(
        task -> {
          tasks.incrementAndGet();
          POOL.execute(task);
        });
    // 5 whole 1 MiB buffers, two helper tasks (sha512; the rest) each; the last 123 bytes and the
    // small updates are digested on the calling thread
    assertThat(tasks.get()).isEqualTo(10);
  }

  private void digestsEqualTheJdkOnesForSmallAndLargeChunks(Executor helpers) throws Exception {
    byte[] data = new byte[5 * 1024 * 1024 + 123];
    new Random(42).nextBytes(data);
    MultiDigest digest = new MultiDigest(List.of("md5", "sha1"), helpers);
    ByteArrayOutputStream copy = new ByteArrayOutputStream();

    long copied = digest.copy(new ByteArrayInputStream(data), copy);
    // and a few small updates on top, which take the sequential path
    digest.update(data, 0, 10);
    digest.update(data, 10, 1000);
    MultiDigest.Result result = digest.finish();

    byte[] all = new byte[data.length + 1010];
    System.arraycopy(data, 0, all, 0, data.length);
    System.arraycopy(data, 0, all, data.length, 1010);
    assertThat(copied).isEqualTo(data.length);
    assertThat(copy.toByteArray()).isEqualTo(data);
    assertThat(result.size()).isEqualTo(all.length);
    assertThat(result.digests().sha512()).isEqualTo(hex("SHA-512", all));
    assertThat(result.digests().sha256()).isEqualTo(hex("SHA-256", all));
    assertThat(result.byAlgorithm()).containsEntry("md5", hex("MD5", all));
    assertThat(result.byAlgorithm()).containsEntry("sha1", hex("SHA-1", all));
    Adler32 adler = new Adler32();
    adler.update(all);
    assertThat(result.digests().adler32()).isEqualTo(String.format("%08x", adler.getValue()));
  }

  @Test
  void emptyInputHasTheEmptyDigests() throws Exception {
    MultiDigest.Result result = new MultiDigest().finish();
    assertThat(result.size()).isZero();
    assertThat(result.digests().sha256())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(result.digests().adler32()).isEqualTo("00000001");
  }

  private static String hex(String algorithm, byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
  }
}
