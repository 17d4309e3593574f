package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveExtension;
import org.dpps.archive.tests.support.ArchiveServer;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.Dl3Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The archive survives a restart with everything it knew, and its catalogue, search index and
 * provenance graph can be rebuilt from the OCFL storage alone. Restarts the suite's shared server
 * (same port, same {@code ARCHIVE_HOME}); other test classes do not notice.
 */
@ExtendWith(ArchiveExtension.class)
class RestartAndRebuildIT {
  private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);

  @Test
  void restartKeepsProductsAndDepositsAndRebuildFromStorageGivesTheSameCatalogue(
      ArchiveClient api, ArchiveServer server) throws IOException {
    String target = "Restart-" + run;
    Dl3Files one = Dl3Files.observation().object(target);
    Dl3Files two = Dl3Files.observation().object(target).pointing(10.0, -70.0);
    byte[] oneBytes = one.fits();
    JsonNode archived =
        api.depositArchived(
            Bags.aBag()
                .withFile("data/one.fits", oneBytes)
                .withFile("data/two.fits.gz", two.fitsGz())
                .zip(),
            "application/zip");
    byte[] garbage = new byte[4000];
    JsonNode rejected =
        api.depositRejected(
            Bags.aBag().withFile("data/bad.fits", garbage).zip(), "application/zip");
    Set<String> ids = Set.of(one.productId(), two.productId());
    assertThat(api.searchIds(Map.of("target", target))).isEqualTo(ids);

    JsonNode countsBefore = counts(api);
    long storedObjects = ocflObjects(server.ocflRoot());
    assertThat(countsBefore.path("products").asLong())
        .as("one catalogue entry per OCFL object")
        .isEqualTo(storedObjects);
    JsonNode everythingBefore = api.search(Map.of("size", "500"));
    JsonNode provenanceBefore =
        api.sparql(
            "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?v WHERE { ?v prov:wasGeneratedBy <urn:ctao:deposit:"
                + archived.path("id").asText()
                + "/ingest> } ORDER BY ?v");

    // ---- restart: same home, same port
    server.restart();

    assertThat(api.searchIds(Map.of("target", target))).isEqualTo(ids);
    JsonNode archivedAfter = api.get("/api/v1/deposits/" + archived.path("id").asText()).json();
    assertThat(archivedAfter.path("state").asText()).isEqualTo("ARCHIVED");
    assertThat(archivedAfter.path("products")).isEqualTo(archived.path("products"));
    JsonNode rejectedAfter = api.get("/api/v1/deposits/" + rejected.path("id").asText()).json();
    assertThat(rejectedAfter.path("state").asText()).isEqualTo("REJECTED");
    assertThat(rejectedAfter.path("problems")).isEqualTo(rejected.path("problems"));
    assertThat(api.get("/api/v1/products/" + one.productId() + "/files/one.fits").body())
        .isEqualTo(oneBytes);
    assertThat(counts(api).path("products")).isEqualTo(countsBefore.path("products"));

    // ---- rebuild in place from storage
    JsonNode report = rebuild(api);
    assertThat(report.path("matches").asBoolean()).as("rebuild report %s", report).isTrue();
    assertThat(report.path("unchanged").asBoolean()).as("rebuild report %s", report).isTrue();
    assertThat(report.path("storedObjects").asLong()).isEqualTo(storedObjects);
    assertThat(report.path("before").path("products")).isEqualTo(countsBefore.path("products"));
    assertThat(report.path("before").path("files")).isEqualTo(countsBefore.path("files"));
    JsonNode rebuilt = report.path("after");
    assertThat(rebuilt.path("products").asLong()).isEqualTo(countsBefore.path("products").asLong());
    assertThat(rebuilt.path("files").asLong()).isEqualTo(countsBefore.path("files").asLong());
    assertThat(rebuilt.path("graphs").asLong()).isEqualTo(countsBefore.path("graphs").asLong());
    assertSameCatalogue(api, everythingBefore, provenanceBefore, archived);

    // ---- lose the search index and the graph store entirely: start-up reconciles them with
    // storage (no rebuild asked for) and says so in the event log
    server.stop();
    deleteTree(server.home().resolve("index"));
    deleteTree(server.home().resolve("tdb2"));
    server.start();
    JsonNode reconciled = counts(api);
    assertThat(reconciled.path("products").asLong()).isEqualTo(storedObjects);
    assertThat(reconciled.path("indexed").asLong())
        .as("every stored product is in the search index again")
        .isEqualTo(storedObjects);
    assertThat(reconciled.path("graphs").asLong())
        .as("every stored product has its graph again")
        .isEqualTo(storedObjects);
    JsonNode event = api.get("/api/v1/events?type=CATALOGUE_RECONCILED&limit=1").json().path(0);
    assertThat(event.path("detail").path("index").path("missing").asLong())
        .as("%s", event)
        .isEqualTo(storedObjects);
    assertThat(event.path("detail").path("graph").path("missing").asLong())
        .as("%s", event)
        .isEqualTo(storedObjects);
    assertThat(event.path("detail").path("catalogue").path("missing").asLong()).isZero();
    assertThat(event.path("detail").path("agree").asBoolean()).isTrue();
    assertSameCatalogue(api, everythingBefore, provenanceBefore, archived);
    JsonNode nothingLeft = api.post("/api/v1/admin/catalogue/reconcile", null, new byte[0]).json();
    assertThat(nothingLeft.path("repaired").asInt()).as("%s", nothingLeft).isZero();
    assertThat(nothingLeft.path("agree").asBoolean()).isTrue();
    assertThat(nothingLeft.path("storedHeads").asLong()).isEqualTo(storedObjects);
    JsonNode fromScratchReport = rebuild(api);
    assertThat(fromScratchReport.path("matches").asBoolean()).isTrue();
    JsonNode fromScratch = fromScratchReport.path("after");
    assertThat(fromScratch.path("products").asLong())
        .isEqualTo(countsBefore.path("products").asLong());
    assertThat(fromScratch.path("indexed").asLong())
        .as("every stored product was indexed again")
        .isEqualTo(storedObjects);
    assertThat(fromScratch.path("graphs").asLong()).isEqualTo(countsBefore.path("graphs").asLong());
    assertSameCatalogue(api, everythingBefore, provenanceBefore, archived);
    assertThat(api.searchIds(Map.of("ra", "10", "dec", "-70", "radius", "0.5")))
        .contains(two.productId())
        .doesNotContain(one.productId());

    // ---- lose the database as well: the catalogue comes back from the OCFL roots alone
    server.stop();
    deleteTree(server.home().resolve("db"));
    deleteTree(server.home().resolve("index"));
    deleteTree(server.home().resolve("tdb2"));
    server.start();
    assertThat(counts(api).path("products").asLong())
        .as("start-up indexes every stored object into the new database")
        .isEqualTo(storedObjects);
    JsonNode afterDbLoss = rebuild(api);
    assertThat(afterDbLoss.path("matches").asBoolean()).as("%s", afterDbLoss).isTrue();
    assertThat(afterDbLoss.path("after").path("files")).isEqualTo(countsBefore.path("files"));
    assertThat(afterDbLoss.path("after").path("graphs")).isEqualTo(countsBefore.path("graphs"));
    assertThat(api.searchIds(Map.of("target", target))).isEqualTo(ids);
    assertThat(api.get("/api/v1/products/" + one.productId() + "/files/one.fits").body())
        .isEqualTo(oneBytes);
  }

  private static void assertSameCatalogue(
      ArchiveClient api, JsonNode everythingBefore, JsonNode provenanceBefore, JsonNode deposit) {
    JsonNode everything = api.search(Map.of("size", "500"));
    assertThat(everything.path("total")).isEqualTo(everythingBefore.path("total"));
    assertThat(hitsById(everything)).isEqualTo(hitsById(everythingBefore));
    assertThat(everything.path("facets")).isEqualTo(everythingBefore.path("facets"));
    JsonNode provenance =
        api.sparql(
            "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?v WHERE { ?v prov:wasGeneratedBy <urn:ctao:deposit:"
                + deposit.path("id").asText()
                + "/ingest> } ORDER BY ?v");
    assertThat(provenance.path("results")).isEqualTo(provenanceBefore.path("results"));
    assertThat(provenance.path("results").path("bindings")).hasSize(2);
  }

  private static Map<String, JsonNode> hitsById(JsonNode result) {
    Map<String, JsonNode> out = new java.util.TreeMap<>();
    result.path("hits").forEach(h -> out.put(h.path("productId").asText(), h));
    return out;
  }

  private static JsonNode counts(ArchiveClient api) {
    ArchiveClient.Reply reply = api.get("/api/v1/admin/catalogue");
    assertThat(reply.status()).isEqualTo(200);
    return reply.json();
  }

  private static JsonNode rebuild(ArchiveClient api) {
    ArchiveClient.Reply reply = api.post("/api/v1/admin/catalogue/rebuild", null, new byte[0]);
    assertThat(reply.status()).as("rebuild: %s", reply).isEqualTo(200);
    return reply.json();
  }

  /** OCFL objects under the storage root: directories holding an object declaration. */
  private static long ocflObjects(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().startsWith("0=ocfl_object_")).count();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
