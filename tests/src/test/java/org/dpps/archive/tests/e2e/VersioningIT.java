package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.dpps.archive.tests.support.AipBag;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveClient.Reply;
import org.dpps.archive.tests.support.ArchiveExtension;
import org.dpps.archive.tests.support.ArchiveServer;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.DiskSnapshot;
import org.dpps.archive.tests.support.Dl3Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Product identity: the same bytes deposited again change nothing (not even a file in storage); new
 * bytes under the same {@code CTA PRODUCT ID} become a new version and the old one stays
 * retrievable, byte for byte.
 */
@ExtendWith(ArchiveExtension.class)
class VersioningIT {
  private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);

  @Test
  void identicalBytesDepositedAgainAreUnchangedAndWriteNothing(
      ArchiveClient api, ArchiveServer server) {
    Dl3Files obs = Dl3Files.observation().object("Idem-" + run);
    Bags bag = Bags.aBag().inDirectory("idem").withFile("data/obs.fits", obs.fits());
    JsonNode first = api.depositArchived(bag.zip(), "application/zip");
    assertThat(only(first).path("outcome").asText()).isEqualTo("CREATED");
    DiskSnapshot before = DiskSnapshot.of(server.ocflRoot());

    JsonNode again = api.depositArchived(bag.zip(), "application/zip");
    assertThat(only(again).path("productId").asText()).isEqualTo(obs.productId());
    assertThat(only(again).path("outcome").asText()).isEqualTo("UNCHANGED");
    assertThat(only(again).path("version").asInt()).isEqualTo(1);
    // same payload in another serialisation, bag at the root this time
    JsonNode asTar =
        api.depositArchived(
            Bags.aBag().withFile("data/obs.fits", bag.entries().get("data/obs.fits")).tar(),
            "application/x-tar");
    assertThat(only(asTar).path("outcome").asText()).isEqualTo("UNCHANGED");
    assertThat(only(asTar).path("version").asInt()).isEqualTo(1);

    DiskSnapshot after = DiskSnapshot.of(server.ocflRoot());
    assertThat(after.files())
        .as("OCFL storage root after the re-deposits")
        .isEqualTo(before.files());
    assertThat(after.ocflVersionDirectories()).isEqualTo(before.ocflVersionDirectories());

    JsonNode product = api.product(obs.productId());
    assertThat(product.path("headVersion").asInt()).isEqualTo(1);
    assertThat(product.path("versions")).hasSize(1);
    assertThat(product.path("metadata").path("depositId").asText())
        .as("the description still names the deposit that created the product")
        .isEqualTo(first.path("id").asText());
    assertThat(api.searchIds(Map.of("target", obs.object()))).containsExactly(obs.productId());
  }

  @Test
  void newBytesUnderTheSameProductIdBecomeVersionTwoAndVersionOneStaysIntact(
      ArchiveClient api, ArchiveServer server, @TempDir Path tmp) {
    Dl3Files v1 = Dl3Files.observation().object("Versions-" + run).events(50, 1);
    byte[] bytes1 = v1.fits();
    JsonNode first =
        api.depositArchived(Bags.aBag().withFile("data/obs.fits", bytes1).zip(), "application/zip");
    assertThat(only(first).path("outcome").asText()).isEqualTo("CREATED");
    DiskSnapshot before = DiskSnapshot.of(server.ocflRoot());

    // reprocessed: same product id, one more event
    Dl3Files v2 =
        Dl3Files.observation().object(v1.object()).productId(v1.productId()).obsId(v1.obsId());
    byte[] bytes2 = v2.events(51, 1).fits();
    assertThat(bytes2).isNotEqualTo(bytes1);
    JsonNode second =
        api.depositArchived(Bags.aBag().withFile("data/obs.fits", bytes2).zip(), "application/zip");
    assertThat(only(second).path("productId").asText()).isEqualTo(v1.productId());
    assertThat(only(second).path("outcome").asText()).isEqualTo("NEW_VERSION");
    assertThat(only(second).path("version").asInt()).isEqualTo(2);

    DiskSnapshot after = DiskSnapshot.of(server.ocflRoot());
    // OCFL: the object's root inventory moves on to v2; every version directory stays as it was
    Map<String, Long> versionContentBefore = versionDirectories(before);
    assertThat(versionContentBefore).isNotEmpty();
    assertThat(versionDirectories(after))
        .as("nothing stored in an existing version was changed or removed")
        .containsAllEntriesOf(versionContentBefore);
    assertThat(after.ocflVersionDirectories()).isEqualTo(before.ocflVersionDirectories() + 1);

    JsonNode product = api.product(v1.productId());
    assertThat(product.path("version").asInt()).isEqualTo(2);
    assertThat(product.path("headVersion").asInt()).isEqualTo(2);
    assertThat(product.path("versions"))
        .extracting(v -> v.path("version").asInt())
        .containsExactly(1, 2);
    assertThat(product.path("files").get(0).path("sha256").asText()).isEqualTo(Bags.sha256(bytes2));

    String file = "/api/v1/products/" + v1.productId() + "/files/obs.fits";
    Reply head = api.get(file);
    assertThat(head.body()).isEqualTo(bytes2);
    assertThat(head.header("ETag")).contains("\"" + Bags.sha256(bytes2) + "\"");
    Reply old = api.get(file + "?version=1");
    assertThat(old.status()).isEqualTo(200);
    assertThat(old.body()).isEqualTo(bytes1);
    assertThat(old.header("ETag")).contains("\"" + Bags.sha256(bytes1) + "\"");

    JsonNode oldDescription = api.get("/api/v1/products/" + v1.productId() + "?version=1").json();
    assertThat(oldDescription.path("version").asInt()).isEqualTo(1);
    assertThat(oldDescription.path("headVersion").asInt()).isEqualTo(2);
    assertThat(oldDescription.path("files").get(0).path("sha256").asText())
        .isEqualTo(Bags.sha256(bytes1));

    AipBag aip1 =
        AipBag.unzip(
            api.get("/api/v1/products/" + v1.productId() + "/aip?version=1").body(),
            tmp.resolve("v1"));
    assertThat(aip1.topDirectory()).isEqualTo(v1.productId() + "-v1");
    assertThat(aip1.bytes("data/obs.fits")).isEqualTo(bytes1);
    aip1.verifySeal();
    AipBag aip2 =
        AipBag.unzip(
            api.get("/api/v1/products/" + v1.productId() + "/aip").body(), tmp.resolve("v2"));
    assertThat(aip2.topDirectory()).isEqualTo(v1.productId() + "-v2");
    assertThat(aip2.bytes("data/obs.fits")).isEqualTo(bytes2);

    JsonNode hits = api.search(Map.of("target", v1.object()));
    assertThat(hits.path("total").asLong()).isEqualTo(1);
    assertThat(hits.path("hits").get(0).path("version").asInt()).isEqualTo(2);

    ArchiveClient.assertProblem(
        api.get("/api/v1/products/" + v1.productId() + "?version=3"), 404, "ACCESS-006");
  }

  @Test
  void filesSharingACtaProductIdAreOneProductWithAllTheirFiles(ArchiveClient api, @TempDir Path tmp)
      throws Exception {
    Dl3Files north = Dl3Files.observation().object("Merge-" + run);
    Dl3Files south = Dl3Files.observation().object(north.object()).productId(north.productId());
    byte[] northBytes = north.fits();
    byte[] southBytes = south.fitsGz();
    JsonNode done =
        api.depositArchived(
            Bags.aBag()
                .withFile("data/north.fits", northBytes)
                .withFile("data/south.fits.gz", southBytes)
                .zip(),
            "application/zip");
    assertThat(only(done).path("productId").asText()).isEqualTo(north.productId());
    assertThat(only(done).path("outcome").asText()).isEqualTo("CREATED");

    JsonNode product = api.product(north.productId());
    assertThat(product.path("files"))
        .extracting(f -> f.path("path").asText() + "=" + f.path("sha256").asText())
        .containsExactlyInAnyOrder(
            "north.fits=" + Bags.sha256(northBytes), "south.fits.gz=" + Bags.sha256(southBytes));
    AipBag aip =
        AipBag.unzip(api.get("/api/v1/products/" + north.productId() + "/aip").body(), tmp);
    aip.verifyWithBagItJava();
    assertThat(aip.keyValues("bag-info.txt"))
        .containsEntry("Payload-Oxum", (northBytes.length + southBytes.length) + ".2");
    assertThat(aip.bytes("data/south.fits.gz")).isEqualTo(southBytes);
    JsonNode hit = api.search(Map.of("target", north.object())).path("hits").get(0);
    assertThat(hit.path("fileCount").asInt()).isEqualTo(2);
    assertThat(hit.path("sizeBytes").asLong()).isEqualTo(northBytes.length + southBytes.length);
  }

  private static Map<String, Long> versionDirectories(DiskSnapshot snapshot) {
    Map<String, Long> out = new java.util.TreeMap<>();
    snapshot
        .files()
        .forEach(
            (path, size) -> {
              if (path.replace('\\', '/').matches(".*/v\\d+/.*")) {
                out.put(path, size);
              }
            });
    return out;
  }

  private static JsonNode only(JsonNode deposit) {
    List<JsonNode> products = ArchiveClient.products(deposit);
    assertThat(products).as("products of %s", deposit).hasSize(1);
    return products.get(0);
  }
}
