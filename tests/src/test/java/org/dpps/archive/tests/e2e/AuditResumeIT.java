package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveServer;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.LogTailOnFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A long full audit (held to a small I/O budget) survives the archive going down in the middle of
 * it, gracefully or by SIGKILL: after the restart the same audit continues where it stopped and
 * completes, checks every object, reads every stored byte, re-checks at most the object that was in
 * progress, and its read rate stayed within the budget. Its own server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditResumeIT {
  private static final int PRODUCTS = 10;
  private static final int FILE_BYTES = 4_200_000;
  private static final double BUDGET_MBPS = 8;
  private static final int THREADS = 1;

  private static ArchiveServer server;
  private static ArchiveClient api;
  private static final List<String> productIds = new ArrayList<>();

  @RegisterExtension
  static final LogTailOnFailure LOG_ON_FAILURE = new LogTailOnFailure(() -> server);

  @BeforeAll
  static void startAndDeposit() {
    server =
        ArchiveServer.create(
            List.of(
                "-Darchive.audit.scheduler.enabled=false", "-Darchive.audit.threads=" + THREADS));
    server.start();
    api = new ArchiveClient(server);
    Random random = new Random(4_242);
    for (int deposit = 0; deposit < 2; deposit++) {
      Bags bag = Bags.aBag().inDirectory("resume-" + deposit);
      for (int i = 0; i < PRODUCTS / 2; i++) {
        byte[] bytes = new byte[FILE_BYTES + random.nextInt(100_000)];
        random.nextBytes(bytes);
        bag.withFile("data/part-" + deposit + "-" + i + ".bin", bytes);
        productIds.add("sha256-" + Bags.sha256(bytes));
      }
      JsonNode done = api.depositArchived(bag.zip(), "application/zip");
      assertThat(ArchiveClient.products(done)).hasSize(PRODUCTS / 2);
    }
    assertThat(storedBytes()).as("stored on both replicas").isGreaterThan(80_000_000L);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void fullAuditContinuesAfterAGracefulRestart() throws IOException {
    interruptAndResume(server::stop, "graceful stop");
  }

  @Test
  @Order(2)
  void fullAuditContinuesAfterAKill() throws IOException {
    interruptAndResume(server::killHard, "SIGKILL");
  }

  private void interruptAndResume(Runnable stop, String how) throws IOException {
    long stored = storedBytes();
    String id =
        IntegrityIT.startAudit(api, "{\"kind\":\"FULL\",\"budgetMBps\":" + (int) BUDGET_MBPS + "}");

    // wait until the audit is part-way through
    JsonNode partial = null;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      JsonNode report = IntegrityIT.json(api.get("/api/v1/audits/" + id), 200);
      assertThat(report.path("state").asText())
          .as("the audit is still going: %s", report)
          .isIn("QUEUED", "RUNNING");
      int checked = report.path("objectsChecked").asInt();
      if (checked > 0 && checked < report.path("objectsTotal").asInt()) {
        partial = report;
        break;
      }
      IntegrityIT.sleep(100);
    }
    assertThat(partial).as("the audit got part-way through").isNotNull();
    assertThat(partial.path("objectsTotal").asInt()).isEqualTo(PRODUCTS);

    stop.run();
    server.start();

    JsonNode done = IntegrityIT.awaitAudit(api, id, Duration.ofSeconds(90));
    assertThat(done.path("id").asText()).isEqualTo(id);
    assertThat(done.path("objectsTotal").asInt()).isEqualTo(PRODUCTS);
    assertThat(done.path("objectsChecked").asInt())
        .as("every object checked once the audit resumed after a %s", how)
        .isEqualTo(PRODUCTS);
    assertThat(done.path("objectsChecked").asInt())
        .isGreaterThanOrEqualTo(partial.path("objectsChecked").asInt());
    assertThat(done.path("failuresTotal").asInt()).as("%s", done).isZero();
    assertThat(done.path("bytesChecked").asLong())
        .as("bytes read: every stored byte of both replicas (%d)", stored)
        .isGreaterThanOrEqualTo(stored);
    assertThat(done.path("budgetMBps").asDouble()).isEqualTo(BUDGET_MBPS);
    assertThat(done.path("rateMBps").asDouble())
        .as("read rate of audit %s within its budget: %s", id, done)
        .isPositive()
        .isLessThanOrEqualTo(BUDGET_MBPS * 1.15);
    assertThat(Files.readString(server.log(), StandardCharsets.UTF_8))
        .as("the restarted archive says it resumed the audit")
        .contains("Audit " + id + " resumed");

    // fixity checks of this audit: one per object and replica, except the one in progress
    List<JsonNode> started = events("AUDIT_STARTED", id);
    List<JsonNode> finished = events("AUDIT_FINISHED", id);
    assertThat(started).as("one AUDIT_STARTED for %s", id).hasSize(1);
    assertThat(finished).as("one AUDIT_FINISHED for %s", id).hasSize(1);
    long from = started.get(0).path("seq").asLong();
    long to = finished.get(0).path("seq").asLong();
    Map<String, Integer> checks = new TreeMap<>();
    Map<String, Integer> onR1 = new TreeMap<>();
    Map<String, Integer> onR2 = new TreeMap<>();
    for (JsonNode e :
        IntegrityIT.list(
            IntegrityIT.json(api.get("/api/v1/events?type=FIXITY_CHECK&limit=10000"), 200))) {
      long seq = e.path("seq").asLong();
      if (seq > from && seq < to) {
        String product = e.path("productId").asText();
        checks.merge(product, 1, Integer::sum);
        (e.path("replica").asText().equals("r1") ? onR1 : onR2).merge(product, 1, Integer::sum);
        assertThat(e.path("outcome").asText()).isEqualTo("SUCCESS");
      }
    }
    assertThat(checks.keySet())
        .as("every product was checked")
        .containsExactlyInAnyOrderElementsOf(productIds);
    assertThat(onR1.keySet()).containsExactlyInAnyOrderElementsOf(productIds);
    assertThat(onR2.keySet()).containsExactlyInAnyOrderElementsOf(productIds);
    assertThat(checks.values())
        .as("FIXITY_CHECK events per product during audit %s: %s", id, checks)
        .allSatisfy(n -> assertThat(n).isBetween(2, 4));
    assertThat(checks.values().stream().filter(n -> n != 2).count())
        .as(
            "products checked more than once per replica (at most the %d in progress at the %s): %s",
            THREADS, how, checks)
        .isLessThanOrEqualTo(THREADS);

    System.out.printf(
        "[e2e] audit %s: interrupted (%s) after %d of %d objects, then %s; fixity checks per"
            + " product %s%n",
        id,
        how,
        partial.path("objectsChecked").asInt(),
        PRODUCTS,
        done.path("message").asText()
            + ", "
            + done.path("rateMBps").asDouble()
            + " MB/s in "
            + done.path("elapsedSeconds").asDouble()
            + " s",
        checks.values());
    JsonNode verification = IntegrityIT.json(api.get("/api/v1/events/verify"), 200);
    assertThat(verification.path("valid").asBoolean()).as("%s", verification).isTrue();
  }

  /** Events of one type whose detail names the audit. */
  private static List<JsonNode> events(String type, String auditId) {
    return IntegrityIT.list(
            IntegrityIT.json(api.get("/api/v1/events?type=" + type + "&limit=1000"), 200))
        .stream()
        .filter(e -> e.path("detail").path("audit").asText().equals(auditId))
        .toList();
  }

  /** Bytes of every OCFL object of both replicas (what a full audit reads at least once). */
  private static long storedBytes() {
    long total = 0;
    for (String replica : List.of("r1", "r2")) {
      Path root = server.replicaRoot(replica);
      List<Path> objects;
      try (Stream<Path> walk = Files.walk(root)) {
        objects =
            walk.filter(p -> p.getFileName().toString().equals("0=ocfl_object_1.1"))
                .map(Path::getParent)
                .toList();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      assertThat(objects).as("objects on %s", replica).hasSize(PRODUCTS);
      for (Path object : objects) {
        total += IntegrityIT.treeSize(object);
      }
    }
    return total;
  }
}
