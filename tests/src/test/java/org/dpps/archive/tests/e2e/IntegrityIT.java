package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.tests.support.ArchiveClient.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * Fixity audits against damage done on disk to a running archive with two replicas: every kind of
 * fault injected into replica {@code r2} is found by a full audit (with the digests that disagree)
 * and healed from {@code r1}, until both copies are byte-identical again; a file damaged on both
 * replicas is reported DAMAGED and left exactly as it is; a forger who makes every digest agree
 * again is caught by the seal; a quick audit reads nothing when all is well and escalates when it
 * is not. Its own server (the audit scheduler off): the faults must not leak into other classes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntegrityIT {
  private static final Duration AUDIT_TIMEOUT = Duration.ofSeconds(60);
  private static final Set<String> TERMINAL = Set.of("COMPLETED", "CANCELLED", "FAILED");

  private static ArchiveServer server;
  private static ArchiveClient api;

  /** The deposited products by role: each fault gets its own product. */
  private static final Map<String, Product> products = new LinkedHashMap<>();

  /** What the fault injection of step 4 found in the report, for the later steps. */
  private static JsonNode faultReport;

  private static Product flip;
  private static Product deleted;
  private static Product truncatedTag;
  private static Product lost;
  private static Product dark;
  private static Product both;
  private static Product forged;
  private static Product quick;
  private static byte[] darkBytes;
  private static byte[] bagInfoBefore;
  private static byte[] bagInfoTruncated;

  /** One product: its id and its single payload file. */
  record Product(String id, String name, byte[] bytes) {
    String contentPath() {
      return "v1/content/data/" + name;
    }

    String sha512() {
      return Bags.sha512(bytes);
    }
  }

  @RegisterExtension
  static final LogTailOnFailure LOG_ON_FAILURE = new LogTailOnFailure(() -> server);

  @BeforeAll
  static void startAndDeposit() {
    server = ArchiveServer.create(List.of("-Darchive.audit.scheduler.enabled=false"));
    server.start();
    api = new ArchiveClient(server);

    // FITS products, one zip deposit; ~0.6 MB each
    Bags fitsBag = Bags.aBag().inDirectory("integrity-fits");
    String[] fitsRoles = {"flip", "deleted", "lost", "both", "quick"};
    for (int i = 0; i < fitsRoles.length; i++) {
      Dl3Files obs = Dl3Files.observation().object("Integrity-" + fitsRoles[i]).events(20_000, i);
      byte[] bytes = obs.fits();
      String name = fitsRoles[i] + ".fits";
      fitsBag.withFile("data/" + name, bytes);
      products.put(fitsRoles[i], new Product(obs.productId(), name, bytes));
    }
    JsonNode fitsDeposit = api.depositArchived(fitsBag.zip(), "application/zip");
    // plain files, one tar deposit: their product id is sha256-<digest>
    Bags binBag = Bags.aBag();
    String[] binRoles = {"truncatedTag", "dark", "forged"};
    Random random = new Random(20_240_601);
    for (String role : binRoles) {
      byte[] bytes = new byte[700_000 + random.nextInt(50_000)];
      random.nextBytes(bytes);
      String name = role + ".bin";
      binBag.withFile("data/" + name, bytes);
      products.put(role, new Product("sha256-" + Bags.sha256(bytes), name, bytes));
    }
    JsonNode binDeposit = api.depositArchived(binBag.tar(), "application/x-tar");

    Set<String> archived = new TreeSet<>();
    ArchiveClient.products(fitsDeposit).forEach(p -> archived.add(p.path("productId").asText()));
    ArchiveClient.products(binDeposit).forEach(p -> archived.add(p.path("productId").asText()));
    assertThat(archived)
        .as("every product was created")
        .isEqualTo(new TreeSet<>(products.values().stream().map(Product::id).toList()));
    flip = products.get("flip");
    deleted = products.get("deleted");
    truncatedTag = products.get("truncatedTag");
    lost = products.get("lost");
    dark = products.get("dark");
    both = products.get("both");
    forged = products.get("forged");
    quick = products.get("quick");
    long total = products.values().stream().mapToLong(p -> p.bytes().length).sum();
    assertThat(total).as("payload bytes deposited").isGreaterThan(4_000_000);
    for (Product p : products.values()) {
      assertThat(tree(objectDir("r2", p)))
          .as("r2 holds a byte-identical copy of %s", p.id())
          .isEqualTo(tree(objectDir("r1", p)));
    }
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  // ------------------------------------------------------------------------------------ steps

  @Test
  @Order(1)
  void eventLogIsValidAfterTheDeposits() {
    JsonNode verification = json(api.get("/api/v1/events/verify"), 200);
    assertThat(verification.path("valid").asBoolean()).as("%s", verification).isTrue();
    assertThat(verification.path("events").asLong()).isPositive();
    assertThat(verification.path("problems")).isEmpty();
    JsonNode replicas = json(api.get("/api/v1/replicas"), 200);
    assertThat(replicas)
        .extracting(r -> r.path("name").asText() + "=" + r.path("available").asBoolean())
        .containsExactly("r1=true", "r2=true");
  }

  @Test
  @Order(2)
  void badAuditRequestsAreRefusedWithStableCodes() {
    for (String body :
        List.of(
            "{\"kind\":\"SLOW\"}",
            "{\"replicas\":[\"nope\"]}",
            "{\"products\":[42]}",
            "{\"kind\":\"FULL\"",
            "not json at all",
            "{\"colour\":\"blue\"}",
            "{\"budgetMBps\":-1}",
            "{\"limit\":0}")) {
      Reply reply = api.post("/api/v1/audits", "application/json", utf8(body));
      assertProblem(reply, 400, "STORAGE-006");
    }
    assertProblem(api.get("/api/v1/audits/unknown"), 404, "STORAGE-005");
    assertProblem(
        api.get("/api/v1/audits/aud-00000000-0000-0000-0000-000000000000"), 404, "STORAGE-005");
    assertProblem(api.delete("/api/v1/audits/unknown"), 404, "STORAGE-005");
    assertThat(json(api.get("/api/v1/audits"), 200))
        .as("no audit was created by a bad request")
        .isEmpty();
    JsonNode schedule = json(api.get("/api/v1/audits/schedule"), 200);
    assertThat(schedule.path("enabled").asBoolean()).as("%s", schedule).isFalse();
    assertThat(schedule.path("ioBudgetMBps").asDouble()).isPositive();
  }

  @Test
  @Order(3)
  void quickAuditOfIntactCopiesReadsNoByteAndFindsNothing() {
    JsonNode report = runAudit("{\"kind\":\"QUICK\"}");
    assertThat(report.path("kind").asText()).isEqualTo("QUICK");
    assertThat(report.path("replicas")).extracting(JsonNode::asText).containsExactly("r1", "r2");
    assertThat(report.path("objectsTotal").asInt()).isEqualTo(products.size());
    assertThat(report.path("objectsChecked").asInt()).isEqualTo(products.size());
    assertThat(report.path("bytesChecked").asLong()).as("quick audits read no content").isZero();
    assertThat(report.path("failuresTotal").asInt()).isZero();
    assertThat(report.path("failures")).isEmpty();
    assertThat(report.path("repaired").asInt()).isZero();
    assertThat(report.path("damaged").asInt()).isZero();
  }

  @Test
  @Order(4)
  void faultsInjectedIntoReplicaR2AreReportedWithTheirDigestsAndRepaired() throws IOException {
    Map<String, Map<String, String>> r1Before = new TreeMap<>();
    for (Product p : products.values()) {
      r1Before.put(p.id(), tree(objectDir("r1", p)));
    }

    // 1. a flipped byte in a payload file
    Path flipped = objectDir("r2", flip).resolve(flip.contentPath());
    byte[] flippedBytes = flip.bytes().clone();
    flippedBytes[flippedBytes.length / 2] ^= 0x01;
    Files.write(flipped, flippedBytes);
    // 2. a payload file deleted
    Files.delete(objectDir("r2", deleted).resolve(deleted.contentPath()));
    // 3. a tag file truncated
    Path bagInfo = objectDir("r2", truncatedTag).resolve("v1/content/bag-info.txt");
    bagInfoBefore = Files.readAllBytes(bagInfo);
    bagInfoTruncated = java.util.Arrays.copyOf(bagInfoBefore, bagInfoBefore.length / 2);
    Files.write(bagInfo, bagInfoTruncated);
    // 4. the whole object lost
    deleteTree(objectDir("r2", lost));
    // 5. a file nobody put there
    darkBytes = new byte[1234];
    new Random(5).nextBytes(darkBytes);
    Files.write(objectDir("r2", dark).resolve("v1/content/data/stowaway.bin"), darkBytes);

    JsonNode report = runAudit("{\"kind\":\"FULL\",\"budgetMBps\":0}");
    faultReport = report;
    assertThat(report.path("kind").asText()).isEqualTo("FULL");
    assertThat(report.path("objectsChecked").asInt()).isEqualTo(products.size());
    assertThat(report.path("objectsTotal").asInt()).isEqualTo(products.size());
    assertThat(report.path("repaired").asInt()).as("one repair per damaged object").isEqualTo(5);
    assertThat(report.path("damaged").asInt()).isZero();
    List<JsonNode> failures = list(report.path("failures"));
    assertThat(report.path("failuresTotal").asInt()).isEqualTo(failures.size());
    assertThat(failures)
        .as("every failure is on r2")
        .allSatisfy(f -> assertThat(f.path("replica").asText()).isEqualTo("r2"));
    assertThat(failures)
        .extracting(f -> f.path("productId").asText())
        .as("only the damaged objects have failures")
        .containsOnly(flip.id(), deleted.id(), truncatedTag.id(), lost.id(), dark.id());

    // 1. flipped byte: content digest and payload manifest, sha512 expected vs actual
    assertFailure(
        failures,
        "r2",
        flip,
        "CONTENT_DIGEST",
        flip.contentPath(),
        flip.sha512(),
        Bags.sha512(flippedBytes),
        "REPAIRED");
    assertFailure(
        failures,
        "r2",
        flip,
        "MANIFEST_DIGEST",
        flip.contentPath(),
        flip.sha512(),
        Bags.sha512(flippedBytes),
        "REPAIRED");
    assertThat(kinds(failures, flip)).containsOnly("CONTENT_DIGEST", "MANIFEST_DIGEST");
    // 2. deleted payload file
    assertFailure(
        failures,
        "r2",
        deleted,
        "FILE_MISSING",
        deleted.contentPath(),
        deleted.sha512(),
        null,
        "REPAIRED");
    assertThat(kinds(failures, deleted)).containsOnly("FILE_MISSING");
    // 3. truncated tag file: its content digest, and both tag manifests
    assertFailure(
        failures,
        "r2",
        truncatedTag,
        "CONTENT_DIGEST",
        "v1/content/bag-info.txt",
        Bags.sha512(bagInfoBefore),
        Bags.sha512(bagInfoTruncated),
        "REPAIRED");
    assertFailure(
        failures,
        "r2",
        truncatedTag,
        "MANIFEST_DIGEST",
        "v1/content/bag-info.txt",
        Bags.sha256(bagInfoBefore),
        Bags.sha256(bagInfoTruncated),
        "REPAIRED");
    assertThat(kinds(failures, truncatedTag)).containsOnly("CONTENT_DIGEST", "MANIFEST_DIGEST");
    // 4. lost object: copied again from r1
    assertFailure(failures, "r2", lost, "OBJECT_MISSING", "", "the object", null, "REPLICATED");
    assertThat(kinds(failures, lost)).containsOnly("OBJECT_MISSING");
    // 5. dark file: reported with its digest and quarantined; api.md documents the action
    // QUARANTINED for it (checked last, so that everything else is checked whatever it says)
    assertThat(kinds(failures, dark)).containsOnly("DARK_FILE");

    for (Product p : products.values()) {
      assertThat(tree(objectDir("r1", p)))
          .as("the good copy on r1 of %s was not touched", p.id())
          .isEqualTo(r1Before.get(p.id()));
    }
    assertThat(json(api.get("/api/v1/audits/damaged"), 200)).isEmpty();
    assertFailure(
        failures,
        "r2",
        dark,
        "DARK_FILE",
        "v1/content/data/stowaway.bin",
        null,
        Bags.sha512(darkBytes),
        "QUARANTINED");
  }

  @Test
  @Order(5)
  void repairedCopiesAreByteIdenticalAndTheDarkFileIsInQuarantine() throws IOException {
    assertThat(faultReport).as("the fault injection step ran").isNotNull();
    for (Product p : products.values()) {
      Map<String, String> r1 = tree(objectDir("r1", p));
      assertThat(tree(objectDir("r2", p)))
          .as("r2's copy of %s after the repair", p.id())
          .isEqualTo(r1);
      assertThat(Files.readAllBytes(objectDir("r2", p).resolve(p.contentPath())))
          .as("payload of %s on r2", p.id())
          .isEqualTo(p.bytes());
    }
    assertThat(objectDir("r2", dark).resolve("v1/content/data/stowaway.bin")).doesNotExist();
    Path quarantine = server.home().resolve("quarantine");
    List<Path> kept = find(quarantine, "stowaway.bin");
    assertThat(kept).as("the dark file is kept in quarantine").hasSize(1);
    assertThat(Files.readAllBytes(kept.get(0))).isEqualTo(darkBytes);
    assertThat(quarantine.relativize(kept.get(0)).toString().replace('\\', '/'))
        .startsWith("r2/" + dark.id() + "/")
        .endsWith("/v1/content/data/stowaway.bin");
    // no repair left a temporary file behind in a storage root or its work directory
    for (Path dir : List.of(server.replicaRoot("r2"), server.home().resolve("ocfl-r2-work"))) {
      assertThat(find(dir, null))
          .as("files left under %s", dir)
          .noneMatch(f -> f.getFileName().toString().startsWith("repair-"));
    }
  }

  @Test
  @Order(6)
  void aSecondFullAuditFindsNothing() {
    JsonNode report = runAudit("{\"kind\":\"FULL\",\"budgetMBps\":0}");
    assertThat(report.path("objectsChecked").asInt()).isEqualTo(products.size());
    assertThat(report.path("failuresTotal").asInt()).as("%s", report).isZero();
    assertThat(report.path("failures")).isEmpty();
    assertThat(report.path("repaired").asInt()).isZero();
    long stored = 0;
    for (Product p : products.values()) {
      stored += treeSize(objectDir("r1", p)) + treeSize(objectDir("r2", p));
    }
    assertThat(report.path("bytesChecked").asLong())
        .as("a full audit reads every byte of both copies")
        .isEqualTo(stored);
  }

  @Test
  @Order(7)
  void productPagesListTheFailedCheckAndTheRepairOnR2() {
    for (Product p : List.of(flip, deleted, truncatedTag, lost, dark)) {
      List<JsonNode> events = list(api.product(p.id()).path("events"));
      int failed = indexOf(events, "fix", "fail", "r2", 0);
      assertThat(failed)
          .as("a failed fixity check on r2 for %s: %s", p.id(), events)
          .isNotNegative();
      String repair = p == lost ? "rep" : "rec";
      assertThat(indexOf(events, repair, "suc", "r2", failed + 1))
          .as("a successful %s on r2 after the failed check for %s: %s", repair, p.id(), events)
          .isPositive();
      assertThat(indexOf(events, "fix", "suc", "r1", 0))
          .as("the good copy's check for %s", p.id())
          .isNotNegative();
      assertThat(events)
          .filteredOn(e -> e.path("source").asText().equals("event-log"))
          .allSatisfy(e -> assertThat(e.path("replica").asText()).isIn("r1", "r2"));
    }
    assertThat(indexOf(list(api.product(dark.id()).path("events")), "qua", "suc", "r2", 0))
        .as("the quarantine of the dark file is a PREMIS event")
        .isNotNegative();
    // the same story in the event log
    List<JsonNode> fixity = list(json(api.get("/api/v1/events?type=FIXITY_CHECK&limit=1000"), 200));
    assertThat(
            fixity.stream()
                .filter(e -> e.path("productId").asText().equals(flip.id()))
                .filter(e -> e.path("replica").asText().equals("r2"))
                .filter(e -> e.path("outcome").asText().equals("FAILURE"))
                .count())
        .as("failed FIXITY_CHECK events of %s on r2 in the event log", flip.id())
        .isEqualTo(1);
    List<JsonNode> seqs = fixity.stream().toList();
    assertThat(seqs)
        .extracting(e -> e.path("seq").asLong())
        .as("newest first")
        .isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  @Order(8)
  void downloadsReturnTheOriginalBytes() {
    for (Product p : products.values()) {
      Reply reply = api.get("/api/v1/products/" + p.id() + "/files/" + p.name());
      assertThat(reply.status()).as("download of %s: %s", p.id(), reply).isEqualTo(200);
      assertThat(reply.body()).as("bytes of %s", p.id()).isEqualTo(p.bytes());
      assertThat(reply.header("ETag")).contains("\"" + Bags.sha256(p.bytes()) + "\"");
    }
  }

  @Test
  @Order(9)
  void damageOnBothReplicasIsReportedDamagedAndLeftExactlyAsItIs() throws IOException {
    byte[] onR1 = both.bytes().clone();
    onR1[onR1.length / 3] ^= 0x10;
    byte[] onR2 = java.util.Arrays.copyOf(both.bytes(), both.bytes().length - 2880);
    Files.write(objectDir("r1", both).resolve(both.contentPath()), onR1);
    Files.write(objectDir("r2", both).resolve(both.contentPath()), onR2);
    Map<String, String> r1Before = tree(objectDir("r1", both));
    Map<String, String> r2Before = tree(objectDir("r2", both));

    JsonNode report = runAudit("{\"kind\":\"FULL\",\"products\":[\"" + both.id() + "\"]}");
    assertThat(report.path("objectsTotal").asInt()).isEqualTo(1);
    assertThat(report.path("damaged").asInt()).isEqualTo(1);
    assertThat(report.path("repaired").asInt()).isZero();
    List<JsonNode> failures = list(report.path("failures"));
    assertFailure(
        failures,
        "r1",
        both,
        "CONTENT_DIGEST",
        both.contentPath(),
        both.sha512(),
        Bags.sha512(onR1),
        "DAMAGED");
    assertFailure(
        failures,
        "r2",
        both,
        "CONTENT_DIGEST",
        both.contentPath(),
        both.sha512(),
        Bags.sha512(onR2),
        "DAMAGED");
    assertThat(failures)
        .as("nothing was repaired from a bad copy")
        .allSatisfy(f -> assertThat(f.path("action").asText()).isEqualTo("DAMAGED"));

    JsonNode damaged = json(api.get("/api/v1/audits/damaged"), 200);
    assertThat(damaged.has(both.id())).as("damaged list %s", damaged).isTrue();
    assertThat(damaged.path(both.id()).asText()).contains("CONTENT_DIGEST");
    assertThat(damaged.size()).isEqualTo(1);

    assertThat(tree(objectDir("r1", both))).as("r1 left as it was").isEqualTo(r1Before);
    assertThat(tree(objectDir("r2", both))).as("r2 left as it was").isEqualTo(r2Before);
    assertThat(Files.readAllBytes(objectDir("r1", both).resolve(both.contentPath())))
        .isEqualTo(onR1);
    assertThat(Files.readAllBytes(objectDir("r2", both).resolve(both.contentPath())))
        .isEqualTo(onR2);
    assertThat(find(server.home().resolve("quarantine"), null).stream().map(Path::toString))
        .noneMatch(name -> name.contains(both.id()));

    List<JsonNode> events = list(api.product(both.id()).path("events"));
    assertThat(indexOf(events, "fix", "fail", "r1", 0)).isNotNegative();
    assertThat(indexOf(events, "fix", "fail", "r2", 0)).isNotNegative();
    assertThat(events)
        .filteredOn(e -> e.path("source").asText().equals("event-log"))
        .noneMatch(e -> e.path("type").asText().equals("rec"));
  }

  @Test
  @Order(10)
  void aForgeryWhoseDigestsAllAgreeIsCaughtByTheSealAndRepairedFromR1() throws IOException {
    Path object = objectDir("r2", forged);
    Path content = object.resolve("v1/content");
    byte[] fake = forged.bytes().clone();
    for (int i = 0; i < 64; i++) {
      fake[1000 + i] = (byte) 'X';
    }
    Map<String, String> sha512Changes = new LinkedHashMap<>();
    // payload and both payload manifests
    Files.write(content.resolve("data/" + forged.name()), fake);
    sha512Changes.put(forged.sha512(), Bags.sha512(fake));
    rewrite(
        content.resolve("manifest-sha512.txt"), forged.sha512(), Bags.sha512(fake), sha512Changes);
    rewrite(
        content.resolve("manifest-sha256.txt"),
        Bags.sha256(forged.bytes()),
        Bags.sha256(fake),
        sha512Changes);
    // both tag manifests now list the new manifests' digests (the originals are still on r1)
    Path r1Content = objectDir("r1", forged).resolve("v1/content");
    byte[] oldM512 = Files.readAllBytes(r1Content.resolve("manifest-sha512.txt"));
    byte[] oldM256 = Files.readAllBytes(r1Content.resolve("manifest-sha256.txt"));
    byte[] newM512 = Files.readAllBytes(content.resolve("manifest-sha512.txt"));
    byte[] newM256 = Files.readAllBytes(content.resolve("manifest-sha256.txt"));
    Path tag512 = content.resolve("tagmanifest-sha512.txt");
    rewrite(
        tag512,
        Map.of(
            Bags.sha512(oldM512), Bags.sha512(newM512),
            Bags.sha512(oldM256), Bags.sha512(newM256)),
        sha512Changes);
    Path tag256 = content.resolve("tagmanifest-sha256.txt");
    rewrite(
        tag256,
        Map.of(
            Bags.sha256(oldM512), Bags.sha256(newM512),
            Bags.sha256(oldM256), Bags.sha256(newM256)),
        sha512Changes);
    // the OCFL inventories (root and v1) name the new digests, and their sidecars agree
    for (String inventory : List.of("inventory.json", "v1/inventory.json")) {
      Path file = object.resolve(inventory);
      String json = Files.readString(file, StandardCharsets.UTF_8);
      for (var change : sha512Changes.entrySet()) {
        assertThat(json).as("%s names %s", inventory, change.getKey()).contains(change.getKey());
        json = json.replace(change.getKey(), change.getValue());
      }
      Files.writeString(file, json, StandardCharsets.UTF_8);
      Path sidecar = object.resolve(inventory + ".sha512");
      String old = Files.readString(sidecar, StandardCharsets.UTF_8);
      Files.writeString(
          sidecar,
          Bags.sha512(json.getBytes(StandardCharsets.UTF_8)) + old.substring(old.indexOf(' ')),
          StandardCharsets.UTF_8);
    }
    assertThat(sha512Changes).hasSize(5);

    JsonNode report = runAudit("{\"kind\":\"FULL\",\"products\":[\"" + forged.id() + "\"]}");
    List<JsonNode> failures = list(report.path("failures"));
    assertThat(failures)
        .as("the forgery is consistent: only the seal gives it away (%s)", failures)
        .extracting(f -> f.path("kind").asText())
        .containsOnly("SEAL");
    assertThat(failures)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path("productId").asText()).isEqualTo(forged.id());
              assertThat(f.path("replica").asText()).isEqualTo("r2");
              assertThat(f.path("path").asText()).contains("seal.ed25519");
              assertThat(f.path("action").asText()).isEqualTo("REPAIRED");
            });
    assertThat(report.path("repaired").asInt()).isEqualTo(1);
    assertThat(report.path("damaged").asInt()).isZero();
    assertThat(tree(objectDir("r2", forged))).isEqualTo(tree(objectDir("r1", forged)));
    assertThat(Files.readAllBytes(content.resolve("data/" + forged.name())))
        .isEqualTo(forged.bytes());
  }

  @Test
  @Order(11)
  void aQuickAuditEscalatesWhenAFileWasTruncatedAndRepairsIt() throws IOException {
    JsonNode clean = runAudit("{\"kind\":\"QUICK\",\"products\":[\"" + quick.id() + "\"]}");
    assertThat(clean.path("bytesChecked").asLong()).isZero();
    assertThat(clean.path("failures")).isEmpty();

    byte[] truncated = java.util.Arrays.copyOf(quick.bytes(), quick.bytes().length / 2);
    Files.write(objectDir("r2", quick).resolve(quick.contentPath()), truncated);
    JsonNode report = runAudit("{\"kind\":\"QUICK\",\"products\":[\"" + quick.id() + "\"]}");
    assertThat(report.path("kind").asText()).isEqualTo("QUICK");
    assertThat(report.path("bytesChecked").asLong())
        .as("the quick audit escalated to reading the copies")
        .isGreaterThanOrEqualTo(quick.bytes().length + truncated.length);
    List<JsonNode> failures = list(report.path("failures"));
    assertThat(failures).allSatisfy(f -> assertThat(f.path("replica").asText()).isEqualTo("r2"));
    assertFailure(
        failures,
        "r2",
        quick,
        "CONTENT_DIGEST",
        quick.contentPath(),
        quick.sha512(),
        Bags.sha512(truncated),
        "REPAIRED");
    assertThat(report.path("repaired").asInt()).isEqualTo(1);
    assertThat(tree(objectDir("r2", quick))).isEqualTo(tree(objectDir("r1", quick)));
    assertThat(Files.readAllBytes(objectDir("r2", quick).resolve(quick.contentPath())))
        .isEqualTo(quick.bytes());
  }

  @Test
  @Order(12)
  void eventLogIsStillValidAndCanBeCheckpointed() {
    JsonNode checkpoint = json(api.post("/api/v1/events/checkpoint", null, new byte[0]), 200);
    long seq = checkpoint.path("seq").asLong();
    assertThat(seq).isPositive();
    JsonNode verification = json(api.get("/api/v1/events/verify"), 200);
    assertThat(verification.path("valid").asBoolean()).as("%s", verification).isTrue();
    assertThat(verification.path("problems")).isEmpty();
    assertThat(verification.path("lastSeq").asLong()).isGreaterThanOrEqualTo(seq);
    assertThat(verification.path("lastCheckpointSeq").asLong()).isEqualTo(seq);
    assertThat(verification.path("checkpoints").asLong()).isPositive();
    assertThat(verification.path("events").asLong())
        .isEqualTo(verification.path("lastSeq").asLong());
    List<JsonNode> events = list(json(api.get("/api/v1/events?limit=1"), 200));
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("seq").asLong()).isEqualTo(verification.path("lastSeq").asLong());
              assertThat(e.path("hash").asText()).isEqualTo(verification.path("lastHash").asText());
            });
  }

  @Test
  @Order(13)
  void aRunningAuditCanBeCancelledAndTheNextOneStillRuns() {
    // about 12 MB to read at 1 MB/s: still running when it is cancelled
    String id = startAudit(api, "{\"kind\":\"FULL\",\"budgetMBps\":1}");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)
        && !json(api.get("/api/v1/audits/" + id), 200).path("state").asText().equals("RUNNING")) {
      sleep(100);
    }
    Reply cancelled = api.delete("/api/v1/audits/" + id);
    JsonNode report = json(cancelled, 200);
    assertThat(report.path("state").asText()).as("%s", report).isEqualTo("CANCELLED");
    assertThat(report.path("finishedAt").asText()).isNotBlank();
    assertThat(report.path("message").asText()).startsWith("Cancelled");
    int checkedAtCancel = report.path("objectsChecked").asInt();
    assertThat(checkedAtCancel).isLessThan(report.path("objectsTotal").asInt());

    JsonNode next =
        awaitAudit(
            api,
            startAudit(api, "{\"kind\":\"QUICK\",\"products\":[\"" + flip.id() + "\"]}"),
            AUDIT_TIMEOUT);
    assertThat(next.path("failures")).isEmpty();
    JsonNode after = json(api.get("/api/v1/audits/" + id), 200);
    assertThat(after.path("state").asText()).isEqualTo("CANCELLED");
    assertThat(after.path("objectsChecked").asInt())
        .as("a cancelled audit checks no more objects: %s", after)
        .isEqualTo(checkedAtCancel);
    assertThat(json(api.get("/api/v1/audits"), 200))
        .extracting(a -> a.path("id").asText())
        .contains(id, next.path("id").asText());
  }

  // ---------------------------------------------------------------------------------- helpers

  /**
   * Finds the failure of {@code p} on {@code replica} with that kind, path (and expected value,
   * when given) and checks its actual value and action.
   */
  private static void assertFailure(
      List<JsonNode> failures,
      String replica,
      Product p,
      String kind,
      String path,
      String expected,
      String actual,
      String action) {
    List<JsonNode> matching =
        failures.stream()
            .filter(f -> f.path("productId").asText().equals(p.id()))
            .filter(f -> f.path("replica").asText().equals(replica))
            .filter(f -> f.path("kind").asText().equals(kind))
            .filter(f -> f.path("path").asText().equals(path))
            .filter(f -> expected == null || f.path("expected").asText().equals(expected))
            .toList();
    String what = kind + " of " + path + " on " + replica + " for " + p.id();
    assertThat(matching)
        .as("a failure %s (expected %s) among %s", what, expected, failures)
        .hasSize(1);
    JsonNode f = matching.get(0);
    if (expected == null) {
      assertThat(f.path("expected").isNull() || f.path("expected").isMissingNode())
          .as("no expected value for %s: %s", what, f)
          .isTrue();
    }
    if (actual == null) {
      assertThat(f.path("actual").isNull() || f.path("actual").isMissingNode())
          .as("no actual value for %s: %s", what, f)
          .isTrue();
    } else {
      assertThat(f.path("actual").asText()).as("actual value of %s", what).isEqualTo(actual);
    }
    assertThat(f.path("action").asText()).as("action taken on %s", what).isEqualTo(action);
    assertThat(f.path("detectedAt").asText()).isNotBlank();
  }

  private static Set<String> kinds(List<JsonNode> failures, Product p) {
    Set<String> kinds = new TreeSet<>();
    failures.stream()
        .filter(f -> f.path("productId").asText().equals(p.id()))
        .forEach(f -> kinds.add(f.path("kind").asText()));
    return kinds;
  }

  /**
   * Index of the first event-log event of that type, outcome and replica at or after {@code from}.
   */
  private static int indexOf(
      List<JsonNode> events, String type, String outcome, String replica, int from) {
    for (int i = Math.max(0, from); i < events.size(); i++) {
      JsonNode e = events.get(i);
      if (e.path("source").asText().equals("event-log")
          && e.path("type").asText().equals(type)
          && e.path("outcome").asText().equals(outcome)
          && e.path("replica").asText().equals(replica)) {
        return i;
      }
    }
    return -1;
  }

  /** Starts an audit, checks the 202 answer, and waits until it is COMPLETED. */
  static JsonNode runAudit(String body) {
    return awaitAudit(api, startAudit(api, body), AUDIT_TIMEOUT);
  }

  static String startAudit(ArchiveClient api, String body) {
    Reply reply = api.post("/api/v1/audits", "application/json", utf8(body));
    assertThat(reply.status()).as("POST audit %s: %s", body, reply).isEqualTo(202);
    JsonNode report = reply.json();
    String id = report.path("id").asText();
    assertThat(id).isNotBlank();
    assertThat(report.path("state").asText()).isIn("QUEUED", "RUNNING", "COMPLETED");
    assertThat(reply.header("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/audits/" + id));
    return id;
  }

  static JsonNode awaitAudit(ArchiveClient api, String id, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = json(api.get("/api/v1/audits/" + id), 200);
      if (TERMINAL.contains(last.path("state").asText())) {
        assertThat(last.path("state").asText()).as("audit %s", last).isEqualTo("COMPLETED");
        return last;
      }
      sleep(200);
    }
    throw new AssertionError("Audit " + id + " not finished within " + timeout + ": " + last);
  }

  static JsonNode json(Reply reply, int status) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    return reply.json();
  }

  static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Replaces one string in a file (it must be there) and records the file's sha512 change. */
  private static void rewrite(Path file, String from, String to, Map<String, String> changes)
      throws IOException {
    rewrite(file, Map.of(from, to), changes);
  }

  private static void rewrite(Path file, Map<String, String> replace, Map<String, String> changes)
      throws IOException {
    byte[] before = Files.readAllBytes(file);
    String text = new String(before, StandardCharsets.UTF_8);
    for (var e : replace.entrySet()) {
      assertThat(text).as("%s names %s", file.getFileName(), e.getKey()).contains(e.getKey());
      text = text.replace(e.getKey(), e.getValue());
    }
    byte[] after = text.getBytes(StandardCharsets.UTF_8);
    Files.write(file, after);
    changes.put(Bags.sha512(before), Bags.sha512(after));
  }

  /** The OCFL object directory of a product on a replica. */
  static Path objectDir(String replica, Product p) {
    return objectDir(server.replicaRoot(replica), p.id(), true);
  }

  /**
   * The OCFL object directory {@code urn%3actao%3aproduct%3a<id>} under a storage root; when {@code
   * lostOk} the path where it would be is derived from a copy on another replica.
   */
  static Path objectDir(Path root, String productId, boolean lostOk) {
    String name = "urn%3actao%3aproduct%3a" + productId;
    try (Stream<Path> walk = Files.walk(root)) {
      var found =
          walk.filter(p -> Files.isDirectory(p) && p.getFileName().toString().equals(name))
              .findFirst();
      if (found.isPresent()) {
        assertThat(found.get().resolve("0=ocfl_object_1.1")).isRegularFile();
        return found.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (lostOk) {
      // where the object lives on another root: same layout, same relative path
      for (String other : List.of("r1", "r2")) {
        Path otherRoot = server.replicaRoot(other);
        if (!otherRoot.equals(root)) {
          Path there = objectDir(otherRoot, productId, false);
          return root.resolve(otherRoot.relativize(there));
        }
      }
    }
    throw new AssertionError("No OCFL object for " + productId + " under " + root);
  }

  /** Every regular file under {@code dir} by relative path, with its sha512. */
  static Map<String, String> tree(Path dir) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(
            dir.relativize(p).toString().replace('\\', '/'), Bags.sha512(Files.readAllBytes(p)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static long treeSize(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).mapToLong(IntegrityIT::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Regular files under {@code root} named {@code name} (every file when null). */
  static List<Path> find(Path root, String name) {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> name == null || p.getFileName().toString().equals(name))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
