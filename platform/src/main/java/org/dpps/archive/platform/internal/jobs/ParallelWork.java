package org.dpps.archive.platform.internal.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Maps independent items over at most {@code parallelism} tasks of an executor: the workers take
 * items in input order, results come back in input order, and if items fail the failure of the
 * first failing item (in input order) is thrown; once an item failed, no new item is started.
 */
public final class ParallelWork {
  private ParallelWork() {}

  public static <T, R> List<R> map(
      ExecutorService executor, List<T> items, int parallelism, Function<T, R> work) {
    int workers = Math.min(Math.max(1, parallelism), items.size());
    if (workers < 2) {
      return items.stream().map(work).toList();
    }
    Object[] results = new Object[items.size()];
    Throwable[] failures = new Throwable[items.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger(Integer.MAX_VALUE);
    List<Future<?>> futures = new ArrayList<>(workers);
    for (int w = 0; w < workers; w++) {
      futures.add(
          executor.submit(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < items.size() && i < failed.get()) {
                  try {
                    results[i] = work.apply(items.get(i));
                  } catch (RuntimeException | Error e) {
                    failures[i] = e;
                    failed.accumulateAndGet(i, Math::min);
                  }
                }
              }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      // no interrupts of the workers: an interrupted thread closes H2's files under the database
      futures.forEach(f -> f.cancel(false));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    for (Throwable t : failures) {
      if (t instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (t instanceof Error error) {
        throw error;
      }
    }
    List<R> out = new ArrayList<>(items.size());
    for (Object r : results) {
      @SuppressWarnings("unchecked")
      R cast = (R) r;
      out.add(cast);
    }
    return out;
  }
}
