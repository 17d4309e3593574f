package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dpps.archive.tests.support.ArchiveClient.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import gov.loc.repository.bagit.domain.Bag;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.Adler32;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.dpps.archive.tests.support.AipBag;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveClient.Reply;
import org.dpps.archive.tests.support.ArchiveExtension;
import org.dpps.archive.tests.support.ArchiveServer;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.Dl3Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The happy path through the real application: one bag of six synthetic GADF DL3 observations (one
 * of them {@code .fits.gz}) is deposited once for the class; each test then checks one thing a user
 * relies on (products, search by target / cone / level / time, file download with digests and
 * ranges, the AIP as a sealed BagIt bag, the product description, the provenance graph). HDF5,
 * CWLProv, tar.gz and staged-path deposits make their own data.
 */
@ExtendWith(ArchiveExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepositAndAccessIT {
  static final String PROV = "http://www.w3.org/ns/prov#";

  private ArchiveClient api;
  private ArchiveServer server;

  /** This class's run tag: keeps its targets apart from every other deposit. */
  private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);

  private final String crab = "Crab-" + run;
  private final String cone = "Cone-" + run;

  /** Declination of the cone-search fields: nobody else observes down there. */
  private final double coneDec = -40 - ThreadLocalRandom.current().nextDouble() * 20;

  private Dl3Files a1;
  private Dl3Files a2;
  private Dl3Files a3;
  private Dl3Files b1;
  private Dl3Files b2;
  private Dl3Files b3;
  private final Map<String, byte[]> deposited = new LinkedHashMap<>();
  private final Map<String, String> nameOf = new LinkedHashMap<>();
  private Map<String, byte[]> received;
  private JsonNode deposit;

  @BeforeAll
  void depositSixObservations(ArchiveClient api, ArchiveServer server) {
    this.api = api;
    this.server = server;
    a1 =
        Dl3Files.observation()
            .object(crab)
            .description("DL3 events of the Crab, tagged zeta" + run)
            .start(Instant.parse("2024-11-20T22:00:00Z"));
    a2 = Dl3Files.observation().object(crab).start(Instant.parse("2024-11-21T22:00:00Z"));
    a3 =
        Dl3Files.observation()
            .object(crab)
            .dataLevels("DL3,DL3_IRF")
            .start(Instant.parse("2025-01-15T01:00:00Z"));
    b1 = Dl3Files.observation().object(cone).pointing(359.9, coneDec);
    b2 = Dl3Files.observation().object(cone).pointing(0.1, coneDec + 0.3);
    b3 = Dl3Files.observation().object(cone).pointing(5.0, coneDec);
    Bags bag =
        Bags.aBag()
            .inDirectory("dl3-" + run)
            .withSipJson("ctapipe-dl3-e2e", "Six synthetic observations", "e2e", run);
    add(bag, a1, "data/crab/obs_a1.fits", a1.fits());
    add(bag, a2, "data/crab/obs_a2.fits.gz", a2.fitsGz());
    add(bag, a3, "data/crab/obs_a3.fits", a3.fits());
    add(bag, b1, "data/cone/obs_b1.fits", b1.fits());
    add(bag, b2, "data/cone/obs_b2.fits", b2.fits());
    add(bag, b3, "data/cone/obs_b3.fits", b3.fits());
    received = bag.entries();
    deposit = api.depositArchived(bag.zip(), "application/zip");
  }

  private void add(Bags bag, Dl3Files obs, String path, byte[] bytes) {
    bag.withFile(path, bytes);
    deposited.put(obs.productId(), bytes);
    nameOf.put(obs.productId(), path.substring("data/".length()));
  }

  @Test
  void everyPayloadFileBecomesOneNewProductNamedByItsCtaProductId() {
    assertThat(deposit.path("source").asText()).isEqualTo("UPLOAD");
    // the payload received: the files under data/, not the tag files (bagit.txt, manifests,
    // bag-info.txt, metadata/sip.json)
    Map<String, byte[]> payload = new java.util.TreeMap<>(received);
    payload.keySet().removeIf(path -> !path.startsWith("data/"));
    assertThat(payload).hasSize(6);
    assertThat(received).hasSizeGreaterThan(payload.size());
    assertThat(deposit.path("payloadFiles").asInt()).isEqualTo(payload.size());
    assertThat(deposit.path("payloadBytes").asLong())
        .isEqualTo(payload.values().stream().mapToLong(b -> b.length).sum());
    List<JsonNode> products = ArchiveClient.products(deposit);
    assertThat(products).hasSize(6);
    assertThat(products)
        .extracting(p -> p.path("productId").asText())
        .containsExactlyInAnyOrderElementsOf(deposited.keySet());
    assertThat(products)
        .allSatisfy(
            p -> {
              assertThat(p.path("outcome").asText()).isEqualTo("CREATED");
              assertThat(p.path("version").asInt()).isEqualTo(1);
              assertThat(p.path("href").asText())
                  .isEqualTo("/api/v1/products/" + p.path("productId").asText());
            });
    awaitStagingGone(deposit.path("id").asText());
  }

  @Test
  void searchByTargetIsExactCaseInsensitiveAndFaceted() {
    Set<String> crabIds = ids(a1, a2, a3);
    assertThat(api.searchIds(Map.of("target", crab))).isEqualTo(crabIds);
    assertThat(api.searchIds(Map.of("target", crab.toUpperCase()))).isEqualTo(crabIds);
    assertThat(api.searchIds(Map.of("target", "Crab-"))).doesNotContainAnyElementsOf(crabIds);
    assertThat(api.searchIds(Map.of("target", cone))).isEqualTo(ids(b1, b2, b3));

    JsonNode result = api.search(Map.of("target", crab));
    assertThat(result.path("total").asLong()).isEqualTo(3);
    JsonNode facets = result.path("facets");
    assertThat(facets.path("level").path("DL3").asLong()).isEqualTo(3);
    assertThat(facets.path("level").path("DL3_IRF").asLong()).isEqualTo(1);
    assertThat(sum(facets.path("target"))).isEqualTo(3);
    assertThat(facets.path("target").size()).isEqualTo(1);
    assertThat(facets.path("instrument").path("LST-1").asLong()).isEqualTo(3);
    assertThat(facets.path("year").path("2024").asLong()).isEqualTo(2);
    assertThat(facets.path("year").path("2025").asLong()).isEqualTo(1);

    JsonNode page2 = api.search(Map.of("target", crab, "size", "2", "page", "2"));
    assertThat(page2.path("total").asLong()).isEqualTo(3);
    assertThat(page2.path("hits")).hasSize(1);
    Set<String> paged = new TreeSet<>();
    api.search(Map.of("target", crab, "size", "2", "page", "1"))
        .path("hits")
        .forEach(h -> paged.add(h.path("productId").asText()));
    page2.path("hits").forEach(h -> paged.add(h.path("productId").asText()));
    assertThat(paged).as("two pages together hold every hit once").isEqualTo(crabIds);

    assertThat(api.searchIds(Map.of("q", "zeta" + run))).isEqualTo(ids(a1));

    JsonNode hit = hit(result, a1.productId());
    assertThat(hit.path("target").asText()).isEqualTo(crab);
    assertThat(hit.path("obsId").asLong()).isEqualTo(a1.obsId());
    assertThat(hit.path("ra").asDouble()).isCloseTo(a1.raPnt(), within(1e-9));
    assertThat(hit.path("dec").asDouble()).isCloseTo(a1.decPnt(), within(1e-9));
    assertThat(hit.path("instrument").asText()).isEqualTo("LST-1");
    assertThat(hit.path("version").asInt()).isEqualTo(1);
    assertThat(hit.path("fileCount").asInt()).isEqualTo(1);
    assertThat(hit.path("sizeBytes").asLong()).isEqualTo(deposited.get(a1.productId()).length);
    assertThat(hit.path("dataLevels")).extracting(JsonNode::asText).containsExactly("DL3");
    assertThat(hit.path("href").asText()).isEqualTo("/api/v1/products/" + a1.productId());
  }

  @Test
  void coneSearchFindsBothFieldsAcrossRaZeroAndNotTheFarOne() {
    String dec = String.valueOf(coneDec);
    assertThat(api.searchIds(Map.of("ra", "0", "dec", dec, "radius", "1"))).isEqualTo(ids(b1, b2));
    assertThat(api.searchIds(Map.of("ra", "359.95", "dec", dec, "radius", "1")))
        .isEqualTo(ids(b1, b2));
    assertThat(api.searchIds(Map.of("ra", "5", "dec", dec, "radius", "0.5"))).isEqualTo(ids(b3));
    assertThat(api.searchIds(Map.of("ra", "0", "dec", dec, "radius", "1", "target", crab)))
        .isEmpty();
    // the far field is 5 deg of RA away: about 3.2 deg on the sky at this declination
    assertThat(api.searchIds(Map.of("ra", "0", "dec", dec, "radius", "4", "target", cone)))
        .isEqualTo(ids(b1, b2, b3));
  }

  @Test
  void levelAndTimeWindowFiltersSelectTheRightObservations() {
    assertThat(api.searchIds(Map.of("target", crab, "level", "DL3"))).isEqualTo(ids(a1, a2, a3));
    assertThat(api.searchIds(Map.of("target", crab, "level", "DL3_IRF"))).isEqualTo(ids(a3));
    assertThat(api.searchIds(Map.of("target", crab, "level", "DL1_IMAGES"))).isEmpty();
    assertThat(api.searchIds(Map.of("target", crab, "from", "2024-11-21", "to", "2024-11-22")))
        .isEqualTo(ids(a2));
    assertThat(api.searchIds(Map.of("target", crab, "from", "2025-01-01"))).isEqualTo(ids(a3));
    assertThat(api.searchIds(Map.of("target", crab, "to", "2024-11-21T00:00:00Z")))
        .isEqualTo(ids(a1));
    // an observation overlapping the window's start is selected (it ends inside the window)
    String duringA1 = a1.start().plus(Duration.ofMinutes(10)).toString();
    assertThat(
            api.searchIds(Map.of("target", crab, "from", duringA1, "to", "2024-11-21T12:00:00Z")))
        .isEqualTo(ids(a1));
  }

  @Test
  void downloadedFileHasTheDepositedBytesDigestsAndRanges() {
    byte[] expected = deposited.get(a2.productId());
    String href = "/api/v1/products/" + a2.productId() + "/files/" + nameOf.get(a2.productId());
    Reply file = api.get(href);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(expected);
    String sha256 = Bags.sha256(expected);
    assertThat(sha256(file.body())).isEqualTo(sha256);
    assertThat(file.header("ETag")).contains("\"" + sha256 + "\"");
    assertThat(file.header("Accept-Ranges")).contains("bytes");
    assertThat(file.header("Content-Length")).contains(String.valueOf(expected.length));
    assertThat(reprDigests(file.header("Repr-Digest").orElseThrow()))
        .containsEntry("sha-256", b64(sha256))
        .containsEntry("sha-512", b64(Bags.sha512(expected)));

    Reply cached = api.get(href, "If-None-Match", "\"" + sha256 + "\"");
    assertThat(cached.status()).as("conditional GET with the current ETag").isEqualTo(304);
    assertThat(cached.body()).isEmpty();

    Reply slice = api.get(href, "Range", "bytes=100-1123");
    assertThat(slice.status()).isEqualTo(206);
    assertThat(slice.header("Content-Range")).contains("bytes 100-1123/" + expected.length);
    assertThat(slice.body()).isEqualTo(Arrays.copyOfRange(expected, 100, 1124));

    Reply tail = api.get(href, "Range", "bytes=-16");
    assertThat(tail.status()).isEqualTo(206);
    assertThat(tail.body())
        .isEqualTo(Arrays.copyOfRange(expected, expected.length - 16, expected.length));

    JsonNode unsatisfiable =
        assertProblem(api.get(href, "Range", "bytes=" + expected.length + "-"), 416, "ACCESS-003");
    assertThat(unsatisfiable.path("detail").asText()).contains(String.valueOf(expected.length));

    assertProblem(
        api.get("/api/v1/products/" + a2.productId() + "/files/crab/none.fits"), 404, "ACCESS-002");
  }

  @Test
  void aipIsAValidBagItBagSealedWithTheArchiveKey(@TempDir Path tmp) throws Exception {
    Reply reply = api.get("/api/v1/products/" + a1.productId() + "/aip");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/zip");
    AipBag aip = AipBag.unzip(reply.body(), tmp);
    assertThat(aip.topDirectory()).isEqualTo(a1.productId() + "-v1");

    Bag bag = aip.verifyWithBagItJava();
    assertThat(bag.getVersion().toString()).isEqualTo("1.0");
    assertThat(bag.getPayLoadManifests())
        .extracting(m -> m.getAlgorithm().getBagitName())
        .containsExactlyInAnyOrder("sha512", "sha256");
    assertThat(bag.getTagManifests())
        .extracting(m -> m.getAlgorithm().getBagitName())
        .containsExactlyInAnyOrder("sha512", "sha256");
    for (String tag :
        List.of(
            "metadata/descriptive.json",
            "metadata/premis.ttl",
            "metadata/provenance.ttl",
            "metadata/sip.json",
            "metadata/seal.ed25519")) {
      assertThat(aip.root().resolve(tag)).as(tag).isRegularFile();
    }

    byte[] expected = deposited.get(a1.productId());
    assertThat(aip.bytes("data/" + nameOf.get(a1.productId()))).isEqualTo(expected);
    assertThat(aip.text("manifest-sha512.txt"))
        .contains(Bags.sha512(expected) + "  data/" + nameOf.get(a1.productId()));
    Map<String, String> info = aip.keyValues("bag-info.txt");
    assertThat(info)
        .containsEntry("External-Identifier", a1.productId())
        .containsEntry("Payload-Oxum", expected.length + ".1")
        .containsEntry("Internal-Sender-Identifier", deposit.path("id").asText());
    JsonNode descriptive = ArchiveClient.JSON.readTree(aip.bytes("metadata/descriptive.json"));
    assertThat(descriptive.path("productId").asText()).isEqualTo(a1.productId());
    assertThat(descriptive.path("obsId").asLong()).isEqualTo(a1.obsId());

    Map<String, String> seal = aip.verifySeal();
    String archiveKey = Files.readString(server.home().resolve("keys/archive-ed25519.pub")).trim();
    assertThat(seal.get("Public-Key")).as("sealed by the archive's own key").isEqualTo(archiveKey);
  }

  @Test
  void productDescriptionCarriesHeadersDigestsAndPremisEvents() {
    byte[] expected = deposited.get(a3.productId());
    JsonNode product = api.product(a3.productId());
    assertThat(product.path("productId").asText()).isEqualTo(a3.productId());
    assertThat(product.path("version").asInt()).isEqualTo(1);
    assertThat(product.path("headVersion").asInt()).isEqualTo(1);
    assertThat(product.path("versions")).hasSize(1);

    JsonNode m = product.path("metadata");
    assertThat(m.path("depositId").asText()).isEqualTo(deposit.path("id").asText());
    assertThat(m.path("obsId").asLong()).isEqualTo(a3.obsId());
    assertThat(m.path("object").asText()).isEqualTo(crab);
    assertThat(m.path("raPnt").asDouble()).isCloseTo(a3.raPnt(), within(1e-9));
    assertThat(m.path("decPnt").asDouble()).isCloseTo(a3.decPnt(), within(1e-9));
    assertThat(m.path("telescope").asText()).isEqualTo("CTAO");
    assertThat(m.path("instrument").asText()).isEqualTo("LST-1");
    assertThat(m.path("dataLevels")).extracting(JsonNode::asText).containsExactly("DL3", "DL3_IRF");
    assertThat(m.path("hduClasses"))
        .extracting(JsonNode::asText)
        .containsExactly("EVENTS", "GTI", "AEFF_2D");
    assertThat(m.path("headers").path("CTA PRODUCT ID").asText()).isEqualTo(a3.productId());
    assertThat(m.path("keywords")).extracting(JsonNode::asText).contains("e2e", run);
    // TSTART is in TT seconds since MJDREF: the catalogue time is within TT-UTC of the truth
    assertThat(Duration.between(a3.start(), Instant.parse(m.path("timeStart").asText())).abs())
        .isLessThan(Duration.ofSeconds(70));
    assertThat(Duration.between(a3.stop(), Instant.parse(m.path("timeStop").asText())).abs())
        .isLessThan(Duration.ofSeconds(70));

    assertThat(product.path("files")).hasSize(1);
    JsonNode file = product.path("files").get(0);
    assertThat(file.path("path").asText()).isEqualTo(nameOf.get(a3.productId()));
    assertThat(file.path("size").asLong()).isEqualTo(expected.length);
    assertThat(file.path("sha512").asText()).isEqualTo(Bags.sha512(expected));
    assertThat(file.path("sha256").asText()).isEqualTo(Bags.sha256(expected));
    assertThat(file.path("adler32").asText()).isEqualTo(adler32(expected));
    assertThat(file.path("pronom").asText()).isEqualTo("x-fmt/383");
    assertThat(file.path("href").asText())
        .isEqualTo("/api/v1/products/" + a3.productId() + "/files/" + nameOf.get(a3.productId()));

    Set<String> types = new TreeSet<>();
    product
        .path("events")
        .forEach(
            e -> {
              types.add(e.path("type").asText());
              assertThat(e.path("outcome").asText()).as("outcome of %s", e).isEqualTo("suc");
              assertThat(e.path("time").asText()).isNotBlank();
            });
    assertThat(types).contains("ing", "val", "mes", "ipc", "for", "mee");
  }

  @Test
  void provenanceGraphLinksTheAipVersionToItsIngestAndIsQueryable() {
    String depositId = deposit.path("id").asText();
    String product = "urn:ctao:product:" + b2.productId();
    String version = product + ":v1";
    String ingest = "urn:ctao:deposit:" + depositId + "/ingest";

    Reply turtle =
        api.get("/api/v1/products/" + b2.productId() + "/provenance", "Accept", "text/turtle");
    assertThat(turtle.status()).isEqualTo(200);
    assertThat(turtle.contentType()).startsWith("text/turtle");
    Model graph = parse(turtle.body(), Lang.TURTLE);
    Resource v1 = graph.createResource(version);
    assertThat(graph.contains(v1, prov("wasGeneratedBy"), graph.createResource(ingest))).isTrue();
    assertThat(graph.contains(v1, prov("specializationOf"), graph.createResource(product)))
        .isTrue();
    assertThat(
            graph.contains(
                graph.createResource(ingest),
                prov("used"),
                graph.createResource("urn:ctao:deposit:" + depositId)))
        .isTrue();

    Reply jsonLd =
        api.get(
            "/api/v1/products/" + b2.productId() + "/provenance", "Accept", "application/ld+json");
    assertThat(jsonLd.status()).isEqualTo(200);
    assertThat(jsonLd.contentType()).startsWith("application/ld+json");
    assertThat(jsonLdObjects(jsonLd.json(), version, PROV + "wasGeneratedBy"))
        .as("JSON-LD: %s prov:wasGeneratedBy", version)
        .containsExactly(ingest);
    assertThat(jsonLdObjects(jsonLd.json(), version, PROV + "specializationOf"))
        .containsExactly(product);

    JsonNode select =
        api.sparql(
            "PREFIX prov: <"
                + PROV
                + "> SELECT ?activity ?deposit WHERE { <"
                + version
                + "> prov:wasGeneratedBy ?activity . ?activity prov:used ?deposit }");
    JsonNode bindings = select.path("results").path("bindings");
    assertThat(bindings).hasSize(1);
    assertThat(bindings.get(0).path("activity").path("value").asText()).isEqualTo(ingest);
    assertThat(bindings.get(0).path("deposit").path("value").asText())
        .isEqualTo("urn:ctao:deposit:" + depositId);

    // the default graph is the union of the products' graphs: all six versions came from one ingest
    JsonNode all =
        api.sparql(
            "PREFIX prov: <"
                + PROV
                + "> SELECT DISTINCT ?version WHERE { ?version prov:wasGeneratedBy <"
                + ingest
                + "> }");
    Set<String> versions = new TreeSet<>();
    all.path("results")
        .path("bindings")
        .forEach(b -> versions.add(b.path("version").path("value").asText()));
    Set<String> expected = new TreeSet<>();
    deposited.keySet().forEach(id -> expected.add("urn:ctao:product:" + id + ":v1"));
    assertThat(versions).isEqualTo(expected);

    JsonNode ask =
        api.sparql(
            "PREFIX prov: <"
                + PROV
                + "> ASK { <"
                + version
                + "> prov:wasGeneratedBy <"
                + ingest
                + "> }");
    assertThat(ask.path("boolean").asBoolean()).isTrue();
  }

  @Test
  void aCtapipeProvenanceLogBecomesTheProductsLineageAndIsKeptInTheAip(@TempDir Path tmp)
      throws Exception {
    Dl3Files obs = Dl3Files.observation().object("Lineage-" + run);
    String activity = java.util.UUID.randomUUID().toString();
    String inputProduct = java.util.UUID.randomUUID().toString();
    String log =
        """
        [{"activity_name": "ctapipe-process", "activity_uuid": "%s", "status": "completed",
          "start": {"time_utc": "2024-01-02T03:04:05.123"},
          "stop": {"time_utc": "2024-01-02T03:34:06.456"},
          "system": {"ctapipe_version": "0.23.2"},
          "input": [{"url": "/data/dl2/run42.dl2.h5", "role": "DataWriter.input",
                     "reference_meta": {"CTA PRODUCT ID": "%s"}}],
          "output": [{"url": "/data/dl3/obs_lineage.fits", "role": "DataWriter.output"}],
          "config": {}, "exit_code": 0}]
        """
            .formatted(activity, inputProduct);
    JsonNode done =
        api.depositArchived(
            Bags.aBag()
                .withFile("data/obs_lineage.fits", obs.fits())
                .withFile("data/process.provenance.log", log.getBytes(StandardCharsets.UTF_8))
                .zip(),
            "application/zip");

    assertThat(ArchiveClient.products(done))
        .as("the provenance log is provenance, not a product")
        .extracting(p -> p.path("productId").asText())
        .containsExactly(obs.productId());
    Model graph =
        parse(
            api.get("/api/v1/products/" + obs.productId() + "/provenance", "Accept", "text/turtle")
                .body(),
            Lang.TURTLE);
    Resource product = graph.createResource("urn:ctao:product:" + obs.productId());
    Resource run = graph.createResource("urn:ctao:activity:" + activity);
    assertThat(graph.contains(product, prov("wasGeneratedBy"), run)).isTrue();
    assertThat(
            graph.contains(
                run, org.apache.jena.vocabulary.RDFS.label, graph.createLiteral("ctapipe-process")))
        .isTrue();
    Resource input = graph.createResource("urn:ctao:product:" + inputProduct);
    assertThat(graph.contains(run, prov("used"), input)).isTrue();
    assertThat(graph.contains(product, prov("wasDerivedFrom"), input)).isTrue();

    AipBag aip = AipBag.unzip(api.get("/api/v1/products/" + obs.productId() + "/aip").body(), tmp);
    aip.verifyWithBagItJava();
    assertThat(
            new String(
                aip.bytes("metadata/ctapipe/process.provenance.log"), StandardCharsets.UTF_8))
        .isEqualTo(log);
  }

  @Test
  void hdf5ProductInATarIsArchivedWithItsRootAttributes() throws Exception {
    byte[] h5 = Files.readAllBytes(fixtures().resolve("hdf5/ctapipe_dl1_sample.h5"));
    String productId = "9b2f5c1e-3d4a-4f6b-8c7d-0e1f2a3b4c5d";
    JsonNode done =
        api.depositArchived(
            Bags.aBag().withFile("data/dl1/ctapipe_dl1_sample.h5", h5).tar(), "application/x-tar");
    List<JsonNode> products = ArchiveClient.products(done);
    assertThat(products).hasSize(1);
    assertThat(products.get(0).path("productId").asText()).isEqualTo(productId);
    assertThat(products.get(0).path("outcome").asText()).isEqualTo("CREATED");

    JsonNode product = api.product(productId);
    JsonNode m = product.path("metadata");
    assertThat(m.path("dataLevels"))
        .extracting(JsonNode::asText)
        .containsExactly("DL1_IMAGES", "DL1_PARAMETERS");
    assertThat(m.path("obsId").asLong()).isEqualTo(4242);
    assertThat(m.path("instrumentSite").asText()).isEqualTo("CTAO-South");
    JsonNode file = product.path("files").get(0);
    assertThat(file.path("path").asText()).isEqualTo("dl1/ctapipe_dl1_sample.h5");
    assertThat(file.path("mediaType").asText()).containsIgnoringCase("hdf");
    assertThat(file.path("sha256").asText()).isEqualTo(Bags.sha256(h5));

    Reply download = api.get("/api/v1/products/" + productId + "/files/dl1/ctapipe_dl1_sample.h5");
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(h5);
    assertThat(api.searchIds(Map.of("level", "DL1_IMAGES"))).contains(productId);
    assertThat(api.searchIds(Map.of("level", "DL1_IMAGES")))
        .doesNotContainAnyElementsOf(deposited.keySet());
  }

  @Test
  void cwlProvResearchObjectArchivesItsFilesUnderTheirBasenamesLinkedToTheRun(@TempDir Path tmp)
      throws Exception {
    Path ro = fixtures().resolve("cwlprov/workflow-run");
    byte[] events =
        Files.readAllBytes(ro.resolve("data/32/32a39263097eb3786eba6a777a0e8558a3528821"));
    byte[] sorted =
        Files.readAllBytes(ro.resolve("data/ff/ff92b60177a1e2fd089c3515c64636c9c9b68e77"));
    String input = "sha256-" + Bags.sha256(events);
    String output = "sha256-" + Bags.sha256(sorted);

    JsonNode done =
        api.depositArchived(Bags.zipDirectory(ro, "workflow-run-" + run), "application/zip");
    assertThat(ArchiveClient.products(done))
        .extracting(p -> p.path("productId").asText())
        .containsExactlyInAnyOrder(input, output);

    JsonNode out = api.product(output);
    assertThat(out.path("files")).hasSize(1);
    assertThat(out.path("files").get(0).path("path").asText()).isEqualTo("sorted.txt");
    assertThat(api.get("/api/v1/products/" + output + "/files/sorted.txt").body())
        .isEqualTo(sorted);
    assertThat(api.product(input).path("files").get(0).path("path").asText())
        .isEqualTo("events.txt");
    assertThat(api.get("/api/v1/products/" + input + "/files/events.txt").body()).isEqualTo(events);

    Model graph =
        parse(
            api.get("/api/v1/products/" + output + "/provenance", "Accept", "text/turtle").body(),
            Lang.TURTLE);
    Resource product = graph.createResource("urn:ctao:product:" + output);
    Resource entity = graph.createResource("urn:uuid:1dcd0d62-0063-4f5c-9a17-f1bf37947ad0");
    assertThat(graph.contains(product, prov("alternateOf"), entity))
        .as("the product is the CWLProv output entity")
        .isTrue();
    assertThat(
            graph.contains(
                product, prov("wasDerivedFrom"), graph.createResource("urn:ctao:product:" + input)))
        .as("the output derives from the archived input")
        .isTrue();
    Resource workflowRun = graph.createResource("http://purl.org/wf4ever/wfprov#WorkflowRun");
    List<Resource> runs =
        graph.listObjectsOfProperty(product, prov("wasGeneratedBy")).toList().stream()
            .map(n -> n.asResource())
            .toList();
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).getURI()).startsWith("urn:uuid:");
    assertThat(graph.contains(runs.get(0), org.apache.jena.vocabulary.RDF.type, workflowRun))
        .as("%s is the workflow run", runs.get(0))
        .isTrue();

    AipBag aip = AipBag.unzip(api.get("/api/v1/products/" + output + "/aip").body(), tmp);
    aip.verifyWithBagItJava();
    assertThat(aip.root().resolve("metadata/cwlprov/primary.cwlprov.ttl")).isRegularFile();
    assertThat(aip.bytes("metadata/cwlprov/primary.cwlprov.ttl"))
        .isEqualTo(Files.readAllBytes(ro.resolve("metadata/provenance/primary.cwlprov.ttl")));

    // the same research object again: its input is now in the archive, so it is linked by its
    // digest, not planned as a product again; the output's bytes are unchanged
    long productsBefore = api.get("/api/v1/admin/catalogue").json().path("products").asLong();
    JsonNode again =
        api.depositArchived(Bags.zipDirectory(ro, "workflow-run-again-" + run), "application/zip");
    assertThat(ArchiveClient.products(again))
        .extracting(p -> p.path("productId").asText(), p -> p.path("outcome").asText())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(output, "UNCHANGED"));
    assertThat(api.get("/api/v1/admin/catalogue").json().path("products").asLong())
        .isEqualTo(productsBefore);
  }

  @Test
  void fileNamesWithSpacesAndNonAsciiCharactersSurviveTheRoundTrip(@TempDir Path tmp)
      throws Exception {
    Dl3Files obs = Dl3Files.observation().object("Names-" + run);
    byte[] fits = obs.fits();
    String name = "run 42/Crab observation ü+1%.fits";
    JsonNode done =
        api.depositArchived(Bags.aBag().withFile("data/" + name, fits).zip(), "application/zip");
    assertThat(ArchiveClient.products(done)).hasSize(1);
    JsonNode product = api.product(obs.productId());
    assertThat(product.path("files").get(0).path("path").asText()).isEqualTo(name);
    String encoded =
        Arrays.stream(name.split("/"))
            .map(
                s ->
                    java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20"))
            .collect(java.util.stream.Collectors.joining("/"));
    Reply file = api.get("/api/v1/products/" + obs.productId() + "/files/" + encoded);
    assertThat(file.status()).as("%s", file).isEqualTo(200);
    assertThat(file.body()).isEqualTo(fits);
    AipBag aip = AipBag.unzip(api.get("/api/v1/products/" + obs.productId() + "/aip").body(), tmp);
    aip.verifyWithBagItJava();
    assertThat(aip.bytes("data/" + name)).isEqualTo(fits);
  }

  @Test
  void tarGzDepositIsArchived() {
    Dl3Files obs = Dl3Files.observation().object("TarGz-" + run);
    byte[] fits = obs.fits();
    JsonNode done =
        api.depositArchived(
            Bags.aBag().inDirectory("bag").withFile("data/obs.fits", fits).tarGz(),
            "application/gzip");
    assertThat(ArchiveClient.products(done)).hasSize(1);
    assertThat(ArchiveClient.products(done).get(0).path("productId").asText())
        .isEqualTo(obs.productId());
    assertThat(api.get("/api/v1/products/" + obs.productId() + "/files/obs.fits").body())
        .isEqualTo(fits);
    assertThat(api.searchIds(Map.of("target", obs.object()))).containsExactly(obs.productId());
  }

  @Test
  void stagedPathDepositIsCopiedFromTheInboxAndArchived() {
    Dl3Files obs = Dl3Files.observation().object("Staged-" + run);
    byte[] fits = obs.fits();
    String name = "pipeline-out/bag-" + run;
    Path bagDir = Bags.aBag().withFile("data/obs.fits", fits).writeTo(server.inbox().resolve(name));
    Reply reply = api.depositStaged(name);
    String id = ArchiveClient.accepted(reply);
    assertThat(reply.json().path("source").asText()).isEqualTo("STAGED");
    JsonNode done = api.awaitFinal(id);
    assertThat(done.path("state").asText()).as("%s", done).isEqualTo("ARCHIVED");
    assertThat(ArchiveClient.products(done).get(0).path("productId").asText())
        .isEqualTo(obs.productId());
    assertThat(api.get("/api/v1/products/" + obs.productId() + "/files/obs.fits").body())
        .isEqualTo(fits);
    assertThat(bagDir.resolve("data/obs.fits"))
        .as("the pipeline's copy is left alone")
        .hasBinaryContent(fits);
    awaitStagingGone(id);
  }

  // -------------------------------------------------------------------------------------------

  private void awaitStagingGone(String depositId) {
    Path dir = server.staging().resolve(depositId);
    Instant deadline = Instant.now().plusSeconds(10);
    while (Files.exists(dir) && Instant.now().isBefore(deadline)) {
      sleep(100);
    }
    assertThat(dir).as("staging of the finished deposit is removed").doesNotExist();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Path fixtures() {
    return Path.of(System.getProperty("archive.test.fixtures"));
  }

  private static Set<String> ids(Dl3Files... observations) {
    Set<String> out = new TreeSet<>();
    for (Dl3Files o : observations) {
      out.add(o.productId());
    }
    return out;
  }

  private static JsonNode hit(JsonNode result, String productId) {
    for (JsonNode h : result.path("hits")) {
      if (h.path("productId").asText().equals(productId)) {
        return h;
      }
    }
    throw new AssertionError(productId + " not among the hits " + result);
  }

  /** The {@code @id}s a node of a JSON-LD document (expanded IRIs) points to by a property. */
  static List<String> jsonLdObjects(JsonNode document, String subject, String property) {
    List<String> out = new java.util.ArrayList<>();
    JsonNode nodes = document.has("@graph") ? document.path("@graph") : document;
    for (JsonNode node : nodes) {
      if (subject.equals(node.path("@id").asText())) {
        JsonNode value = node.path(property);
        if (value.isArray()) {
          value.forEach(v -> out.add(v.path("@id").asText()));
        } else if (!value.isMissingNode()) {
          out.add(value.path("@id").asText());
        }
      }
    }
    return out;
  }

  private static long sum(JsonNode counts) {
    long n = 0;
    for (JsonNode c : counts) {
      n += c.asLong();
    }
    return n;
  }

  static Model parse(byte[] body, Lang lang) {
    Model model = ModelFactory.createDefaultModel();
    RDFDataMgr.read(model, new ByteArrayInputStream(body), lang);
    return model;
  }

  static Property prov(String local) {
    return ModelFactory.createDefaultModel().createProperty(PROV + local);
  }

  static String sha256(byte[] bytes) {
    return Bags.sha256(bytes);
  }

  static String b64(String hex) {
    return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
  }

  static String adler32(byte[] bytes) {
    Adler32 a = new Adler32();
    a.update(bytes);
    return String.format("%08x", a.getValue());
  }

  /** {@code sha-256=:b64:, sha-512=:b64:} as a map. */
  static Map<String, String> reprDigests(String header) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=", 2);
      out.put(kv[0].trim(), kv[1].trim().replaceAll("^:|:$", ""));
    }
    return out;
  }
}
