package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveClient.Reply;
import org.dpps.archive.tests.support.ArchiveServer;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.Dl3Files;
import org.dpps.archive.tests.support.LogTailOnFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Crash safety: the archive is killed with SIGKILL at many moments of deposits (during the upload,
 * while the deposit waits, validates, stores on the first replica, replicates to the second, and
 * after it finished) and of a repair, restarted, and must have recovered by itself. Each trial
 * sends 1 to 3 bags of 2 to 4 products of 0.5 to 6 MiB of random bytes (new objects), half of them
 * with one more DL3 observation under a CTA PRODUCT ID used before (a new version of an existing
 * object), kills the archive after a random delay of 0 to 2.2 s, restarts it, waits until no
 * deposit is unfinished and checks the invariants below. A last deposit trial kills the archive at
 * a precise moment instead: the instant its deposit is seen ARCHIVED (polled without pause).
 * Checks:
 *
 * <ul>
 *   <li>(a) every ARCHIVED deposit lists exactly the products it held, and each is retrievable with
 *       the bytes deposited;
 *   <li>(b) they are on both replicas, and the two storage roots are byte-identical as a whole;
 *   <li>(c) no partial AIP is visible: no version directory beyond the root inventory's head, every
 *       file of the root manifest present, the inventory sidecar right, no unexpected file;
 *   <li>(d) an acknowledged ({@code 202}) deposit never disappears and ends ARCHIVED; a REJECTED
 *       deposit names a problem code (an upload cut off by the kill: INGEST-016) and none of its
 *       products is half-stored;
 *   <li>(e) nothing to clean by hand: the OCFL work directories and {@code staging/} are empty once
 *       every deposit has finished;
 *   <li>(f) after all trials a FULL audit finds nothing and the event log verifies;
 *   <li>(g) after every restart the catalogue, the search index and the provenance graph hold each
 *       stored object once (counts, search), and a reconciliation finds nothing left to repair.
 * </ul>
 *
 * Then a repair is killed: a payload file of a large product is damaged on {@code r2}, a FULL audit
 * (no I/O budget) is killed while it restores the file, and after the restart the same audit
 * resumes to COMPLETED, {@code r2} is identical to {@code r1} again, nothing temporary is left in
 * the storage roots, and a further audit finds nothing.
 *
 * <p>Trials: {@code -Dcrash.trials=N} (default 8; failsafe forwards properties given on the Maven
 * command line to the test JVM), seed: {@code -Dcrash.seed=S} (printed; the kill moments are
 * reproducible only roughly, they depend on timing). Violations are collected over all trials and
 * reported together at the end. Its own server (the audit scheduler off). The run time is dominated
 * by the archive's start-up (about 20 s on two cores, one start per trial): about 3.5 minutes with
 * the default 8 trials.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashSafetyIT {
  private static final int TRIALS = Integer.getInteger("crash.trials", 8);
  private static final long SEED = Long.getLong("crash.seed", System.nanoTime());

  /** Kills land between 0 and this many ms after the first deposit of a trial is sent. */
  private static final long MAX_KILL_DELAY_MS = 2200;

  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration AUDIT_TIMEOUT = Duration.ofSeconds(180);
  private static final Set<String> UNFINISHED = Set.of("RECEIVED", "VALIDATING", "STORING");
  private static final Set<String> AUDIT_TERMINAL = Set.of("COMPLETED", "CANCELLED", "FAILED");
  private static final int BIG_PRODUCT_BYTES = 64 << 20;

  private static ArchiveServer server;
  private static ArchiveClient api;
  private static final Random random = new Random(SEED);

  /** Every bag sent (or about to be), in order. */
  private static final List<SentBag> bags = new ArrayList<>();

  /** Deposit ids the archive has listed so far. */
  private static final Set<String> knownDepositIds = new HashSet<>();

  /** Broken invariants, over all trials: reported together at the end. */
  private static final List<String> violations = new ArrayList<>();

  /** Kill phase (state observed just before the kill) -> trials. */
  private static final Map<String, Integer> phases = new TreeMap<>();

  private static final List<String> trialLines = new ArrayList<>();

  /** What (e) found left behind already (reported once, in the trial that left it). */
  private static final Set<String> reportedLeftovers = new HashSet<>();

  /** sha512 of stored files, by path, size, inode and modification time (stored files are many). */
  private static final Map<String, String> digestCache = new HashMap<>();

  @RegisterExtension
  static final LogTailOnFailure LOG_ON_FAILURE = new LogTailOnFailure(() -> server);

  /** One product of a bag: its id, its payload name, digest and size. */
  record Product(String id, String name, String sha512, int size, boolean versioned) {}

  /**
   * Observations deposited again and again with new bytes under the same CTA PRODUCT ID: each
   * deposit of one is a new OCFL version of an existing object (v2, v3, ...).
   */
  private static final List<Dl3Files> versionedProducts = new ArrayList<>();

  /** A bag deposited in a trial, and what became of it. */
  static final class SentBag {
    final int trial;
    final int index;
    final String format;
    final List<Product> products;
    byte[] body;
    volatile boolean inFlight;
    volatile String id;
    volatile boolean acknowledged;
    volatile boolean sent;
    volatile String sendFailure;

    SentBag(int trial, int index, String format, byte[] body, List<Product> products) {
      this.trial = trial;
      this.index = index;
      this.format = format;
      this.body = body;
      this.products = products;
    }

    String label() {
      return "trial " + trial + " bag " + index + (id == null ? "" : " (" + id + ")");
    }
  }

  @BeforeAll
  static void start() {
    System.out.printf(
        "[crash] seed %d (-Dcrash.seed=%d), %d trials (-Dcrash.trials)%n", SEED, SEED, TRIALS);
    for (int k = 0; k < 3; k++) {
      versionedProducts.add(Dl3Files.observation().object("Crash-" + k));
    }
    server = ArchiveServer.create(List.of("-Darchive.audit.scheduler.enabled=false"));
    server.start();
    api = clientOf(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  // ------------------------------------------------------------------------- deposit trials

  @Test
  @Order(1)
  void killsDuringDepositsLeaveNothingHalfDoneAndLoseNothingAcknowledged() throws Exception {
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      // stratified: every part of 0..MAX_KILL_DELAY_MS gets its share of the kills
      delays.add((long) ((i + random.nextDouble()) * MAX_KILL_DELAY_MS / TRIALS));
    }
    Collections.shuffle(delays, random);
    Instant started = Instant.now();
    for (int trial = 1; trial <= TRIALS; trial++) {
      runTrial(trial, delays.get(trial - 1));
    }
    // and one kill at a precise moment: the instant a deposit is seen ARCHIVED (the archive has
    // recorded the outcome and is cleaning up after it)
    runTrial(TRIALS + 1, AT_ARCHIVED);

    // (f) after all trials: every archived product still retrievable, a full audit finds nothing
    Map<String, JsonNode> deposits = depositsById();
    for (SentBag bag : bags) {
      JsonNode d = bag.id == null ? null : deposits.get(bag.id);
      if (d != null && d.path("state").asText().equals("ARCHIVED")) {
        checkRetrievable("final", bag, d);
      }
    }
    JsonNode audit = runAudit("final");
    if (audit.path("failuresTotal").asInt() != 0) {
      violations.add(
          "(f) the full audit after "
              + TRIALS
              + " trials found "
              + audit.path("failuresTotal").asInt()
              + " failures: "
              + audit.path("failures"));
    }
    checkEventLog("final");

    System.out.printf(
        "%n[crash] %d trials (%d at a random moment, 1 at ARCHIVED) in %s (seed %d):%n",
        TRIALS + 1, TRIALS, since(started), SEED);
    trialLines.forEach(l -> System.out.println("[crash]   " + l));
    System.out.println(
        "[crash]   (per bag: its final state and problem codes; * = no 202 came back, the kill cut"
            + " the upload; 'no id' = the archive never recorded it; phases are the deposit states"
            + " polled at most ~20 ms before the kill)");
    System.out.printf("[crash] kill phases: %s%n", phases);
    System.out.printf(
        "[crash] new versions of existing objects archived: %d; partial versions removed by"
            + " start-up recovery: %d%n",
        bags.stream()
            .filter(b -> b.id != null && "ARCHIVED".equals(stateOf(deposits, b)))
            .flatMap(b -> stream(deposits.get(b.id).path("products")))
            .filter(p -> p.path("version").asInt() > 1)
            .count(),
        partialVersionsRemoved);
    System.out.printf(
        "[crash] bags sent %d, acknowledged %d, archived %d, rejected %d; final audit: %s%n",
        bags.stream().filter(b -> b.sent).count(),
        bags.stream().filter(b -> b.acknowledged).count(),
        bags.stream().filter(b -> b.id != null && "ARCHIVED".equals(stateOf(deposits, b))).count(),
        bags.stream().filter(b -> b.id != null && "REJECTED".equals(stateOf(deposits, b))).count(),
        audit.path("message").asText());
    assertNoViolations(0);
    assertThat(phases.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(TRIALS + 1);
  }

  private static String stateOf(Map<String, JsonNode> deposits, SentBag bag) {
    JsonNode d = deposits.get(bag.id);
    return d == null ? null : d.path("state").asText();
  }

  /** Instead of a delay: kill as soon as the first deposit of the trial is seen ARCHIVED. */
  private static final long AT_ARCHIVED = -1;

  private void runTrial(int trial, long delayMillis) throws Exception {
    // 1 to 3 bags (mostly 2 or 3, so that most kills find work going on) of 2 to 4 products of
    // 0.5 to 6 MiB: 0.3 to 2 s of ingest each
    int count = delayMillis == AT_ARCHIVED ? 1 : new int[] {1, 2, 2, 3, 3}[random.nextInt(5)];
    List<SentBag> trialBags = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      trialBags.add(newBag(trial, i));
    }
    bags.addAll(trialBags);

    Depositor depositor = new Depositor(trialBags);
    Poller poller = new Poller();
    long t0 = System.nanoTime();
    poller.start();
    depositor.start();
    String phase;
    if (delayMillis == AT_ARCHIVED) {
      phase = awaitFinalTightly(trialBags.get(0), depositor);
    } else {
      sleepUntil(t0 + delayMillis * 1_000_000);
      // what was going on just before the kill
      phase = phase(trialBags, poller.latest());
    }
    long at = (System.nanoTime() - t0) / 1_000_000;
    server.killHard();
    poller.halt();
    depositor.join(30_000);
    poller.join(5_000);
    phases.merge(phase, 1, Integer::sum);

    Instant restart = Instant.now();
    server.start();
    Map<String, JsonNode> deposits = awaitSettled(trial);
    String recovery = since(restart) + ", " + recoveryReport();
    check(trial, trialBags, deposits);
    for (SentBag bag : trialBags) {
      bag.body = null;
    }
    String line =
        String.format(
            "trial %2d: kill at %4d ms (planned %4s) in %-26s %s; recovered in %s",
            trial,
            at,
            delayMillis == AT_ARCHIVED ? "-" : String.valueOf(delayMillis),
            phase,
            trialBags.stream().map(b -> outcome(b, deposits)).toList(),
            recovery);
    trialLines.add(line);
    System.out.println("[crash] " + line);
  }

  /**
   * Polls the bag's deposit without pause (one request at a time, about a millisecond each) and
   * returns as soon as it is final: the kill then comes a millisecond or two after the archive
   * recorded the outcome.
   */
  private static String awaitFinalTightly(SentBag bag, Thread depositor) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (bag.id == null && depositor.isAlive() && Instant.now().isBefore(deadline)) {
      sleep(1);
    }
    while (bag.id != null && Instant.now().isBefore(deadline)) {
      Reply reply = api.get("/api/v1/deposits/" + bag.id);
      String state = reply.status() == 200 ? reply.json().path("state").asText() : "";
      if (state.equals("ARCHIVED") || state.equals("REJECTED")) {
        return "just " + state + " (tight poll)";
      }
    }
    return "at ARCHIVED: not reached";
  }

  private static final Pattern READY =
      Pattern.compile(
          "Archive ready: (\\d+) half-written versions removed, (\\d+) products re-indexed from"
              + " storage, (\\d+) deposits resumed");

  private static int partialVersionsRemoved;

  /** What the archive's start-up says it recovered (from its log). */
  private static String recoveryReport() {
    try {
      Matcher m = READY.matcher(Files.readString(server.log(), StandardCharsets.UTF_8));
      if (m.find()) {
        partialVersionsRemoved += Integer.parseInt(m.group(1));
        return m.group(1)
            + " partial versions removed, "
            + m.group(2)
            + " re-indexed, "
            + m.group(3)
            + " resumed";
      }
    } catch (IOException | UncheckedIOException e) {
      // only informative
    }
    return "start-up report not found";
  }

  private static SentBag newBag(int trial, int index) {
    int products = 2 + random.nextInt(3);
    Bags bag = Bags.aBag().inDirectory("crash-" + trial + "-" + index);
    List<Product> list = new ArrayList<>();
    for (int p = 0; p < products; p++) {
      byte[] bytes = new byte[(512 << 10) + random.nextInt(11 << 19)];
      random.nextBytes(bytes);
      String name = "t" + trial + "-b" + index + "-p" + p + ".bin";
      bag.withFile("data/" + name, bytes);
      list.add(
          new Product(
              "sha256-" + Bags.sha256(bytes), name, Bags.sha512(bytes), bytes.length, false));
    }
    if (random.nextBoolean()) {
      // a new version of an observation archived before (or its first)
      Dl3Files template = versionedProducts.get(random.nextInt(versionedProducts.size()));
      byte[] fits =
          Dl3Files.observation()
              .object(template.object())
              .productId(template.productId())
              .obsId(template.obsId())
              .events(30_000 + random.nextInt(120_000), random.nextLong())
              .fits();
      String name = "obs-t" + trial + "-b" + index + ".fits";
      bag.withFile("data/" + name, fits);
      list.add(new Product(template.productId(), name, Bags.sha512(fits), fits.length, true));
    }
    boolean zip = random.nextInt(3) == 0;
    return new SentBag(
        trial,
        index,
        zip ? "application/zip" : "application/x-tar",
        zip ? bag.zip() : bag.tar(),
        list);
  }

  private static String outcome(SentBag bag, Map<String, JsonNode> deposits) {
    if (!bag.sent) {
      return "not sent";
    }
    if (bag.id == null) {
      return "no id (" + bag.sendFailure + ")";
    }
    JsonNode d = deposits.get(bag.id);
    if (d == null) {
      return "missing";
    }
    String state = d.path("state").asText();
    String codes =
        stream(d.path("problems"))
            .map(p -> p.path("code").asText())
            .collect(Collectors.joining(","));
    return state + (codes.isEmpty() ? "" : "(" + codes + ")") + (bag.acknowledged ? "" : "*");
  }

  /**
   * The phase a kill lands in: the states (as last polled) of this trial's unfinished deposits, an
   * upload in flight, and whether the first replica holds more objects than the second (a version
   * being replicated).
   */
  private static String phase(List<SentBag> trialBags, Map<String, String> polled) {
    Set<String> parts = new LinkedHashSet<>();
    for (SentBag bag : trialBags) {
      if (bag.inFlight) {
        parts.add("upload");
        continue;
      }
      if (bag.id == null) {
        continue;
      }
      String state = polled.getOrDefault(bag.id, bag.acknowledged ? "RECEIVED" : "upload");
      if (UNFINISHED.contains(state)) {
        parts.add(state);
      }
    }
    if (parts.contains("STORING")
        && objectCount(server.replicaRoot("r1")) > objectCount(server.replicaRoot("r2"))) {
      parts.remove("STORING");
      parts.add("STORING(replicating)");
    }
    if (parts.isEmpty()) {
      return trialBags.stream().allMatch(b -> b.acknowledged || !b.sent)
              && trialBags.stream().anyMatch(b -> b.sent)
          ? "after (all finished)"
          : "before upload";
    }
    return String.join("+", parts);
  }

  /** Sends the bags one after the other; stops at the first that fails (the kill). */
  private static final class Depositor extends Thread {
    private final List<SentBag> trialBags;

    Depositor(List<SentBag> trialBags) {
      super("crash-depositor");
      setDaemon(true);
      this.trialBags = trialBags;
    }

    @Override
    public void run() {
      for (SentBag bag : trialBags) {
        bag.sent = true;
        bag.inFlight = true;
        try {
          Reply reply = api.deposit(bag.body, bag.format);
          if (reply.status() == 202) {
            bag.id = reply.json().path("id").asText();
            bag.acknowledged = true;
          } else {
            bag.sendFailure = reply.toString();
            synchronized (violations) {
              violations.add("(d) " + bag.label() + ": a valid bag was refused: " + reply);
            }
            return;
          }
        } catch (RuntimeException e) {
          bag.sendFailure = String.valueOf(e.getCause() == null ? e : e.getCause());
          return;
        } finally {
          bag.inFlight = false;
        }
      }
    }
  }

  /** Polls the recent deposits every 20 ms: the state they were in when the kill came. */
  private static final class Poller extends Thread {
    private volatile boolean halted;
    private volatile Map<String, String> latest = Map.of();

    Poller() {
      super("crash-poller");
      setDaemon(true);
    }

    Map<String, String> latest() {
      return latest;
    }

    void halt() {
      halted = true;
    }

    @Override
    public void run() {
      while (!halted) {
        try {
          Reply reply = api.get("/api/v1/deposits?limit=10");
          if (reply.status() == 200) {
            Map<String, String> states = new HashMap<>();
            reply.json().forEach(d -> states.put(d.path("id").asText(), d.path("state").asText()));
            latest = states;
          }
        } catch (RuntimeException e) {
          // the archive is being killed
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Waits until no deposit is RECEIVED, VALIDATING or STORING; returns every deposit by id. */
  private static Map<String, JsonNode> awaitSettled(int trial) {
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    Map<String, JsonNode> deposits = depositsById();
    while (Instant.now().isBefore(deadline)) {
      deposits = depositsById();
      if (deposits.values().stream()
          .noneMatch(d -> UNFINISHED.contains(d.path("state").asText()))) {
        return deposits;
      }
      sleep(100);
    }
    violations.add(
        "trial "
            + trial
            + ": deposits still unfinished "
            + SETTLE_TIMEOUT.toSeconds()
            + " s after the restart: "
            + deposits.values().stream()
                .filter(d -> UNFINISHED.contains(d.path("state").asText()))
                .map(d -> d.path("id").asText() + " " + d.path("state").asText())
                .toList());
    return deposits;
  }

  // ------------------------------------------------------------------------------ invariants

  /**
   * (g) the catalogue, the search index and the provenance graph agree with storage: one row, one
   * index document and one graph per stored object, every stored object found by search, and a
   * reconciliation now finds nothing left to repair (start-up has done it).
   */
  private static void checkDerivedStores(String where, Set<String> stored) {
    Reply reconcile = api.post("/api/v1/admin/catalogue/reconcile", null, new byte[0]);
    if (reconcile.status() != 200) {
      violations.add("(g) " + where + ": reconcile answered " + reconcile);
      return;
    }
    JsonNode r = reconcile.json();
    if (r.path("repaired").asInt() != 0 || !r.path("agree").asBoolean()) {
      violations.add("(g) " + where + ": after the start-up, derived stores still differed: " + r);
    }
    if (r.path("storedHeads").asLong() != stored.size()) {
      violations.add("(g) " + where + ": " + stored.size() + " objects stored, reconcile saw " + r);
    }
    JsonNode counts = api.get("/api/v1/admin/catalogue").json();
    for (String count : List.of("products", "indexed", "graphs")) {
      if (counts.path(count).asLong() != stored.size()) {
        violations.add(
            "(g) "
                + where
                + ": "
                + stored.size()
                + " objects stored but catalogue "
                + count
                + " "
                + counts.path(count).asLong()
                + " ("
                + counts
                + ")");
      }
    }
    Set<String> found = api.searchIds(Map.of()); // up to 500: this test stores fewer
    if (!found.equals(new TreeSet<>(stored))) {
      Set<String> unfound = new TreeSet<>(stored);
      unfound.removeAll(found);
      violations.add("(g) " + where + ": stored but not found by search: " + unfound);
    }
  }

  private static void check(int trial, List<SentBag> trialBags, Map<String, JsonNode> deposits)
      throws IOException {
    String where = "trial " + trial;
    // deposits we have never seen: the upload that the kill cut off (no 202 came back)
    Set<String> unknown = new TreeSet<>(deposits.keySet());
    unknown.removeAll(knownDepositIds);
    bags.stream().map(b -> b.id).filter(Objects::nonNull).forEach(unknown::remove);
    List<SentBag> cutOff = trialBags.stream().filter(b -> b.sent && !b.acknowledged).toList();
    for (String id : unknown) {
      JsonNode d = deposits.get(id);
      String state = d.path("state").asText();
      if (cutOff.size() == 1 && cutOff.get(0).id == null) {
        cutOff.get(0).id = id;
      }
      if (state.equals("REJECTED")) {
        Set<String> codes = codes(d);
        if (!codes.contains("INGEST-016")) {
          violations.add(
              "(d) "
                  + where
                  + ": the deposit whose upload the kill cut off ("
                  + id
                  + ") was rejected without INGEST-016: "
                  + d.path("problems"));
        }
      } else if (!state.equals("ARCHIVED")) {
        violations.add("(d) " + where + ": unexpected deposit " + id + " in state " + state);
      } else if (cutOff.isEmpty()) {
        violations.add("(d) " + where + ": an ARCHIVED deposit nobody sent: " + d);
      }
    }
    if (unknown.size() > cutOff.size()) {
      violations.add(
          "(d) " + where + ": " + unknown.size() + " deposits appeared for " + cutOff + " cut off");
    }
    knownDepositIds.addAll(deposits.keySet());

    // (d) every acknowledged deposit is still there, finished; a 202 means ARCHIVED in the end
    for (SentBag bag : bags) {
      if (bag.id == null) {
        continue;
      }
      JsonNode d = deposits.get(bag.id);
      if (d == null) {
        violations.add("(d) " + where + ": " + bag.label() + " disappeared");
        continue;
      }
      String state = d.path("state").asText();
      if (state.equals("REJECTED")) {
        if (codes(d).isEmpty() || codes(d).contains("")) {
          violations.add("(d) " + where + ": " + bag.label() + " REJECTED without a problem code");
        }
        if (bag.acknowledged) {
          violations.add(
              "(d) "
                  + where
                  + ": "
                  + bag.label()
                  + " was acknowledged (202) but REJECTED after the crash: "
                  + d.path("problems"));
        }
      } else if (state.equals("ARCHIVED")) {
        Set<String> listed = new TreeSet<>();
        d.path("products").forEach(p -> listed.add(p.path("productId").asText()));
        Set<String> expected =
            bag.products.stream().map(Product::id).collect(Collectors.toCollection(TreeSet::new));
        if (!listed.equals(expected)) {
          violations.add(
              "(a) "
                  + where
                  + ": "
                  + bag.label()
                  + " ARCHIVED with products "
                  + listed
                  + ", expected "
                  + expected);
        }
        if (bag.trial == trial) {
          checkRetrievable(where, bag, d);
        }
      }
    }

    // (b) (c) storage: both replicas identical, every object whole, nothing half-installed
    Path r1 = server.replicaRoot("r1");
    Path r2 = server.replicaRoot("r2");
    Map<String, String> tree1 = tree(r1);
    Map<String, String> tree2 = tree(r2);
    if (objectCount(r1) > 0 || Files.exists(r2)) {
      // (a replica's storage root is created when it first receives something)
      compareTrees(where, tree1, tree2);
    }
    Map<String, Path> objects1 = checkObjects(where, "r1", r1);
    Map<String, Path> objects2 = checkObjects(where, "r2", r2);
    checkDerivedStores(where, objects1.keySet());
    for (SentBag bag : bags) {
      JsonNode d = bag.id == null ? null : deposits.get(bag.id);
      String state = d == null ? "" : d.path("state").asText();
      for (Product p : bag.products) {
        boolean on1 = objects1.containsKey(p.id());
        boolean on2 = objects2.containsKey(p.id());
        if (state.equals("ARCHIVED") && !(on1 && on2)) {
          violations.add(
              "(b) "
                  + where
                  + ": product "
                  + p.id()
                  + " of ARCHIVED "
                  + bag.label()
                  + " is not on both replicas (r1 "
                  + on1
                  + ", r2 "
                  + on2
                  + ")");
        }
        if (!state.equals("ARCHIVED") && bag.trial == trial && p.versioned()) {
          // (d) the object existed before: these bytes must not have become a version of it
          if (on1 || on2) {
            JsonNode product = json(api.get("/api/v1/products/" + p.id()), 200);
            for (JsonNode f : product.path("files")) {
              if (f.path("sha512").asText().equals(p.sha512())) {
                System.out.printf(
                    "[crash] note: %s of %s %s is the head of %s although the deposit is not"
                        + " ARCHIVED%n",
                    p.name(), state, bag.label(), p.id());
              }
            }
          }
        } else if (!state.equals("ARCHIVED") && bag.trial == trial && (on1 || on2)) {
          // (d) a rejected (or never received) deposit's product may only be there completely
          if (!(on1 && on2)) {
            violations.add(
                "(d) "
                    + where
                    + ": product "
                    + p.id()
                    + " of "
                    + (state.isEmpty() ? "unreceived" : state)
                    + " "
                    + bag.label()
                    + " is half-stored (r1 "
                    + on1
                    + ", r2 "
                    + on2
                    + ")");
          } else {
            System.out.printf(
                "[crash] note: product %s of %s %s is stored although the deposit is not"
                    + " ARCHIVED%n",
                p.id(), state, bag.label());
            checkRetrievable(where, bag, p, null);
          }
        }
      }
    }

    // (e) nothing to clean by hand once every deposit has finished
    boolean settled =
        deposits.values().stream().noneMatch(d -> UNFINISHED.contains(d.path("state").asText()));
    if (settled) {
      for (String dir : List.of("ocfl-work", "ocfl-r2-work", "staging")) {
        List<String> left =
            children(server.home().resolve(dir)).stream()
                .filter(n -> reportedLeftovers.add(dir + "/" + n))
                .toList();
        if (!left.isEmpty()) {
          violations.add(
              "(e) "
                  + where
                  + ": "
                  + dir
                  + "/ is not empty with every deposit finished: "
                  + left.stream()
                      .map(
                          n ->
                              deposits.containsKey(n)
                                  ? n + " (deposit " + deposits.get(n).path("state").asText() + ")"
                                  : n)
                      .toList());
        }
      }
    }
    checkEventLog(where);
  }

  /** Each product of an ARCHIVED deposit, in the version the deposit lists, has its bytes. */
  private static void checkRetrievable(String where, SentBag bag, JsonNode deposit) {
    Map<String, Integer> versions = new HashMap<>();
    deposit
        .path("products")
        .forEach(p -> versions.put(p.path("productId").asText(), p.path("version").asInt()));
    for (Product p : bag.products) {
      checkRetrievable(where, bag, p, versions.get(p.id()));
    }
  }

  private static void checkRetrievable(String where, SentBag bag, Product p, Integer version) {
    Reply reply =
        api.get(
            "/api/v1/products/"
                + p.id()
                + "/files/"
                + p.name()
                + (version == null ? "" : "?version=" + version));
    if (reply.status() != 200) {
      violations.add(
          "(a) " + where + ": " + p.id() + "/" + p.name() + " of " + bag.label() + ": " + reply);
    } else if (!Bags.sha512(reply.body()).equals(p.sha512())) {
      violations.add(
          "(a) "
              + where
              + ": "
              + p.id()
              + "/"
              + p.name()
              + " of "
              + bag.label()
              + " differs from the bytes deposited ("
              + reply.body().length
              + " bytes, "
              + p.size()
              + " deposited)");
    }
  }

  private static void checkEventLog(String where) {
    Reply reply = api.get("/api/v1/events/verify");
    if (reply.status() != 200 || !reply.json().path("valid").asBoolean()) {
      violations.add("(f) " + where + ": the event log does not verify: " + reply);
    }
  }

  private static Set<String> codes(JsonNode deposit) {
    return stream(deposit.path("problems"))
        .map(p -> p.path("code").asText())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void compareTrees(String where, Map<String, String> r1, Map<String, String> r2) {
    if (r1.equals(r2)) {
      return;
    }
    List<String> differences = new ArrayList<>();
    Set<String> all = new TreeSet<>(r1.keySet());
    all.addAll(r2.keySet());
    for (String path : all) {
      String a = r1.get(path);
      String b = r2.get(path);
      if (!Objects.equals(a, b)) {
        differences.add(
            path + (a == null ? " only on r2" : b == null ? " only on r1" : " differs"));
      }
    }
    violations.add(
        "(b) "
            + where
            + ": the replicas differ in "
            + differences.size()
            + " files: "
            + differences.subList(0, Math.min(10, differences.size())));
  }

  /**
   * (c) Checks every OCFL object of a storage root: the sidecar matches the root inventory, no
   * version directory beyond the head, every manifest file present, every file accounted for;
   * returns the objects by product id.
   */
  private static Map<String, Path> checkObjects(String where, String replica, Path root)
      throws IOException {
    Map<String, Path> objects = new TreeMap<>();
    for (Path declaration : find(root, "0=ocfl_object_1.1")) {
      Path object = declaration.getParent();
      String name = replica + ":" + root.relativize(object);
      Path inventoryFile = object.resolve("inventory.json");
      if (!Files.isRegularFile(inventoryFile)) {
        violations.add("(c) " + where + ": " + name + " has no root inventory (a partial object)");
        continue;
      }
      byte[] inventoryBytes = Files.readAllBytes(inventoryFile);
      JsonNode inventory = ArchiveClient.JSON.readTree(inventoryBytes);
      String id = inventory.path("id").asText();
      objects.put(id.substring(id.lastIndexOf(':') + 1), object);
      Path sidecar = object.resolve("inventory.json.sha512");
      String sidecarDigest =
          Files.exists(sidecar)
              ? Files.readString(sidecar, StandardCharsets.UTF_8).trim().split("\\s+")[0]
              : "(missing)";
      if (!sidecarDigest.equals(Bags.sha512(inventoryBytes))) {
        violations.add("(c) " + where + ": " + name + ": inventory sidecar does not match");
      }
      int head = Integer.parseInt(inventory.path("head").asText().substring(1));
      Set<String> expectedFiles = new TreeSet<>();
      expectedFiles.add("0=ocfl_object_1.1");
      expectedFiles.add("inventory.json");
      expectedFiles.add("inventory.json.sha512");
      for (int v = 1; v <= head; v++) {
        expectedFiles.add("v" + v + "/inventory.json");
        expectedFiles.add("v" + v + "/inventory.json.sha512");
      }
      inventory
          .path("manifest")
          .forEach(paths -> paths.forEach(p -> expectedFiles.add(p.asText())));
      try (Stream<Path> children = Files.list(object)) {
        for (Path child : children.toList()) {
          String n = child.getFileName().toString();
          if (n.matches("v\\d+") && Integer.parseInt(n.substring(1)) > head) {
            violations.add(
                "(c) "
                    + where
                    + ": "
                    + name
                    + ": version directory "
                    + n
                    + " beyond head v"
                    + head);
          }
        }
      }
      Set<String> present = new TreeSet<>();
      try (Stream<Path> walk = Files.walk(object)) {
        walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
            .forEach(p -> present.add(object.relativize(p).toString().replace('\\', '/')));
      }
      Set<String> missing = new TreeSet<>(expectedFiles);
      missing.removeAll(present);
      Set<String> unexpected = new TreeSet<>(present);
      unexpected.removeAll(expectedFiles);
      if (!missing.isEmpty()) {
        violations.add("(c) " + where + ": " + name + ": files missing: " + missing);
      }
      if (!unexpected.isEmpty()) {
        violations.add("(c) " + where + ": " + name + ": unexpected files: " + unexpected);
      }
    }
    if (!Files.exists(root)) {
      return objects;
    }
    // nothing temporary anywhere in the root (outside objects too)
    try (Stream<Path> walk = Files.walk(root)) {
      List<String> temporary =
          walk.map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("repair-") || n.startsWith("import-") || n.endsWith(".tmp"))
              .toList();
      if (!temporary.isEmpty()) {
        violations.add("(c) " + where + ": temporary files in " + replica + ": " + temporary);
      }
    }
    return objects;
  }

  // -------------------------------------------------------------------------- repair trial

  @Test
  @Order(2)
  void aRepairKilledHalfwayIsResumedByTheSameAuditAndHealsTheReplica() throws Exception {
    int before = violations.size();
    // a large product, so that restoring it takes a while
    byte[] big = new byte[BIG_PRODUCT_BYTES];
    random.nextBytes(big);
    String id = "sha256-" + Bags.sha256(big);
    JsonNode archived =
        api.depositArchived(
            Bags.aBag().inDirectory("crash-big").withFile("data/big.bin", big).tar(),
            "application/x-tar");
    assertThat(stream(archived.path("products")).map(p -> p.path("productId").asText()))
        .containsExactly(id);
    Path r1 = server.replicaRoot("r1");
    Path r2 = server.replicaRoot("r2");
    Path damaged = objectDir(r2, id).resolve("v1/content/data/big.bin");
    assertThat(damaged).isRegularFile();
    assertThat(tree(r2)).as("before the damage").isEqualTo(tree(r1));

    // flip bytes in the middle of the payload on r2
    try (RandomAccessFile file = new RandomAccessFile(damaged.toFile(), "rw")) {
      for (long offset : new long[] {big.length / 3, big.length / 2, big.length - 4097}) {
        file.seek(offset);
        int b = file.read();
        file.seek(offset);
        file.write(b ^ 0xFF);
      }
    }
    assertThat(tree(r2)).as("r2 damaged").isNotEqualTo(tree(r1));

    String audit = startAudit("{\"kind\":\"FULL\",\"budgetMBps\":0}");
    Path work = server.home().resolve("ocfl-r2-work");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    String killedWhen = null;
    long lastPoll = 0;
    JsonNode lastReport = null;
    while (Instant.now().isBefore(deadline) && killedWhen == null) {
      if (children(work).stream().anyMatch(n -> n.startsWith("repair-"))) {
        server.killHard();
        killedWhen = "while the damaged file was being restored (repair-* in ocfl-r2-work/)";
        break;
      }
      if (System.nanoTime() - lastPoll > 50_000_000L) {
        lastPoll = System.nanoTime();
        lastReport = json(api.get("/api/v1/audits/" + audit), 200);
        String state = lastReport.path("state").asText();
        if (AUDIT_TERMINAL.contains(state)) {
          break;
        }
        if (state.equals("RUNNING") && lastReport.path("objectsChecked").asInt() > 0) {
          server.killHard();
          killedWhen =
              "RUNNING after the damaged object ("
                  + lastReport.path("objectsChecked").asInt()
                  + " of "
                  + lastReport.path("objectsTotal").asInt()
                  + " objects checked)";
        }
      }
      sleep(1);
    }
    assertThat(killedWhen)
        .as("the audit was killed while RUNNING (last report %s)", lastReport)
        .isNotNull();
    List<String> leftInWork = children(work);
    System.out.printf(
        "[crash] repair trial: audit %s killed %s; left in ocfl-r2-work/ by the kill: %s%n",
        audit, killedWhen, leftInWork);

    server.start();
    JsonNode resumed = awaitAudit(audit);
    System.out.printf(
        "[crash] repair trial: audit resumed and %s: %s; failures %s%n",
        resumed.path("state").asText(), resumed.path("message").asText(), resumed.path("failures"));
    assertThat(resumed.path("id").asText()).isEqualTo(audit);
    assertThat(resumed.path("state").asText()).as("%s", resumed).isEqualTo("COMPLETED");
    assertThat(resumed.path("objectsChecked").asInt())
        .isEqualTo(resumed.path("objectsTotal").asInt());
    assertThat(resumed.path("damaged").asInt()).as("%s", resumed).isZero();

    // healed: r2 identical to r1, nothing temporary left inside the storage roots
    String where = "repair trial";
    compareTrees(where, tree(r1), tree(r2));
    checkObjects(where, "r1", r1);
    checkObjects(where, "r2", r2);
    for (String dir : List.of("ocfl-work", "ocfl-r2-work")) {
      List<String> left = children(server.home().resolve(dir));
      if (!left.isEmpty()) {
        violations.add("(e) " + where + ": " + dir + "/ not empty after the restart: " + left);
      }
    }
    Reply download = api.get("/api/v1/products/" + id + "/files/big.bin");
    assertThat(download.status()).isEqualTo(200);
    assertThat(Bags.sha512(download.body())).isEqualTo(Bags.sha512(big));

    JsonNode further = runAudit("after the repair");
    if (further.path("failuresTotal").asInt() != 0 || further.path("repaired").asInt() != 0) {
      violations.add(
          "(repair) a further audit still finds something: "
              + further.path("message").asText()
              + " "
              + further.path("failures"));
    }
    checkEventLog(where);
    System.out.printf(
        "[crash] repair trial: further audit %s; %d new violations%n",
        further.path("message").asText(), violations.size() - before);
    assertNoViolations(before);
  }

  // ------------------------------------------------------------------------------ helpers

  /** Fails with every violation recorded since {@code from} (each once). */
  private static void assertNoViolations(int from) {
    List<String> distinct =
        new ArrayList<>(new LinkedHashSet<>(violations.subList(from, violations.size())));
    distinct.forEach(v -> System.out.println("[crash] VIOLATION " + v));
    assertThat(distinct).as("invariants broken (seed %d)", SEED).isEmpty();
  }

  private static JsonNode runAudit(String where) {
    String id = startAudit("{\"kind\":\"FULL\",\"budgetMBps\":0}");
    JsonNode done = awaitAudit(id);
    assertThat(done.path("state").asText()).as("audit %s: %s", where, done).isEqualTo("COMPLETED");
    return done;
  }

  private static String startAudit(String body) {
    Reply reply =
        api.post("/api/v1/audits", "application/json", body.getBytes(StandardCharsets.UTF_8));
    assertThat(reply.status()).as("POST audit: %s", reply).isEqualTo(202);
    return reply.json().path("id").asText();
  }

  private static JsonNode awaitAudit(String id) {
    Instant deadline = Instant.now().plus(AUDIT_TIMEOUT);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = json(api.get("/api/v1/audits/" + id), 200);
      if (AUDIT_TERMINAL.contains(last.path("state").asText())) {
        return last;
      }
      sleep(200);
    }
    throw new AssertionError("Audit " + id + " not finished within " + AUDIT_TIMEOUT + ": " + last);
  }

  private static Map<String, JsonNode> depositsById() {
    JsonNode list = json(api.get("/api/v1/deposits?limit=500"), 200);
    Map<String, JsonNode> out = new LinkedHashMap<>();
    list.forEach(d -> out.put(d.path("id").asText(), d));
    return out;
  }

  private static JsonNode json(Reply reply, int status) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    return reply.json();
  }

  /** Every regular file under the root by relative path, with its sha512. */
  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root)) {
      return out;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
    for (Path p : files) {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      String key = p + "|" + a.size() + "|" + a.fileKey() + "|" + a.lastModifiedTime().toMillis();
      String digest = digestCache.get(key);
      if (digest == null) {
        digest = Bags.sha512(Files.readAllBytes(p));
        digestCache.put(key, digest);
      }
      out.put(root.relativize(p).toString().replace('\\', '/'), digest);
    }
    return out;
  }

  private static Path objectDir(Path root, String productId) throws IOException {
    for (Path declaration : find(root, "0=ocfl_object_1.1")) {
      Path inventory = declaration.resolveSibling("inventory.json");
      if (Files.exists(inventory)
          && ArchiveClient.JSON
              .readTree(inventory.toFile())
              .path("id")
              .asText()
              .equals("urn:ctao:product:" + productId)) {
        return declaration.getParent();
      }
    }
    throw new AssertionError("No object for " + productId + " under " + root);
  }

  private static long objectCount(Path root) {
    return find(root, "0=ocfl_object_1.1").size();
  }

  private static List<Path> find(Path root, String name) {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().equals(name)).toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of(); // a version being moved into place while we walk
    }
  }

  private static List<String> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out.stream();
  }

  private static String since(Instant start) {
    return String.format("%.1f s", Duration.between(start, Instant.now()).toMillis() / 1000.0);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait;
    while ((wait = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, wait / 1_000_000));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The test client for this class's own server (its constructor may not be public). */
  private static ArchiveClient clientOf(ArchiveServer server) {
    try {
      var constructor = ArchiveClient.class.getDeclaredConstructor(ArchiveServer.class);
      constructor.setAccessible(true);
      return constructor.newInstance(server);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot create an ArchiveClient", e);
    }
  }
}
