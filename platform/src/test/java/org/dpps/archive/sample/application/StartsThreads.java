package org.dpps.archive.sample.application;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** Breaks the thread rule four times (a fixture of {@code ArchiveRulesTest}). */
public class StartsThreads {
  void thread(Runnable r) {
    new Thread(r).start();
  }

  void pool() {
    Executors.newFixedThreadPool(2);
  }

  long parallel(List<String> items) {
    return items.parallelStream().count();
  }

  void commonPool(Runnable r) {
    CompletableFuture.runAsync(r);
  }

  /** Allowed: the work runs on the executor it is given. */
  void onHelpers(Runnable r, Executor helpers) {
    CompletableFuture.runAsync(r, helpers);
  }
}
