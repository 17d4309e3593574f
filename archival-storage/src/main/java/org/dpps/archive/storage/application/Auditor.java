package org.dpps.archive.storage.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.application.ObjectChecker.Finding;
import org.dpps.archive.storage.application.ObjectChecker.ObjectState;
import org.dpps.archive.storage.domain.Audit;
import org.dpps.archive.storage.domain.ReplicaStore;
import org.dpps.archive.storage.domain.StorageEvent;

/**
 * Audits one object across replicas and heals it. Each replica in scope is checked (quick or full);
 * a quick check that finds anything, or sizes that differ between replicas, is escalated to a full
 * check. A damaged, missing or lagging copy is restored file by file from a replica whose copy
 * passed a full check (digests, manifests and seal), never from a bad copy: each restored file is
 * written beside its target, synced, its digest compared with the good copy's, and renamed into
 * place; files the good copy does not have are moved to quarantine; then the repaired copy is
 * checked again. Without a good copy (or when the good copy holds fewer versions than the damaged
 * one) the object is marked DAMAGED and left untouched for a person to decide. Every check, repair
 * and quarantine is written to the event log.
 */
final class Auditor {
  static final String AGENT = "dpps-archive/audit";
  private final ArchivalStorage storage;
  private final ObjectChecker checker;

  Auditor(ArchivalStorage storage) {
    this.storage = storage;
    this.checker = new ObjectChecker(storage.sealer(), storage.helpers());
  }

  Audit.Outcome audit(ProductId productId, Set<String> scope, boolean full, IoBudget budget) {
    ReentrantLock lock = storage.lockOf(productId);
    lock.lock();
    try {
      return auditLocked(productId, scope, full, budget);
    } finally {
      lock.unlock();
    }
  }

  private Audit.Outcome auditLocked(
      ProductId productId, Set<String> scope, boolean full, IoBudget b) {
    List<Audit.Finding> failures = new ArrayList<>();
    Map<String, ObjectState> states = new LinkedHashMap<>();
    long[] totals = {0, 0};
    for (Replica r : storage.replicas()) {
      if (!scope.contains(r.name())) {
        continue;
      }
      if (!r.available()) {
        failures.add(
            new Audit.Finding(
                productId.value(), r.name(), "", "REPLICA_UNAVAILABLE", null, null, "SKIPPED"));
        continue;
      }
      states.put(r.name(), check(r, productId, full, b, totals));
    }
    boolean suspicious =
        states.values().stream().anyMatch(s -> !s.intact()) || disagree(states.values());
    if (!full && suspicious) {
      // escalate: a quick check only says that something is off; a full check says what
      states.replaceAll(
          (name, s) -> check(storage.replica(name).orElseThrow(), productId, true, b, totals));
      full = true;
    }
    final int highest = states.values().stream().mapToInt(ObjectState::head).max().orElse(0);
    final boolean fullNow = full;
    boolean anyBad =
        states.values().stream().anyMatch(s -> !s.intact() || (fullNow && s.head() < highest));
    if (!full || !anyBad) {
      recordChecks(productId, states.values(), failures, "NONE");
      return new Audit.Outcome(productId.value(), (int) totals[0], totals[1], failures, 0, false);
    }
    // the object needs healing: a full check of every available replica finds a good copy
    for (Replica r : storage.replicas()) {
      if (!states.containsKey(r.name()) && r.available()) {
        states.put(r.name(), check(r, productId, true, b, totals));
      }
    }
    int maxHead = states.values().stream().mapToInt(ObjectState::head).max().orElse(0);
    ObjectState good =
        states.values().stream()
            .filter(ObjectState::intact)
            .max(Comparator.comparingInt(ObjectState::head))
            .orElse(null);
    int repaired = 0;
    boolean damaged = false;
    for (ObjectState state : List.copyOf(states.values())) {
      boolean bad = !state.intact() || state.head() < maxHead;
      if (!bad || !scope.contains(state.replica())) {
        recordCheck(productId, state, failures, "NONE");
        continue;
      }
      if (good == null || good.head() < state.head()) {
        recordCheck(productId, state, failures, "DAMAGED");
        damaged = true;
        continue;
      }
      String action = state.present() ? "REPAIRED" : "REPLICATED";
      // the files the repair moves to quarantine: those the good copy does not have
      Set<String> quarantined = new java.util.TreeSet<>(state.sizes().keySet());
      quarantined.removeAll(good.sizes().keySet());
      ObjectState after;
      try {
        after = repair(productId, state, good, b, totals);
      } catch (IOException | RuntimeException e) {
        after = null;
        failures.add(
            new Audit.Finding(
                productId.value(),
                state.replica(),
                "",
                "REPAIR_FAILED",
                null,
                e.getMessage(),
                "DAMAGED"));
      }
      if (after != null && after.intact() && after.head() == good.head()) {
        recordCheck(productId, state, failures, action, quarantined);
        if (state.head() < good.head() && state.findings().isEmpty()) {
          failures.add(
              new Audit.Finding(
                  productId.value(),
                  state.replica(),
                  "",
                  "VERSION_BEHIND",
                  "v" + good.head(),
                  "v" + state.head(),
                  action));
        }
        event(
            state.present() ? StorageEvent.RECOVERY : StorageEvent.REPLICATED,
            ArchiveEvent.Outcome.SUCCESS,
            productId,
            state.replica(),
            Map.of(
                "from", good.replica(),
                "findings", state.findings().size(),
                "head", good.head()));
        repaired++;
      } else {
        recordCheck(productId, state, failures, "DAMAGED");
        damaged = true;
      }
    }
    if (damaged) {
      event(
          StorageEvent.DAMAGED,
          ArchiveEvent.Outcome.FAILURE,
          productId,
          null,
          Map.of(
              "goodCopy", good == null ? "none" : good.replica(),
              "reason",
                  good == null
                      ? "no replica holds an intact copy"
                      : "the intact copy holds fewer versions than a damaged one"));
    }
    return new Audit.Outcome(
        productId.value(), (int) totals[0], totals[1], failures, repaired, damaged);
  }

  private ObjectState check(Replica r, ProductId id, boolean full, IoBudget b, long[] totals) {
    ObjectState s = checker.check(r.name(), storage.open(r), id, full, b);
    totals[0] += s.filesRead();
    totals[1] += s.bytesRead();
    return s;
  }

  /** Whether present copies disagree on head version or on the size of any file. */
  private static boolean disagree(java.util.Collection<ObjectState> states) {
    ObjectState first = null;
    for (ObjectState s : states) {
      if (!s.present()) {
        return true;
      }
      if (first == null) {
        first = s;
      } else if (s.head() != first.head() || !s.sizes().equals(first.sizes())) {
        return true;
      }
    }
    return false;
  }

  private void recordChecks(
      ProductId productId,
      java.util.Collection<ObjectState> states,
      List<Audit.Finding> failures,
      String action) {
    for (ObjectState s : states) {
      recordCheck(productId, s, failures, action);
    }
  }

  private void recordCheck(
      ProductId productId, ObjectState s, List<Audit.Finding> failures, String action) {
    recordCheck(productId, s, failures, action, Set.of());
  }

  /**
   * One PREMIS fixity-check event per replica checked, and its findings in the report; a dark file
   * among {@code quarantined} is reported as QUARANTINED rather than with {@code action}.
   */
  private void recordCheck(
      ProductId productId,
      ObjectState s,
      List<Audit.Finding> failures,
      String action,
      Set<String> quarantined) {
    for (Finding f : s.findings()) {
      boolean movedAway = f.kind().equals("DARK_FILE") && quarantined.contains(f.path());
      failures.add(
          new Audit.Finding(
              productId.value(),
              s.replica(),
              f.path(),
              f.kind(),
              f.expected(),
              f.actual(),
              movedAway ? "QUARANTINED" : action));
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("mode", s.full() ? "full" : "quick");
    detail.put("files", s.full() ? s.filesRead() : s.sizes().size());
    detail.put("bytes", s.bytesRead());
    detail.put("head", s.head());
    detail.put("findings", s.findings().size());
    if (!s.findings().isEmpty()) {
      detail.put("action", action);
      detail.put("first", s.findings().get(0).kind() + " " + s.findings().get(0).path());
    }
    event(
        StorageEvent.FIXITY_CHECK,
        s.intact() ? ArchiveEvent.Outcome.SUCCESS : ArchiveEvent.Outcome.FAILURE,
        productId,
        s.replica(),
        detail);
  }

  private void event(
      StorageEvent type,
      ArchiveEvent.Outcome outcome,
      ProductId productId,
      String replica,
      Map<String, ?> detail) {
    storage.events().append(type, outcome, productId.value(), replica, AGENT, detail);
  }

  /**
   * Makes the bad copy identical to the good one, file by file, and checks it again. The root
   * inventory and its sidecar are written last, so an interrupted repair leaves a copy the next
   * audit still sees as damaged (and repairs), never one that looks whole and is not.
   */
  private ObjectState repair(
      ProductId productId, ObjectState bad, ObjectState good, IoBudget b, long[] totals)
      throws IOException {
    Replica target = storage.replica(bad.replica()).orElseThrow();
    Replica source = storage.replica(good.replica()).orElseThrow();
    ReplicaStore to = storage.open(target);
    Path fromRoot = storage.open(source).objectRoot(productId);
    Path toRoot = to.objectRoot(productId);
    List<String> paths = new ArrayList<>(good.sizes().keySet());
    paths.sort(
        Comparator.comparing((String p) -> p.startsWith("inventory.json"))
            .thenComparing(Comparator.naturalOrder()));
    Files.createDirectories(toRoot);
    for (String path : paths) {
      String expected = good.sha512().get(path);
      if (expected != null && expected.equals(bad.sha512().get(path))) {
        continue;
      }
      restoreFile(fromRoot.resolve(path), toRoot.resolve(path), expected, to.workDir());
    }
    for (String path : bad.sizes().keySet()) {
      if (!good.sizes().containsKey(path)) {
        Path quarantined =
            storage
                .settings()
                .quarantine()
                .resolve(target.name())
                .resolve(productId.value())
                .resolve(UUID.randomUUID().toString())
                .resolve(path);
        Files.createDirectories(quarantined.getParent());
        Files.move(toRoot.resolve(path), quarantined);
        event(
            StorageEvent.QUARANTINE,
            ArchiveEvent.Outcome.SUCCESS,
            productId,
            target.name(),
            Map.of(
                "path",
                path,
                "quarantinedAs",
                storage.settings().home().relativize(quarantined).toString()));
      }
    }
    to.invalidate(productId);
    return check(target, productId, true, b, totals);
  }

  /**
   * Copies {@code from} to a temporary file in the target replica's work directory (same volume,
   * emptied at start-up, so a crash leaves nothing inside the storage root), syncs it, checks its
   * digest and renames it over {@code to}.
   */
  private static void restoreFile(Path from, Path to, String expectedSha512, Path workDir)
      throws IOException {
    Files.createDirectories(to.getParent());
    Files.createDirectories(workDir);
    Path tmp = workDir.resolve("repair-" + UUID.randomUUID());
    try {
      try (InputStream in = Files.newInputStream(from);
          OutputStream out =
              Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        in.transferTo(out);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      String actual = FixityReader.digest(tmp, "SHA-512", IoBudget.unlimited());
      if (expectedSha512 != null && !expectedSha512.equals(actual)) {
        throw new IOException(
            "the copy of " + from.getFileName() + " does not match the good copy's digest");
      }
      Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
