package org.dpps.archive.storage.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dpps.archive.schemas.model.MultiDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit read budget: a token bucket in bytes per second, shared by every reader. */
class IoBudgetTest {
  private static final int MIB = 1 << 20;

  @TempDir Path tmp;

  @Test
  void thirtyMegabytesAtTwentyMegabytesPerSecondTakeASecondAndAHalf() {
    IoBudget budget = new IoBudget(20_000_000);

    long started = System.nanoTime();
    acquire(budget, 30_000_000);
    double seconds = (System.nanoTime() - started) / 1e9;

    assertThat(budget.bytesPerSecond()).isEqualTo(20_000_000);
    assertThat(seconds).isBetween(1.5 * 0.85, 1.5 * 1.15);
  }

  @Test
  void theBudgetIsSharedByEveryThread() throws Exception {
    IoBudget budget = new IoBudget(20_000_000);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      long started = System.nanoTime();
      List<Future<?>> readers =
          List.of(
              pool.submit(() -> acquire(budget, 15_000_000)),
              pool.submit(() -> acquire(budget, 15_000_000)));
      for (Future<?> r : readers) {
        r.get();
      }
      double seconds = (System.nanoTime() - started) / 1e9;

      assertThat(seconds).isBetween(1.5 * 0.85, 1.5 * 1.15);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFileReadForItsDigestIsHeldToTheBudget() throws IOException {
    byte[] content = new byte[12_000_000];
    new Random(42).nextBytes(content);
    Path file = Files.write(tmp.resolve("payload.bin"), content);

    long started = System.nanoTime();
    String sha512 = FixityReader.digest(file, "SHA-512", new IoBudget(8_000_000));
    double seconds = (System.nanoTime() - started) / 1e9;

    assertThat(sha512).isEqualTo(MultiDigest.of(file, List.of()).digests().sha512());
    assertThat(seconds).isBetween(1.5 * 0.85, 1.5 * 1.15);
  }

  @Test
  void anUnlimitedBudgetNeverWaits() {
    for (IoBudget budget : List.of(IoBudget.unlimited(), new IoBudget(0), new IoBudget(-5))) {
      long started = System.nanoTime();
      acquire(budget, 100L * 1_000_000_000); // 100 GB
      double seconds = (System.nanoTime() - started) / 1e9;

      assertThat(budget.bytesPerSecond()).isZero();
      assertThat(budget).hasToString("unlimited");
      assertThat(seconds).isLessThan(0.5);
    }
  }

  private static void acquire(IoBudget budget, long total) {
    for (long left = total; left > 0; left -= MIB) {
      budget.acquire(Math.min(MIB, left));
    }
  }
}
