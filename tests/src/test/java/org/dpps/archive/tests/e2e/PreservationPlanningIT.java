package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.tests.support.ArchiveClient.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.ImageHDU;
import nom.tam.image.compression.hdu.CompressedImageHDU;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveClient.Reply;
import org.dpps.archive.tests.support.ArchiveExtension;
import org.dpps.archive.tests.support.ArchiveServer;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.SkyMaps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preservation planning end to end, through the API of the running archive: the seeded format
 * registry and its recorded edits, the risk report (JSON and CSV) over real deposits, and migration
 * plans of uncompressed FITS sky maps to tile-compressed FITS, previewed, executed and proven: new
 * versions exist, the originals are still there byte for byte, the migrated files decode
 * (nom-tam-fits and astropy) to the deposited values, PREMIS and PROV-O link both versions, a
 * re-run migrates nothing, a deliberately broken CWL tool is rejected by the check of significant
 * properties, and fpack described as a CWL CommandLineTool runs through cwltool. Plans name their
 * products, since other tests share the server.
 */
@ExtendWith(ArchiveExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreservationPlanningIT {
  static final String SOURCE = "fits-image-uncompressed";
  static final String TARGET = "fits-tile-compressed";
  static final String PROV = "http://www.w3.org/ns/prov#";
  private static final String RUN = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 20);

  /** The sky maps of this class, by product id, with their deposited bytes. */
  private static final Map<String, SkyMaps> MAPS = new LinkedHashMap<>();

  private static final Map<String, byte[]> DEPOSITED = new HashMap<>();
  private static ArchiveClient shared;

  private static List<String> deposit(ArchiveClient api, int count, long seed) {
    List<String> ids = new ArrayList<>();
    Bags bag = Bags.aBag().withSipJson("gammapy-maps", "Sky maps " + RUN);
    for (int i = 0; i < count; i++) {
      SkyMaps map =
          SkyMaps.map().object("PP-" + RUN + "-" + seed + "-" + i).size(96 + 16 * i).seed(seed + i);
      byte[] bytes = map.fits();
      bag.withFile("data/map-" + seed + "-" + i + ".fits", bytes);
      MAPS.put(map.productId(), map);
      DEPOSITED.put(map.productId(), bytes);
      ids.add(map.productId());
    }
    JsonNode deposit = api.depositArchived(bag.zip(), "application/zip");
    assertThat(ArchiveClient.products(deposit)).hasSize(count);
    shared = api;
    return ids;
  }

  @AfterAll
  static void restoreRegistry() {
    if (shared != null) {
      shared.patch(
          "/api/v1/formats/" + SOURCE,
          "application/json",
          json(Map.of("status", "acceptable", "reason", "PreservationPlanningIT done")));
    }
  }

  @Test
  @Order(1)
  void theRegistryIsSeededAndEveryEditIsRecordedWithItsReason(ArchiveClient api) {
    shared = api;
    JsonNode formats = api.anonymous().get("/api/v1/formats").json();
    Map<String, JsonNode> byId = new HashMap<>();
    formats.forEach(f -> byId.put(f.path("id").asText(), f));
    assertThat(byId)
        .containsKeys(
            "fits", SOURCE, TARGET, "gadf-0.2", "gadf-0.3", "ctapipe-hdf5-dm-v6", "cwlprov");
    assertThat(byId.get("fits").path("pronom").asText()).isEqualTo("x-fmt/383");
    assertThat(byId.get("fits").path("mediaType").asText()).isEqualTo("application/fits");
    assertThat(byId.get(TARGET).path("profile").asText()).isEqualTo("tile-compressed");
    assertThat(byId.get("gadf-0.2").path("status").asText()).isEqualTo("at-risk");
    assertThat(byId.get("gadf-0.2").path("reasons")).isNotEmpty();

    String path = "/api/v1/formats/" + SOURCE;
    Reply current = api.get(path);
    int revision = current.json().path("revision").asInt();
    assertThat(current.header("ETag")).contains("\"" + revision + "\"");
    // refused: anonymous, no reason, a bad status, a stale revision; nothing changes
    assertProblem(
        api.anonymous()
            .patch(path, "application/json", json(Map.of("status", "at-risk", "reason", "x"))),
        401,
        "AUTH-001");
    assertProblem(
        api.patch(
            path, "application/json", json(Map.of("status", "at-risk", "reasons", List.of("x")))),
        400,
        "PLAN-002");
    assertProblem(
        api.patch(path, "application/json", json(Map.of("status", "doomed", "reason", "x"))),
        400,
        "PLAN-002");
    assertProblem(
        api.patch(
            path,
            "application/json",
            json(Map.of("status", "at-risk", "reason", "x")),
            "If-Match",
            "\"" + (revision + 7) + "\""),
        409,
        "PLAN-003");
    assertProblem(
        api.patch(
            "/api/v1/formats/no-such-format",
            "application/json",
            json(Map.of("status", "at-risk", "reason", "x"))),
        404,
        "PLAN-001");
    assertThat(api.get(path).json().path("revision").asInt()).isEqualTo(revision);

    Reply changed =
        api.patch(
            path,
            "application/json",
            json(
                Map.of(
                    "status",
                    "at-risk",
                    "reasons",
                    List.of("Uncompressed integer images double the bytes on every replica"),
                    "reason",
                    "Storage budget review " + RUN)),
            "If-Match",
            "\"" + revision + "\"");
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.json().path("status").asText()).isEqualTo("at-risk");
    assertThat(changed.json().path("revision").asInt()).isEqualTo(revision + 1);
    assertThat(changed.json().path("updatedBy").asText()).isEqualTo("archive-operator");

    JsonNode history = api.get(path + "/history").json();
    JsonNode last = history.get(0);
    assertThat(last.path("reason").asText()).isEqualTo("Storage budget review " + RUN);
    assertThat(last.path("revision").asInt()).isEqualTo(revision + 1);
    assertThat(last.path("before").path("status").asText()).isEqualTo("acceptable");
    assertThat(last.path("after").path("status").asText()).isEqualTo("at-risk");
    assertThat(history.get(history.size() - 1).path("reason").asText())
        .isEqualTo("Seeded from formats.json");
    assertProblem(api.anonymous().get(path + "/history"), 401, "AUTH-001");

    JsonNode events = api.get("/api/v1/events?type=FORMAT_CHANGED&limit=20").json();
    assertThat(events.toString())
        .contains("Storage budget review " + RUN)
        .contains("acceptable -> at-risk");
  }

  @Test
  @Order(2)
  void theRiskReportListsTheAtRiskProductsWithReasonsAsJsonAndCsv(ArchiveClient api) {
    List<String> ids = deposit(api, 2, 100);
    Reply answer = api.get("/api/v1/preservation/risk?limit=100000");
    // no Accept header: JSON, the server's preferred form
    assertThat(answer.contentType()).startsWith("application/json").doesNotContain("qs=");
    JsonNode report = answer.json();
    JsonNode row = null;
    for (JsonNode f : report.path("formats")) {
      if (f.path("formatId").asText().equals(SOURCE)) {
        row = f;
      }
    }
    assertThat(row).as("a row for %s in %s", SOURCE, report.path("formats")).isNotNull();
    assertThat(row.path("status").asText()).isEqualTo("at-risk");
    assertThat(row.path("products").asLong()).isGreaterThanOrEqualTo(2);
    long bytes = DEPOSITED.get(ids.get(0)).length + DEPOSITED.get(ids.get(1)).length;
    assertThat(row.path("bytes").asLong()).isGreaterThanOrEqualTo(bytes);
    Map<String, JsonNode> atRisk = new HashMap<>();
    report.path("atRisk").forEach(p -> atRisk.put(p.path("productId").asText(), p));
    for (String id : ids) {
      JsonNode p = atRisk.get(id);
      assertThat(p).as("at-risk entry of " + id).isNotNull();
      assertThat(p.path("dataLevel").asText()).isEqualTo("DL4");
      assertThat(p.path("bytes").asLong()).isEqualTo(DEPOSITED.get(id).length);
      assertThat(p.path("files").get(0).path("formatId").asText()).isEqualTo(SOURCE);
      assertThat(p.path("files").get(0).path("reasons").toString()).contains("double the bytes");
    }
    assertThat(report.path("totals").path("atRiskProducts").asLong()).isGreaterThanOrEqualTo(2);
    JsonNode dl4 = null;
    for (JsonNode l : report.path("levels")) {
      if (l.path("dataLevel").asText().equals("DL4")
          && l.path("status").asText().equals("at-risk")) {
        dl4 = l;
      }
    }
    assertThat(dl4).isNotNull();
    assertThat(dl4.path("products").asLong()).isGreaterThanOrEqualTo(2);

    Reply csv = api.get("/api/v1/preservation/risk", "Accept", "text/csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv").doesNotContain("qs=");
    List<String> lines = csv.text().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("product_id,version,data_level,path,bytes,format_id,status,reasons");
    for (String id : ids) {
      assertThat(lines)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith(id + ",1,DL4,data/")
                      .contains("," + DEPOSITED.get(id).length + "," + SOURCE + ",at-risk,"));
    }
    Reply formats = api.get("/api/v1/preservation/risk?part=formats", "Accept", "text/csv");
    assertThat(formats.text().lines().findFirst())
        .contains("format_id,name,status,products,files,bytes,reasons");
    assertThat(formats.text()).contains(SOURCE + ",FITS with uncompressed image arrays,at-risk,");
    assertProblem(api.anonymous().get("/api/v1/preservation/risk"), 401, "AUTH-001");
    assertProblem(
        api.withToken(api.issueToken("alice-" + RUN, "scientist")).get("/api/v1/preservation/risk"),
        403,
        "AUTH-003");
  }

  @Test
  @Order(3)
  void aPlanIsPreviewedExecutedAndProvenWithTheArchivesOwnRecords(
      ArchiveClient api, @TempDir Path tmp) throws Exception {
    List<String> ids = deposit(api, 3, 200);
    // bad plans are refused before anything happens
    for (Map<String, Object> bad :
        List.of(
            planBody("targetFormat", "nope"),
            planBody("action", "rm -rf"),
            planBody("sourceFormat", "hdf5"))) {
      assertProblem(api.postJson("/api/v1/preservation/plans", bad), 400, "PLAN-005");
    }
    assertProblem(api.get("/api/v1/preservation/plans/no-such-plan"), 404, "PLAN-004");

    JsonNode plan = createPlan(api, "Rice " + RUN, "fits-tile-compress", null, ids);
    assertThat(plan.path("state").asText()).isEqualTo("DRAFT");
    assertThat(plan.path("action").path("tool").asText()).isEqualTo("nom-tam-fits");
    assertThat(plan.path("action").path("toolVersion").asText()).matches("[0-9]+\\.[0-9]+.*");
    String planId = plan.path("id").asText();
    Map<String, Integer> versionsBefore = new HashMap<>();
    ids.forEach(id -> versionsBefore.put(id, api.product(id).path("headVersion").asInt()));

    JsonNode preview =
        api.post("/api/v1/preservation/plans/" + planId + "/preview", null, new byte[0]).json();
    assertThat(preview.path("products").asLong()).isEqualTo(3);
    assertThat(preview.path("files").asLong()).isEqualTo(3);
    long bytes = ids.stream().mapToLong(id -> DEPOSITED.get(id).length).sum();
    assertThat(preview.path("bytes").asLong()).isEqualTo(bytes);
    assertThat(preview.path("productIds"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(preview.path("sample").path("accepted").asBoolean()).as(preview.toString()).isTrue();
    assertThat(preview.path("sample").path("outputBytes").asLong())
        .isLessThan(preview.path("sample").path("bytes").asLong());
    assertThat(preview.path("estimate").path("seconds").asDouble()).isPositive();
    // a dry run stores nothing
    ids.forEach(
        id ->
            assertThat(api.product(id).path("headVersion").asInt())
                .isEqualTo(versionsBefore.get(id)));

    JsonNode done = execute(api, planId);
    assertThat(done.path("counts").path("migrated").asInt()).as(done.toString()).isEqualTo(3);
    assertThat(done.path("counts").path("failed").asInt()).isZero();
    assertThat(done.path("progress").path("bytesAfter").asLong())
        .isLessThan(done.path("progress").path("bytesBefore").asLong());
    JsonNode items = api.get("/api/v1/preservation/plans/" + planId + "/items").json();
    assertThat(items).hasSize(3);

    for (String id : ids) {
      JsonNode product = api.product(id);
      assertThat(product.path("headVersion").asInt()).isEqualTo(versionsBefore.get(id) + 1);
      String name = product.path("files").get(0).path("path").asText();
      String file = "/api/v1/products/" + id + "/files/" + name;
      // the original version is still there, byte for byte
      Reply original = api.get(file + "?version=1");
      assertThat(original.status()).isEqualTo(200);
      assertThat(original.body()).isEqualTo(DEPOSITED.get(id));
      // the new version: tile-compressed, smaller, decoding to the deposited values
      byte[] migrated = api.get(file).body();
      assertThat(migrated.length).isLessThan(DEPOSITED.get(id).length);
      assertThat(product.path("files").get(0).path("sha256").asText())
          .isEqualTo(Bags.sha256(migrated));
      assertDecodesToTheDepositedMap(MAPS.get(id), migrated);
      Path onDisk = tmp.resolve(id + ".fits");
      Files.write(onDisk, migrated);
      assertAstropyReads(MAPS.get(id), onDisk);

      // PREMIS: the new version's record has the migration, linking the old and new files
      Model premis = aipModel(api, id, 2, "metadata/premis.ttl");
      String v1File = "urn:ctao:product:" + id + ":v1/data/" + name;
      String v2File = "urn:ctao:product:" + id + ":v2/data/" + name;
      List<Resource> migrations =
          premis
              .listSubjectsWithProperty(
                  premis.createProperty("http://purl.org/dc/terms/type"),
                  premis.createResource("http://id.loc.gov/vocabulary/preservation/eventType/mig"))
              .toList();
      assertThat(migrations).hasSize(1);
      Resource event = migrations.get(0);
      assertThat(
              event.hasProperty(
                  premis.createProperty(PROV + "used"), premis.createResource(v1File)))
          .isTrue();
      assertThat(
              event.hasProperty(
                  premis.createProperty(PROV + "generated"), premis.createResource(v2File)))
          .isTrue();
      assertThat(
              event.hasProperty(
                  premis.createProperty("http://www.loc.gov/premis/rdf/v3/outcome"),
                  premis.createResource(
                      "http://id.loc.gov/vocabulary/preservation/eventOutcome/suc")))
          .isTrue();
      // the ingest events of version 1 are kept in version 2's record
      assertThat(
              premis
                  .listSubjectsWithProperty(
                      premis.createProperty("http://purl.org/dc/terms/type"),
                      premis.createResource(
                          "http://id.loc.gov/vocabulary/preservation/eventType/ing"))
                  .toList())
          .isNotEmpty();
      assertThat(product.path("events").toString()).contains("mig");

      // PROV-O (the new version's provenance.ttl): v2 was derived from and is a revision of v1,
      // generated by the migration activity associated with nom-tam-fits and its version
      Model prov = aipModel(api, id, 2, "metadata/provenance.ttl");
      Resource v1 = prov.createResource("urn:ctao:product:" + id + ":v1");
      Resource v2 = prov.createResource("urn:ctao:product:" + id + ":v2");
      assertThat(prov.contains(v2, prov.createProperty(PROV + "wasRevisionOf"), v1)).isTrue();
      assertThat(prov.contains(v2, prov.createProperty(PROV + "wasDerivedFrom"), v1)).isTrue();
      assertThat(
              prov.contains(
                  prov.createResource(v2File),
                  prov.createProperty(PROV + "wasDerivedFrom"),
                  prov.createResource(v1File)))
          .isTrue();
      Resource activity = v2.getPropertyResourceValue(prov.createProperty(PROV + "wasGeneratedBy"));
      assertThat(activity).isNotNull();
      String tool =
          "urn:ctao:software:nom-tam-fits:" + plan.path("action").path("toolVersion").asText();
      assertThat(
              prov.contains(
                  activity,
                  prov.createProperty(PROV + "wasAssociatedWith"),
                  prov.createResource(tool)))
          .isTrue();
      assertThat(
              prov.contains(
                  activity, prov.createProperty(PROV + "used"), prov.createResource(v1File)))
          .isTrue();
      assertThat(
              prov.contains(
                  prov.createResource(tool),
                  prov.createProperty("urn:ctao:archive:vocab#softwareVersion"),
                  (org.apache.jena.rdf.model.RDFNode) null))
          .isTrue();
      // the same statements are in the archive's provenance store (SPARQL)
      assertThat(
              api.sparql(
                      "PREFIX prov: <"
                          + PROV
                          + "> ASK { <urn:ctao:product:"
                          + id
                          + ":v2> prov:wasRevisionOf <urn:ctao:product:"
                          + id
                          + ":v1> ; prov:wasGeneratedBy ?a . ?a prov:wasAssociatedWith <"
                          + tool
                          + "> ; prov:used <"
                          + v1File
                          + "> . <"
                          + v2File
                          + "> prov:wasDerivedFrom <"
                          + v1File
                          + "> }")
                  .path("boolean")
                  .asBoolean())
          .isTrue();
      // how the product was made (gammapy) is still part of its provenance
      assertThat(
              prov.listObjectsOfProperty(
                      prov.createProperty("http://www.w3.org/2000/01/rdf-schema#label"))
                  .toList()
                  .toString())
          .contains("gammapy");
    }
    // the risk report moved them to the target format
    JsonNode report = api.get("/api/v1/preservation/risk?limit=100000").json();
    for (JsonNode p : report.path("atRisk")) {
      assertThat(ids).doesNotContain(p.path("productId").asText());
    }
    JsonNode events = api.get("/api/v1/events?type=MIGRATION&limit=1000").json();
    for (String id : ids) {
      assertThat(events.toString()).contains(id);
    }
    // a full audit of the migrated products finds nothing wrong (seal, manifests, replicas)
    assertAuditClean(api, ids);

    // idempotent: running the plan again migrates nothing more
    JsonNode again = execute(api, planId);
    assertThat(again.path("counts").path("migrated").asInt()).isEqualTo(3);
    ids.forEach(
        id ->
            assertThat(api.product(id).path("headVersion").asInt())
                .isEqualTo(versionsBefore.get(id) + 1));
    // and a new plan over the same products finds nothing left in the source format
    JsonNode second = createPlan(api, "Rice again " + RUN, "fits-tile-compress", null, ids);
    JsonNode secondPreview =
        api.post(
                "/api/v1/preservation/plans/" + second.path("id").asText() + "/preview",
                null,
                new byte[0])
            .json();
    assertThat(secondPreview.path("products").asLong()).isZero();

    // and back: the inverse action makes version 3 with plain image arrays and the same values
    JsonNode back =
        createPlan(api, "Back " + RUN, TARGET, SOURCE, "fits-tile-decompress", null, ids);
    JsonNode restored = execute(api, back.path("id").asText());
    assertThat(restored.path("counts").path("migrated").asInt())
        .as(restored.toString())
        .isEqualTo(3);
    for (String id : ids) {
      JsonNode product = api.product(id);
      assertThat(product.path("headVersion").asInt()).isEqualTo(versionsBefore.get(id) + 2);
      String name = product.path("files").get(0).path("path").asText();
      byte[] plain = api.get("/api/v1/products/" + id + "/files/" + name).body();
      assertThat(plain.length).isGreaterThanOrEqualTo(DEPOSITED.get(id).length - 2880);
      assertDecodesToTheDepositedMap(MAPS.get(id), plain, false);
      assertThat(api.get("/api/v1/products/" + id + "/files/" + name + "?version=1").body())
          .isEqualTo(DEPOSITED.get(id));
    }
  }

  @Test
  @Order(4)
  void aBrokenCwlToolIsRejectedByValidationAndLeavesTheProductsUnchanged(ArchiveClient api) {
    assumeCwlTools();
    List<String> ids = deposit(api, 2, 300);
    // "compresses" by copying the file and flipping one data byte: valid CWL, wrong result
    String broken =
        String.join(
            "\n",
            "cwlVersion: v1.2",
            "class: CommandLineTool",
            "label: broken copier",
            "baseCommand: [sh, -c]",
            "arguments:",
            "  - cp \"$0\" out.fits && printf '\\377\\377' | dd of=out.fits bs=1 seek=5800 conv=notrunc 2>/dev/null",
            "  - $(inputs.input.path)",
            "requirements:",
            "  InlineJavascriptRequirement: {}",
            "inputs:",
            "  input: {type: File}",
            "outputs:",
            "  output:",
            "    type: File",
            "    outputBinding: {glob: out.fits}",
            "");
    JsonNode plan = createPlan(api, "Broken " + RUN, "cwl", broken, ids);
    JsonNode preview =
        api.post(
                "/api/v1/preservation/plans/" + plan.path("id").asText() + "/preview",
                null,
                new byte[0])
            .json();
    assertThat(preview.path("sample").path("accepted").asBoolean()).isFalse();
    JsonNode done = execute(api, plan.path("id").asText());
    assertThat(done.path("counts").path("failed").asInt()).as(done.toString()).isEqualTo(2);
    assertThat(done.path("counts").path("migrated").asInt()).isZero();
    JsonNode failed =
        api.get("/api/v1/preservation/plans/" + plan.path("id").asText() + "/items?state=FAILED")
            .json();
    assertThat(failed).hasSize(2);
    for (JsonNode item : failed) {
      assertThat(item.path("detail").path("code").asText()).isEqualTo("PLAN-007");
      assertThat(item.path("detail").path("differences").toString())
          .containsIgnoringCase("data differ");
    }
    for (String id : ids) {
      JsonNode product = api.product(id);
      assertThat(product.path("headVersion").asInt()).isEqualTo(1);
      String name = product.path("files").get(0).path("path").asText();
      assertThat(api.get("/api/v1/products/" + id + "/files/" + name).body())
          .isEqualTo(DEPOSITED.get(id));
    }
    JsonNode rejected = api.get("/api/v1/events?type=MIGRATION_REJECTED&limit=1000").json();
    ids.forEach(id -> assertThat(rejected.toString()).contains(id));
    // a document that is not a CWL CommandLineTool is refused when the plan is made
    assertProblem(
        api.postJson(
            "/api/v1/preservation/plans", planBody("action", "cwl", "cwl", "class: Workflow\n")),
        400,
        "PLAN-005");
  }

  @Test
  @Order(5)
  void fpackDescribedAsACwlCommandLineToolRunsThroughCwltool(ArchiveClient api, @TempDir Path tmp)
      throws Exception {
    assumeCwlTools();
    List<String> ids = deposit(api, 2, 400);
    // fpack -r quantizes floating-point images by default: lossy, so the check must refuse it
    String lossy = fpackTool("fpack (cfitsio) Rice tile compression", "[fpack, -r, -S]");
    JsonNode lossyPlan = createPlan(api, "fpack -r " + RUN, "cwl", lossy, ids);
    JsonNode lossyPreview =
        api.post(
                "/api/v1/preservation/plans/" + lossyPlan.path("id").asText() + "/preview",
                null,
                new byte[0])
            .json();
    assertThat(lossyPreview.path("sample").path("accepted").asBoolean())
        .as(lossyPreview.toString())
        .isFalse();
    assertThat(lossyPreview.path("sample").path("differences").toString())
        .contains("EXPOSURE")
        .contains("data differ");
    // lossless: GZIP_2 without quantization
    String fpack =
        fpackTool("fpack (cfitsio) lossless tile compression", "[fpack, -g2, -q, \"0\", -S]");
    JsonNode plan = createPlan(api, "fpack " + RUN, "cwl", fpack, ids);
    assertThat(plan.path("action").path("runner").asText()).startsWith("cwltool 3.");
    assertThat(plan.path("action").path("tool").asText())
        .isEqualTo("fpack (cfitsio) lossless tile compression");
    JsonNode done = execute(api, plan.path("id").asText());
    assertThat(done.path("counts").path("migrated").asInt()).as(done.toString()).isEqualTo(2);
    for (String id : ids) {
      JsonNode product = api.product(id);
      assertThat(product.path("headVersion").asInt()).isEqualTo(2);
      String name = product.path("files").get(0).path("path").asText();
      byte[] migrated = api.get("/api/v1/products/" + id + "/files/" + name).body();
      assertDecodesToTheDepositedMap(MAPS.get(id), migrated);
      Model prov = aipModel(api, id, 2, "metadata/provenance.ttl");
      assertThat(
              prov.containsResource(
                  prov.createResource(
                      "urn:ctao:software:fpack+%28cfitsio%29+lossless+tile+compression:cfitsio+4.2.0")))
          .as(RDFtext(prov))
          .isTrue();
    }
  }

  @Test
  @Order(6)
  void hostileRequestsGetProblemsWithStableCodesAndChangeNothing(ArchiveClient api) {
    String path = "/api/v1/formats/fits";
    int revision = api.get(path).json().path("revision").asInt();
    String plans = "/api/v1/preservation/plans";
    int plansBefore = api.get(plans + "?limit=500").json().size();
    Map<String, Reply> bad = new LinkedHashMap<>();
    bad.put(
        "duplicate key",
        api.patch(
            path,
            "application/json",
            "{\"status\":\"obsolete\",\"reasons\":[\"x\"],\"reason\":\"x\",\"status\":\"preferred\"}"
                .getBytes(StandardCharsets.UTF_8)));
    bad.put(
        "3 MB body",
        api.patch(
            path,
            "application/json",
            ("{\"reason\":\"" + "x".repeat(3_000_000) + "\"}").getBytes(StandardCharsets.UTF_8)));
    bad.put(
        "nesting 5000 deep",
        api.patch(
            path,
            "application/json",
            ("{\"reasons\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
                .getBytes(StandardCharsets.UTF_8)));
    bad.put("not JSON", api.patch(path, "application/json", new byte[] {(byte) 0xff, 0, 1}));
    bad.put("a JSON array", api.patch(path, "application/json", "[1,2]".getBytes()));
    bad.put(
        "script as a specification",
        api.patch(
            path,
            "application/json",
            json(Map.of("specification", "javascript:alert(1)", "reason", "x"))));
    for (var e : bad.entrySet()) {
      assertThat(e.getValue().contentType()).as(e.getKey()).startsWith("application/problem+json");
      assertProblem(e.getValue(), 400, "PLAN-002");
    }
    Map<String, Reply> badPlans = new LinkedHashMap<>();
    badPlans.put(
        "path in a product id",
        api.postJson(plans, planBody("products", List.of("../../etc/passwd"))));
    badPlans.put("name of 500 characters", api.postJson(plans, planBody("name", "n".repeat(500))));
    badPlans.put("unknown field", api.postJson(plans, planBody("shell", "rm -rf /")));
    badPlans.put("products not a list", api.postJson(plans, planBody("products", "all")));
    badPlans.put(
        "cwl for a built-in action",
        api.postJson(plans, planBody("cwl", "class: CommandLineTool")));
    badPlans.put("items state", api.get(plans + "/unknown/items?state=DONE"));
    for (var e : badPlans.entrySet()) {
      assertProblem(e.getValue(), 400, "PLAN-005");
    }
    assertThat(api.get(path).json().path("revision").asInt()).isEqualTo(revision);
    assertThat(api.get(plans + "?limit=500").json().size()).isEqualTo(plansBefore);
    assertThat(api.anonymous().get("/health/ready").status()).isEqualTo(200);
  }

  @Test
  @Order(7)
  void aMigrationKilledHalfWayContinuesAfterTheRestartAndMigratesEachProductOnce(@TempDir Path tmp)
      throws Exception {
    try (ArchiveServer server =
        ArchiveServer.create(List.of("-Darchive.audit.scheduler.enabled=false"))) {
      server.start();
      ArchiveClient api = new ArchiveClient(server);
      List<String> ids = new ArrayList<>();
      Bags bag = Bags.aBag().withSipJson("gammapy-maps", "Large sky maps");
      for (int i = 0; i < 12; i++) {
        SkyMaps map = SkyMaps.map().object("Kill-" + i).size(1024).seed(i);
        bag.withFile("data/big-" + i + ".fits", map.fits());
        ids.add(map.productId());
        MAPS.put(map.productId(), map);
      }
      api.depositArchived(bag.zip(), "application/zip");
      JsonNode plan = createPlan(api, "Kill " + RUN, "fits-tile-compress", null, ids);
      String planId = plan.path("id").asText();
      api.post("/api/v1/preservation/plans/" + planId + "/execute", null, new byte[0]);
      // kill once some but not all products are migrated
      Instant deadline = Instant.now().plusSeconds(120);
      while (Instant.now().isBefore(deadline)) {
        int migrated =
            api.get("/api/v1/preservation/plans/" + planId)
                .json()
                .path("counts")
                .path("migrated")
                .asInt();
        if (migrated >= 2) {
          break;
        }
        Thread.sleep(20);
      }
      server.killHard();
      server.start();
      JsonNode done = await(api, planId);
      assertThat(done.path("state").asText()).isEqualTo("FINISHED");
      assertThat(done.path("counts").path("migrated").asInt()).as(done.toString()).isEqualTo(12);
      for (String id : ids) {
        JsonNode product = api.product(id);
        assertThat(product.path("headVersion").asInt()).as("versions of " + id).isEqualTo(2);
        String name = product.path("files").get(0).path("path").asText();
        assertDecodesToTheDepositedMap(
            MAPS.get(id), api.get("/api/v1/products/" + id + "/files/" + name).body());
      }
      JsonNode migrations = api.get("/api/v1/events?type=MIGRATION&limit=1000").json();
      assertThat(migrations.size()).as("one MIGRATION event per product").isLessThanOrEqualTo(12);
      try (var left = Files.walk(server.home().resolve("work/migrations"))) {
        assertThat(left.filter(Files::isRegularFile).toList()).as("work files left").isEmpty();
      }
      assertAuditClean(api, ids);
    }
  }

  // ------------------------------------------------------------------------------------ helpers

  /** A valid plan body (built-in Rice) with some fields replaced: name, value, ... */
  static Map<String, Object> planBody(Object... overrides) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "x");
    body.put("sourceFormat", SOURCE);
    body.put("targetFormat", TARGET);
    body.put("action", "fits-tile-compress");
    for (int i = 0; i < overrides.length; i += 2) {
      body.put((String) overrides[i], overrides[i + 1]);
    }
    return body;
  }

  static JsonNode createPlan(
      ArchiveClient api, String name, String action, String cwl, List<String> ids) {
    return createPlan(api, name, SOURCE, TARGET, action, cwl, ids);
  }

  static JsonNode createPlan(
      ArchiveClient api,
      String name,
      String source,
      String target,
      String action,
      String cwl,
      List<String> ids) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("sourceFormat", source);
    body.put("targetFormat", target);
    body.put("action", action);
    if (cwl != null) {
      body.put("cwl", cwl);
    }
    body.put("products", ids);
    Reply created = api.postJson("/api/v1/preservation/plans", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json();
  }

  static JsonNode execute(ArchiveClient api, String planId) {
    Reply started =
        api.post("/api/v1/preservation/plans/" + planId + "/execute", null, new byte[0]);
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    return await(api, planId);
  }

  static JsonNode await(ArchiveClient api, String planId) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (Instant.now().isBefore(deadline)) {
      Reply r = api.get("/api/v1/preservation/plans/" + planId);
      if (r.status() == 200 && !r.json().path("state").asText().equals("RUNNING")) {
        return r.json();
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("Plan " + planId + " still running after 5 minutes");
  }

  static void assertAuditClean(ArchiveClient api, List<String> ids) {
    Reply started = api.postJson("/api/v1/audits", Map.of("kind", "FULL", "products", ids));
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String auditId = started.json().path("id").asText();
    Instant deadline = Instant.now().plusSeconds(120);
    JsonNode report;
    do {
      report = api.get("/api/v1/audits/" + auditId).json();
    } while (!List.of("COMPLETED", "FAILED", "CANCELLED").contains(report.path("state").asText())
        && Instant.now().isBefore(deadline));
    assertThat(report.path("state").asText()).as(report.toString()).isEqualTo("COMPLETED");
    assertThat(report.path("failures")).as(report.toString()).isEmpty();
  }

  /** nom-tam-fits decodes both HDUs of the migrated file to the values the map was made of. */
  static void assertDecodesToTheDepositedMap(SkyMaps map, byte[] migrated) throws Exception {
    assertDecodesToTheDepositedMap(map, migrated, true);
  }

  static void assertDecodesToTheDepositedMap(SkyMaps map, byte[] migrated, boolean tileCompressed)
      throws Exception {
    try (Fits fits = new Fits(new ByteArrayInputStream(migrated))) {
      BasicHDU<?>[] hdus = fits.read();
      List<ImageHDU> images = new ArrayList<>();
      List<String> names = new ArrayList<>();
      boolean compressed = false;
      for (BasicHDU<?> hdu : hdus) {
        if (hdu instanceof CompressedImageHDU c) {
          images.add(c.asImageHDU());
          names.add(c.getHeader().getStringValue("EXTNAME"));
          compressed = true;
        } else if (hdu instanceof ImageHDU i && i.getAxes() != null && i.getAxes().length > 0) {
          images.add(i);
          names.add(i.getHeader().getStringValue("EXTNAME"));
        }
      }
      assertThat(compressed).as("tile-compressed").isEqualTo(tileCompressed);
      assertThat(images).hasSize(2);
      short[][] counts = (short[][]) images.get(0).getKernel();
      assertThat(counts).isDeepEqualTo(map.counts());
      float[][] exposure = (float[][]) images.get(1).getKernel();
      assertThat(exposure).isDeepEqualTo(map.exposureMap());
      assertThat(names.get(1)).isEqualTo("EXPOSURE");
    }
  }

  /** astropy (Debian) opens the migrated file unchanged and reads the same values. */
  static void assertAstropyReads(SkyMaps map, Path file) throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(python), "Debian's python3 with astropy");
    Process p =
        new ProcessBuilder(
                python.toString(),
                "-c",
                "import sys, numpy as np\n"
                    + "from astropy.io import fits\n"
                    + "with fits.open(sys.argv[1]) as f:\n"
                    + "    c = f[1].data if f[0].data is None else f[0].data\n"
                    + "    e = f['EXPOSURE'].data\n"
                    + "    print(c.shape[0], c.shape[1], int(c.astype(np.int64).sum()), repr(float(e.astype(np.float64).sum())), f[1].header.get('OBJECT', f[0].header.get('OBJECT')))\n",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Assumptions.assumeFalse(out.contains("No module named"), "astropy installed");
    assertThat(p.exitValue()).as(out).isZero();
    short[][] counts = map.counts();
    long sum = 0;
    for (short[] row : counts) {
      for (short v : row) {
        sum += v;
      }
    }
    double exposure = 0;
    for (float[] row : map.exposureMap()) {
      for (float v : row) {
        exposure += v;
      }
    }
    String[] parts = out.lines().reduce((a, b) -> b).orElse("").split(" ", 5);
    assertThat(Integer.parseInt(parts[0])).isEqualTo(counts.length);
    assertThat(Long.parseLong(parts[2])).isEqualTo(sum);
    assertThat(Double.parseDouble(parts[3]))
        .isCloseTo(exposure, org.assertj.core.data.Percentage.withPercentage(1e-9));
  }

  static Model aipModel(ArchiveClient api, String id, int version, String path) {
    Reply zip = api.get("/api/v1/products/" + id + "/aip?version=" + version);
    assertThat(zip.status()).as(zip.toString()).isEqualTo(200);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.getName().endsWith("/" + path)) {
          Model m = ModelFactory.createDefaultModel();
          RDFDataMgr.read(m, new ByteArrayInputStream(in.readAllBytes()), Lang.TURTLE);
          return m;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("No " + path + " in the AIP of " + id + " v" + version);
  }

  static String RDFtext(Model m) {
    java.io.StringWriter w = new java.io.StringWriter();
    m.write(w, "TURTLE");
    return w.toString();
  }

  static String fpackTool(String label, String command) {
    return String.join(
        "\n",
        "cwlVersion: v1.2",
        "class: CommandLineTool",
        "label: " + label,
        "hints:",
        "  SoftwareRequirement:",
        "    packages:",
        "      cfitsio: {version: [\"4.2.0\"]}",
        "baseCommand: " + command,
        "inputs:",
        "  input: {type: File, inputBinding: {position: 1}}",
        "outputs:",
        "  output: {type: stdout}",
        "stdout: migrated.fits",
        "");
  }

  static void assumeCwlTools() {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/cwltool"))
            && Files.isExecutable(Path.of("/usr/bin/fpack")),
        "cwltool and fpack (Debian cwltool, libcfitsio-bin) are installed by .ci/clients.sh");
  }

  static byte[] json(Object o) {
    try {
      return ArchiveClient.JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
