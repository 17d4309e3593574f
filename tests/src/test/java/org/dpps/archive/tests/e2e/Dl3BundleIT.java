package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dpps.archive.tests.support.ArchiveClient.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveClient.Reply;
import org.dpps.archive.tests.support.ArchiveExtension;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.Dl3Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * DL3 bundles through the real application: three full-enclosure observations of one target (one of
 * them {@code .fits.gz}) and a fourth under embargo until 2099 are deposited; the bundle of a
 * search for the target is unzipped and checked against the deposited bytes, its two index tables
 * against the HDUs that really are in the files, and then opened by gammapy itself.
 */
@ExtendWith(ArchiveExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Dl3BundleIT {
  /** Debian's python3 with python3-gammapy (CI installs it; .ci/clients.sh). */
  static final String PYTHON =
      System.getenv().getOrDefault("ARCHIVE_TEST_PYTHON", "/usr/bin/python3");

  private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
  private final String target = "Bundle-" + run;
  private final long firstObsId = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);

  private ArchiveClient api;
  private final List<Dl3Files> observations = new ArrayList<>();
  private final Map<String, byte[]> depositedBytes = new LinkedHashMap<>();
  private final Map<String, String> depositedPath = new LinkedHashMap<>();
  private final Map<Long, Integer> eventsOf = new LinkedHashMap<>();
  private Dl3Files embargoed;

  @BeforeAll
  void depositThreeObservationsAndOneUnderEmbargo(ArchiveClient api) {
    this.api = api;
    Bags bag =
        Bags.aBag()
            .inDirectory("bundle-" + run)
            .withFile("metadata/sip.json", sipJson("2000-01-01T00:00:00Z"));
    for (int i = 0; i < 3; i++) {
      int events = 20 + 10 * i;
      Dl3Files obs =
          Dl3Files.observation()
              .object(target)
              .obsId(firstObsId + i)
              .pointing(83.6331 + i, 22.0145 - i)
              .start(Instant.parse("2024-11-20T22:00:00Z").plus(Duration.ofDays(i)))
              .events(events, 7 + i)
              .withFullEnclosureIrfs();
      String path = i == 1 ? "obs/obs_" + i + ".fits.gz" : "obs/obs_" + i + ".fits";
      byte[] bytes = i == 1 ? obs.fitsGz() : obs.fits();
      bag.withFile("data/" + path, bytes);
      observations.add(obs);
      depositedBytes.put(obs.productId(), bytes);
      depositedPath.put(obs.productId(), path);
      eventsOf.put(obs.obsId(), events);
    }
    api.depositArchived(bag.zip(), "application/zip");

    embargoed =
        Dl3Files.observation().object(target).obsId(firstObsId + 10).withFullEnclosureIrfs();
    api.depositArchived(
        Bags.aBag()
            .withFile("metadata/sip.json", sipJson("2099-01-01T00:00:00Z"))
            .withFile("data/secret.fits", embargoed.fits())
            .zip(),
        "application/zip");
  }

  private static String sipJson(String embargoUntil) {
    var json = ArchiveClient.JSON.createObjectNode();
    json.putObject("pipeline").put("name", "dl3-bundle-it").put("version", "1");
    json.put("embargoUntil", embargoUntil);
    json.put("accessGroup", "lst");
    return json.toString();
  }

  @Test
  void theBundleHoldsTheArchivedFilesAndIndexTablesThatListExactlyTheirHdus(@TempDir Path dir)
      throws Exception {
    Reply reply = api.anonymous().get("/api/v1/bundles/dl3?level=DL3&target=" + target);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/zip");
    assertThat(reply.header("Content-Disposition"))
        .hasValueSatisfying(
            d -> assertThat(d).matches("attachment; filename=\"dl3-bundle-\\d{8}T\\d{6}Z\\.zip\""));
    Set<String> entries = unzip(reply.body(), dir);
    Set<String> expected =
        new TreeSet<>(Set.of("dl3/README.txt", "dl3/obs-index.fits.gz", "dl3/hdu-index.fits.gz"));
    depositedPath.forEach((id, path) -> expected.add("dl3/data/" + id + "/" + path));
    assertThat(entries).isEqualTo(expected);

    // the files are the archived bytes
    for (var e : depositedBytes.entrySet()) {
      Path file = dir.resolve("dl3/data/" + e.getKey() + "/" + depositedPath.get(e.getKey()));
      assertThat(Bags.sha512(Files.readAllBytes(file)))
          .as("sha512 of %s", file)
          .isEqualTo(Bags.sha512(e.getValue()));
    }

    // every HDU listed is in its file with that class; every GADF HDU of the files is listed
    BinaryTableHDU hduIndex = table(dir.resolve("dl3/hdu-index.fits.gz"));
    assertThat(hduIndex.getHeader().getStringValue("EXTNAME")).isEqualTo("HDU_INDEX");
    assertThat(hduIndex.getHeader().getStringValue("HDUCLASS")).isEqualTo("GADF");
    assertThat(hduIndex.getHeader().getStringValue("HDUCLAS1")).isEqualTo("INDEX");
    assertThat(hduIndex.getHeader().getStringValue("HDUCLAS2")).isEqualTo("HDU");
    Set<String> listed = new TreeSet<>();
    Map<Long, Set<String>> typesOf = new HashMap<>();
    for (int row = 0; row < hduIndex.getNRows(); row++) {
      long obsId = ((long[]) hduIndex.getColumn("OBS_ID"))[row];
      String type = string(hduIndex, row, "HDU_TYPE");
      String hduClass = string(hduIndex, row, "HDU_CLASS");
      String file = string(hduIndex, row, "FILE_DIR") + "/" + string(hduIndex, row, "FILE_NAME");
      String name = string(hduIndex, row, "HDU_NAME");
      Header h = extension(dir.resolve("dl3").resolve(file), name);
      assertThat(h).as("HDU %s of %s", name, file).isNotNull();
      assertThat(classOf(h)).as("class of %s in %s", name, file).isEqualTo(type + "/" + hduClass);
      assertThat(listed.add(file + "#" + name)).as("listed once: %s#%s", file, name).isTrue();
      typesOf.computeIfAbsent(obsId, k -> new TreeSet<>()).add(type);
    }
    Set<String> present = new TreeSet<>();
    for (var e : depositedPath.entrySet()) {
      String file = "data/" + e.getKey() + "/" + e.getValue();
      gadfExtensions(dir.resolve("dl3").resolve(file)).forEach(n -> present.add(file + "#" + n));
    }
    assertThat(listed).isEqualTo(present).hasSize(18);
    assertThat(typesOf.keySet()).isEqualTo(eventsOf.keySet());
    assertThat(typesOf.values())
        .allSatisfy(
            t ->
                assertThat(t)
                    .containsExactlyInAnyOrder("events", "gti", "aeff", "edisp", "psf", "bkg"));

    // one observation row per observation, with what its events header says
    BinaryTableHDU obsIndex = table(dir.resolve("dl3/obs-index.fits.gz"));
    Header oh = obsIndex.getHeader();
    assertThat(oh.getStringValue("EXTNAME")).isEqualTo("OBS_INDEX");
    assertThat(oh.getStringValue("HDUCLAS2")).isEqualTo("OBS");
    assertThat(oh.getStringValue("HDUDOC")).contains("gamma-astro-data-formats");
    assertThat(oh.getLongValue("MJDREFI")).isEqualTo(51910);
    assertThat(oh.getDoubleValue("MJDREFF")).isCloseTo(7.428703703703703E-4, within(1e-15));
    assertThat(oh.getStringValue("TIMESYS")).isEqualTo("TT");
    assertThat(oh.getStringValue("TIMEUNIT")).isEqualTo("s");
    assertThat(oh.getStringValue("TIMEREF")).isEqualTo("TOPOCENTER");
    assertThat(obsIndex.getNRows()).isEqualTo(3);
    long[] ids = (long[]) obsIndex.getColumn("OBS_ID");
    for (int row = 0; row < 3; row++) {
      long obsId = ids[row];
      Dl3Files obs =
          observations.stream().filter(o -> o.obsId() == obsId).findFirst().orElseThrow();
      double tstart = Duration.between(Dl3Files.TIME_REFERENCE, obs.start()).toMillis() / 1000.0;
      assertThat(value(obsIndex, "RA_PNT", row)).isEqualTo(obs.raPnt());
      assertThat(value(obsIndex, "DEC_PNT", row)).isEqualTo(obs.decPnt());
      assertThat(value(obsIndex, "TSTART", row)).isEqualTo(tstart);
      assertThat(value(obsIndex, "TSTOP", row)).isEqualTo(tstart + 1800);
      assertThat(value(obsIndex, "ONTIME", row)).isEqualTo(1800);
      assertThat(value(obsIndex, "LIVETIME", row)).isEqualTo(1710);
      assertThat(value(obsIndex, "DEADC", row)).isEqualTo(0.95);
      assertThat(string(obsIndex, row, "OBJECT")).isEqualTo(target);
      assertThat(((long[]) obsIndex.getColumn("EVENT_COUNT"))[row])
          .isEqualTo((long) eventsOf.get(obsId));
    }
  }

  @Test
  void gammapyOpensTheUnzippedBundleAsADataStore(@TempDir Path dir) throws Exception {
    requireGammapy();
    Reply reply = api.anonymous().get("/api/v1/bundles/dl3?target=" + target);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    unzip(reply.body(), dir);
    String script =
        String.join(
            "\n",
            "import json, sys",
            "from gammapy.data import DataStore",
            "ds = DataStore.from_dir(sys.argv[1])",
            "obs = ds.get_observations()",
            "print(json.dumps({",
            "  'count': len(obs),",
            "  'obsIndex': sorted(int(i) for i in ds.obs_table['OBS_ID']),",
            "  'events': {str(o.obs_id): len(o.events.table) for o in obs},",
            "  'aeff': {str(o.obs_id): [list(o.aeff.data.shape), float(o.aeff.data.sum())]"
                + " for o in obs},",
            "  'irfs': {str(o.obs_id): [type(o.edisp).__name__, type(o.psf).__name__,"
                + " type(o.bkg).__name__] for o in obs},",
            "}))");

    JsonNode out = python(script, dir.resolve("dl3"));

    assertThat(out.path("count").asInt()).isEqualTo(3);
    List<Long> obsIndex = new ArrayList<>();
    out.path("obsIndex").forEach(n -> obsIndex.add(n.asLong()));
    assertThat(obsIndex).containsExactlyInAnyOrderElementsOf(eventsOf.keySet());
    Map<Long, Integer> events = new HashMap<>();
    out.path("events")
        .fields()
        .forEachRemaining(e -> events.put(Long.parseLong(e.getKey()), e.getValue().asInt()));
    assertThat(events).isEqualTo(eventsOf);
    for (long obsId : eventsOf.keySet()) {
      JsonNode aeff = out.path("aeff").path(String.valueOf(obsId));
      assertThat(aeff.path(0).toString()).isEqualTo("[3,2]");
      assertThat(aeff.path(1).asDouble()).isEqualTo(120_000.0);
      assertThat(out.path("irfs").path(String.valueOf(obsId)).toString())
          .isEqualTo("[\"EnergyDispersion2D\",\"PSF3D\",\"Background3D\"]");
    }
  }

  @Test
  void anEmbargoedProductIsLeftOutForAnonymousCallersAndNamedInTheReadme(@TempDir Path dir) {
    Reply reply = api.anonymous().get("/api/v1/bundles/dl3?target=" + target);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);

    Set<String> entries = unzip(reply.body(), dir);

    assertThat(entries).noneMatch(e -> e.contains(embargoed.productId()));
    String readme = readString(dir.resolve("dl3/README.txt"));
    assertThat(readme)
        .contains("Requested by: anonymous")
        .contains("Search:       target=" + target)
        .contains("Matched:      4 products with DL3 event lists")
        .contains("Included:     3 products, 3 observations, 3 files")
        .contains("Left out:     1 under embargo, 0 not usable")
        .contains(embargoed.productId() + "  released 2099-01-01T00:00:00Z");
    for (var e : depositedBytes.entrySet()) {
      assertThat(readme)
          .contains(
              Bags.sha512(e.getValue())
                  + "  dl3/data/"
                  + e.getKey()
                  + "/"
                  + depositedPath.get(e.getKey()));
    }
  }

  @Test
  void membersOfTheAccessGroupGetTheEmbargoedObservationToo(@TempDir Path dir) throws Exception {
    ArchiveClient member = api.withToken(api.issueToken("bundle-" + run, "scientist", "lst"));

    Reply reply = member.get("/api/v1/bundles/dl3?target=" + target);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    Set<String> entries = unzip(reply.body(), dir);

    assertThat(entries).contains("dl3/data/" + embargoed.productId() + "/secret.fits");
    assertThat(
            Bags.sha512(
                Files.readAllBytes(
                    dir.resolve("dl3/data/" + embargoed.productId() + "/secret.fits"))))
        .isEqualTo(Bags.sha512(embargoed.fits()));
    BinaryTableHDU obsIndex = table(dir.resolve("dl3/obs-index.fits.gz"));
    Set<Long> ids = new TreeSet<>();
    for (long id : (long[]) obsIndex.getColumn("OBS_ID")) {
      ids.add(id);
    }
    Set<Long> all = new TreeSet<>(eventsOf.keySet());
    all.add(embargoed.obsId());
    assertThat(ids).isEqualTo(all);
    assertThat(readString(dir.resolve("dl3/README.txt")))
        .contains("Included:     4 products, 4 observations, 4 files")
        .contains("Left out:     0 under embargo");
  }

  @Test
  void aSearchThatFindsNothingGivesAZipWithOnlyTheReadme(@TempDir Path dir) {
    Reply reply = api.anonymous().get("/api/v1/bundles/dl3?target=nothing-" + run);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(unzip(reply.body(), dir)).containsExactly("dl3/README.txt");
    assertThat(readString(dir.resolve("dl3/README.txt")))
        .contains("Matched:      0 products")
        .contains("No DL3 observation matched this search");
  }

  @Test
  void badSearchParametersAreProblemsBeforeAnyZip() {
    ArchiveClient anonymous = api.anonymous();
    assertThat(
            assertProblem(
                    anonymous.get("/api/v1/bundles/dl3?ra=east&dec=0&radius=1"), 400, "ACCESS-004")
                .path("detail")
                .asText())
        .contains("ra must be a number");
    assertProblem(anonymous.get("/api/v1/bundles/dl3?ra=10"), 400, "ACCESS-004");
    assertProblem(anonymous.get("/api/v1/bundles/dl3?year=soon"), 400, "ACCESS-004");
    assertProblem(anonymous.get("/api/v1/bundles/dl3?sort=size"), 400, "ACCESS-004");
    assertProblem(
        anonymous.get("/api/v1/bundles/dl3?from=2025-01-01&to=2024-01-01"), 400, "ACCESS-004");
  }

  @Test
  void theSearchFindsTheObservationsWithTheirEmbargo() {
    JsonNode result = api.anonymous().search(Map.of("target", target, "sort", "-time"));

    assertThat(result.path("total").asInt()).isEqualTo(4);
    List<String> order = new ArrayList<>();
    result.path("hits").forEach(h -> order.add(h.path("productId").asText()));
    // the embargoed one has the default start (2024-11-20T22:00Z), like observation 0
    assertThat(order.subList(0, 2))
        .containsExactly(observations.get(2).productId(), observations.get(1).productId());
    for (JsonNode hit : result.path("hits")) {
      String id = hit.path("productId").asText();
      if (id.equals(embargoed.productId())) {
        assertThat(hit.path("embargoedUntil").asText()).isEqualTo("2099-01-01T00:00:00Z");
      } else {
        assertThat(
                hit.path("embargoedUntil").isMissingNode() || hit.path("embargoedUntil").isNull())
            .as("released product %s: %s", id, hit)
            .isTrue();
      }
    }
  }

  // ------------------------------------------------------------------------------------ helpers

  /** Unzips into {@code dir}; refuses entries that would escape it. Returns the file names. */
  private static Set<String> unzip(byte[] zip, Path dir) {
    Set<String> names = new TreeSet<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path target = dir.resolve(e.getName()).normalize();
        assertThat(target.startsWith(dir)).as("entry %s stays in the bundle", e.getName()).isTrue();
        assertThat(names.add(e.getName())).as("entry %s once", e.getName()).isTrue();
        Files.createDirectories(target.getParent());
        Files.copy(in, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  private static BinaryTableHDU table(Path gz) throws Exception {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
        Fits fits = new Fits(in)) {
      BinaryTableHDU table = (BinaryTableHDU) fits.getHDU(1);
      table.getData().getData();
      return table;
    }
  }

  /** The header of the extension named {@code name} (first of that name), or null. */
  private static Header extension(Path file, String name) throws Exception {
    try (Fits fits = new Fits(file.toFile())) {
      BasicHDU<?>[] hdus = fits.read();
      for (int i = 1; i < hdus.length; i++) {
        if (name.equalsIgnoreCase(hdus[i].getHeader().getStringValue("EXTNAME"))) {
          return hdus[i].getHeader();
        }
      }
    }
    return null;
  }

  /** Names of the extensions of a file that declare {@code HDUCLASS=GADF}. */
  private static List<String> gadfExtensions(Path file) throws Exception {
    List<String> names = new ArrayList<>();
    try (Fits fits = new Fits(file.toFile())) {
      BasicHDU<?>[] hdus = fits.read();
      for (int i = 1; i < hdus.length; i++) {
        if ("GADF".equals(hdus[i].getHeader().getStringValue("HDUCLASS"))) {
          names.add(hdus[i].getHeader().getStringValue("EXTNAME"));
        }
      }
    }
    return names;
  }

  /** {@code type/class} of an HDU as the GADF header keys say (HDUCLAS1, 2 and 4). */
  private static String classOf(Header h) {
    String c1 = h.getStringValue("HDUCLAS1");
    if (!"RESPONSE".equals(c1)) {
      return c1.toLowerCase(Locale.ROOT) + "/" + c1.toLowerCase(Locale.ROOT);
    }
    String type =
        switch (h.getStringValue("HDUCLAS2")) {
          case "EFF_AREA" -> "aeff";
          case "EDISP" -> "edisp";
          case "PSF" -> "psf";
          case "BKG" -> "bkg";
          default -> "?";
        };
    return type + "/" + h.getStringValue("HDUCLAS4").toLowerCase(Locale.ROOT);
  }

  private static String string(BinaryTableHDU table, int row, String column) {
    try {
      return ((String) table.getData().getElement(row, table.findColumn(column))).strip();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static double value(BinaryTableHDU table, String column, int row) {
    return ((double[]) table.getColumn(column))[row];
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Skips the test without python3 + gammapy on a developer machine; fails in CI ({@code CI=true}),
   * which installs python3-gammapy, so that the test cannot pass by not running.
   */
  private static void requireGammapy() throws Exception {
    boolean available;
    try {
      Process p =
          new ProcessBuilder(PYTHON, "-c", "import gammapy").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      available = false;
    }
    if ("true".equals(System.getenv("CI"))) {
      assertThat(available).as("CI must provide %s with gammapy (.ci/clients.sh)", PYTHON).isTrue();
    }
    Assumptions.assumeTrue(available, PYTHON + " cannot import gammapy");
  }

  /** Runs a Python script with {@code arg}; its last line of output is JSON. */
  private static JsonNode python(String script, Path arg) throws Exception {
    Path stderr = Files.createTempFile("gammapy", ".log");
    Process p =
        new ProcessBuilder(PYTHON, "-c", script, arg.toString())
            .redirectError(stderr.toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("gammapy finished").isTrue();
    assertThat(p.exitValue())
        .as("gammapy exit code; output:%n%s%n%s", out, Files.readString(stderr))
        .isZero();
    Files.delete(stderr);
    List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
    return ArchiveClient.JSON.readTree(lines.get(lines.size() - 1));
  }
}
