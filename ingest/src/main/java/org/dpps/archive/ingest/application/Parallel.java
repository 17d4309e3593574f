package org.dpps.archive.ingest.application;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Maps independent per-product work (characterisation, AIP assembly) over the machine's cores.
 * Results come back in input order; if items fail, the failure of the first failing item (in input
 * order) is thrown, so a deposit's problem does not depend on thread timing.
 */
final class Parallel {
  private static final ExecutorService WORKERS =
      Executors.newFixedThreadPool(
          Math.max(2, Runtime.getRuntime().availableProcessors()),
          r -> {
            Thread t = new Thread(r, "ingest-parallel");
            t.setDaemon(true);
            return t;
          });

  private Parallel() {}

  static <T, R> List<R> map(List<T> items, Function<T, R> work) {
    if (items.size() < 2) {
      return items.stream().map(work).toList();
    }
    List<Future<R>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      futures.add(WORKERS.submit(() -> work.apply(item)));
    }
    List<R> results = new ArrayList<>(items.size());
    try {
      for (Future<R> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      futures.forEach(f -> f.cancel(false));
    }
  }
}
