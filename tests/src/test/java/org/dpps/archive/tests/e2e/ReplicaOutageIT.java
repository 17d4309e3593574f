package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveClient.Reply;
import org.dpps.archive.tests.support.ArchiveServer;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.Dl3Files;
import org.dpps.archive.tests.support.LogTailOnFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A replica whose volume is unmounted (its root renamed away while the archive is down) is reported
 * unavailable and never re-created; the archive stays up, a deposit waits in STORING with a
 * STORAGE-004 problem instead of failing, and completes on its own once the volume is back, with a
 * byte-identical copy on the returning replica. Its own server: the outage must not touch the
 * suite's shared one.
 */
class ReplicaOutageIT {
  private static final Duration OUTAGE_OBSERVATION = Duration.ofSeconds(15);
  private static final Duration RETURN_TIMEOUT = Duration.ofSeconds(30);

  private static ArchiveServer server;
  private static ArchiveClient api;

  @RegisterExtension
  static final LogTailOnFailure LOG_ON_FAILURE = new LogTailOnFailure(() -> server);

  @BeforeAll
  static void start() {
    server = ArchiveServer.create(List.of("-Darchive.audit.scheduler.enabled=false"));
    server.start();
    api = new ArchiveClient(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void depositWaitsForAnUnmountedReplicaAndCompletesWhenItComesBack() throws IOException {
    // both replicas are initialised by a first deposit
    Dl3Files before = Dl3Files.observation().object("Outage-before").events(5_000, 1);
    byte[] beforeBytes = before.fits();
    api.depositArchived(
        Bags.aBag().withFile("data/before.fits", beforeBytes).zip(), "application/zip");
    Path r2 = server.replicaRoot("r2");
    assertThat(objectDir(r2, before.productId())).isDirectory();

    // ---- the r2 volume is unmounted while the archive is down
    server.stop();
    Path unmounted = r2.resolveSibling("ocfl-r2.unmounted");
    Files.move(r2, unmounted);
    server.start();

    JsonNode replicas = IntegrityIT.json(api.get("/api/v1/replicas"), 200);
    assertThat(replicas)
        .extracting(r -> r.path("name").asText() + "=" + r.path("available").asBoolean())
        .containsExactly("r1=true", "r2=false");
    assertThat(Path.of(replicas.get(1).path("root").asText()).toAbsolutePath().normalize())
        .isEqualTo(r2.toAbsolutePath().normalize());
    Reply health = api.get("/health");
    assertThat(health.status()).as("%s", health).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("UP");
    Reply ready = api.get("/health/ready");
    assertThat(ready.status()).as("%s", ready).isEqualTo(200);
    assertThat(ready.text()).contains("r2");
    assertThat(r2).as("an initialised replica that vanished is not re-created").doesNotExist();
    // reads are served by r1
    assertThat(api.get("/api/v1/products/" + before.productId() + "/files/before.fits").body())
        .isEqualTo(beforeBytes);

    // ---- a deposit while r2 is down waits for it
    Dl3Files during = Dl3Files.observation().object("Outage-during").events(8_000, 2);
    byte[] bytes = during.fits();
    String depositId =
        ArchiveClient.accepted(
            api.deposit(Bags.aBag().withFile("data/during.fits", bytes).zip(), "application/zip"));
    Instant until = Instant.now().plus(OUTAGE_OBSERVATION);
    List<String> states = new ArrayList<>();
    JsonNode waiting = null;
    while (Instant.now().isBefore(until)) {
      JsonNode deposit = IntegrityIT.json(api.get("/api/v1/deposits/" + depositId), 200);
      String state = deposit.path("state").asText();
      if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
        states.add(state);
      }
      assertThat(state)
          .as("deposit %s while r2 is down: %s", depositId, deposit)
          .isIn("RECEIVED", "VALIDATING", "STORING");
      if (state.equals("STORING") && !deposit.path("problems").isEmpty()) {
        waiting = deposit;
      }
      IntegrityIT.sleep(250);
    }
    assertThat(states).as("states seen").last().isEqualTo("STORING");
    assertThat(waiting).as("the deposit says what it waits for").isNotNull();
    assertThat(waiting.path("problems"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path("code").asText()).isEqualTo("STORAGE-004");
              assertThat(p.path("detail").asText()).contains("r2");
            });
    assertThat(r2).as("still not re-created").doesNotExist();
    assertThat(objectDir(server.replicaRoot("r1"), during.productId()))
        .as("the new version is committed to r1 already")
        .isDirectory();
    assertThat(find(unmounted, during.productId()))
        .as("nothing written to the unmounted root")
        .isNull();

    // ---- the volume comes back, the archive still running
    Files.move(unmounted, r2);
    Instant deadline = Instant.now().plus(RETURN_TIMEOUT);
    JsonNode done = null;
    while (Instant.now().isBefore(deadline)) {
      JsonNode deposit = IntegrityIT.json(api.get("/api/v1/deposits/" + depositId), 200);
      String state = deposit.path("state").asText();
      assertThat(state).as("%s", deposit).isNotEqualTo("REJECTED");
      if (state.equals("ARCHIVED")) {
        done = deposit;
        break;
      }
      IntegrityIT.sleep(250);
    }
    assertThat(done)
        .as("deposit %s ARCHIVED within %s of r2's return", depositId, RETURN_TIMEOUT)
        .isNotNull();
    assertThat(done.path("problems")).isEmpty();
    assertThat(ArchiveClient.products(done))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path("productId").asText()).isEqualTo(during.productId());
              assertThat(p.path("version").asInt()).isEqualTo(1);
            });
    assertThat(IntegrityIT.json(api.get("/api/v1/replicas"), 200))
        .extracting(r -> r.path("name").asText() + "=" + r.path("available").asBoolean())
        .containsExactly("r1=true", "r2=true");

    Path onR1 = objectDir(server.replicaRoot("r1"), during.productId());
    Path onR2 = objectDir(r2, during.productId());
    assertThat(IntegrityIT.tree(onR2)).as("r2's copy").isEqualTo(IntegrityIT.tree(onR1));
    assertThat(Files.readAllBytes(onR2.resolve("v1/content/data/during.fits"))).isEqualTo(bytes);
    assertThat(IntegrityIT.tree(objectDir(r2, before.productId())))
        .as("what r2 held before the outage is unchanged")
        .isEqualTo(IntegrityIT.tree(objectDir(server.replicaRoot("r1"), before.productId())));

    List<JsonNode> replicated =
        IntegrityIT.list(
                IntegrityIT.json(api.get("/api/v1/events?type=REPLICATED&limit=1000"), 200))
            .stream()
            .filter(e -> e.path("productId").asText().equals(during.productId()))
            .toList();
    assertThat(replicated)
        .as("REPLICATED events of %s", during.productId())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("replica").asText()).isEqualTo("r2");
              assertThat(e.path("outcome").asText()).isEqualTo("SUCCESS");
              assertThat(e.path("detail").path("from").asText()).isEqualTo("r1");
            });
    assertThat(api.product(during.productId()).path("events"))
        .anySatisfy(
            e -> {
              assertThat(e.path("type").asText()).isEqualTo("rep");
              assertThat(e.path("outcome").asText()).isEqualTo("suc");
              assertThat(e.path("replica").asText()).isEqualTo("r2");
            });
    assertThat(api.get("/api/v1/products/" + during.productId() + "/files/during.fits").body())
        .isEqualTo(bytes);

    // and a full audit agrees that both copies of everything are whole
    JsonNode audit =
        IntegrityIT.awaitAudit(
            api,
            IntegrityIT.startAudit(api, "{\"kind\":\"FULL\",\"budgetMBps\":0}"),
            Duration.ofSeconds(60));
    assertThat(audit.path("objectsChecked").asInt()).isEqualTo(2);
    assertThat(audit.path("failures")).as("%s", audit).isEmpty();
    JsonNode verification = IntegrityIT.json(api.get("/api/v1/events/verify"), 200);
    assertThat(verification.path("valid").asBoolean()).as("%s", verification).isTrue();

    // this deposit wrote version 1 of the product: it created it, whether or not it had to wait
    // for a replica on the way (checked last, so that everything above is checked regardless)
    assertThat(ArchiveClient.products(done).get(0).path("outcome").asText())
        .as(
            "outcome of the product of deposit %s, which wrote its first version: %s",
            depositId, done)
        .isEqualTo("CREATED");
  }

  /** The object directory of a product under a storage root (it must be there). */
  private static Path objectDir(Path root, String productId) {
    Path dir = find(root, productId);
    assertThat(dir).as("OCFL object of %s under %s", productId, root).isNotNull();
    return dir;
  }

  /** The object directory of a product under a storage root, or null. */
  private static Path find(Path root, String productId) {
    String name = "urn%3actao%3aproduct%3a" + productId;
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (var walk = Files.walk(root)) {
      return walk.filter(p -> Files.isDirectory(p) && p.getFileName().toString().equals(name))
          .filter(p -> Files.isRegularFile(p.resolve("0=ocfl_object_1.1")))
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
