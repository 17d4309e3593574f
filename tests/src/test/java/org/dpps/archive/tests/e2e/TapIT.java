package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveClient.Reply;
import org.dpps.archive.tests.support.ArchiveExtension;
import org.dpps.archive.tests.support.ArchiveServer;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.Dl3Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The TAP service as astronomers' own tools see it: STILTS taplint (the IVOA validator TOPCAT's
 * author maintains) checks the whole service, pyvo runs ADQL as scientists do, and STILTS tapquery
 * (what TOPCAT does) must return the same rows. Three DL3 observations of one target and a fourth
 * under embargo are deposited first; they are found by time and energy range.
 */
@ExtendWith(ArchiveExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TapIT {
  static final String PYTHON =
      System.getenv().getOrDefault("ARCHIVE_TEST_PYTHON", "/usr/bin/python3");
  static final String STILTS = System.getenv().getOrDefault("ARCHIVE_TEST_STILTS", "stilts");

  /** hc in eV m: a photon of E TeV has the wavelength hc / (E 1e12) m. */
  static final double HC_EV_M = 1.239841984e-6;

  private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
  private final String target = "Tap-" + run;
  private final long firstObsId = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
  private final Instant firstStart =
      Instant.parse("2025-03-01T21:00:00Z")
          .plus(Duration.ofMinutes(ThreadLocalRandom.current().nextInt(0, 100_000)));
  private final List<Dl3Files> observations = new ArrayList<>();
  private Dl3Files secret;
  private ArchiveClient api;
  private String tap;

  @BeforeAll
  void depositThreeObservationsAndOneUnderEmbargo(ArchiveServer server, ArchiveClient api) {
    this.api = api;
    this.tap = server.uri("/tap").toString();
    Bags bag = Bags.aBag().inDirectory("tap-" + run);
    for (int i = 0; i < 3; i++) {
      Dl3Files obs =
          Dl3Files.observation()
              .object(target)
              .obsId(firstObsId + i)
              .pointing(83.6331 + i, 22.0145 - i)
              .start(firstStart.plus(Duration.ofDays(i)))
              .events(10, 3 + i)
              .withFullEnclosureIrfs();
      bag.withFile("data/obs_" + i + ".fits", obs.fits());
      observations.add(obs);
    }
    api.depositArchived(bag.zip(), "application/zip");
    secret =
        Dl3Files.observation()
            .object(target)
            .obsId(firstObsId + 10)
            .pointing(200.0, -40.0)
            .start(firstStart.plus(Duration.ofDays(30)))
            .withFullEnclosureIrfs();
    var sip = ArchiveClient.JSON.createObjectNode();
    sip.putObject("pipeline").put("name", "tap-it").put("version", "1");
    sip.put("embargoUntil", "2099-01-01T00:00:00Z");
    sip.put("accessGroup", "lst");
    api.depositArchived(
        Bags.aBag()
            .withFile("metadata/sip.json", sip.toString())
            .withFile("data/secret.fits", secret.fits())
            .zip(),
        "application/zip");
  }

  @Test
  void taplintFindsNoErrorInTheService() throws Exception {
    requireTool(STILTS, "-version");
    List<String> out =
        run(
            300,
            STILTS,
            "taplint",
            "tapurl=" + tap,
            "stages=TMV TME TMS TMC CPV CAP AVV QGE QPO QAS UWS MDQ OBS",
            "report=EWF",
            "maxrepeat=3");
    String totals = out.stream().filter(l -> l.startsWith("Totals:")).findFirst().orElseThrow();
    List<String> problems = out.stream().filter(l -> l.matches("^[EWF]-[A-Z]{3}-.*")).toList();
    System.out.printf("[tap] taplint %s%n", totals);
    problems.forEach(p -> System.out.printf("[tap]   %s%n", p));
    assertThat(totals)
        .as(String.join("\n", problems))
        .contains("Errors: 0;")
        .contains("Failures: 0");
  }

  @Test
  void pyvoFindsTheObservationsByTimeAndEnergyRangeAndTapqueryReturnsTheSameRows()
      throws Exception {
    requireTool(PYTHON, "-c", "import pyvo");
    double tMin = mjd(firstStart) - 0.01;
    double tMax = mjd(firstStart.plus(Duration.ofDays(1))) + 0.01;
    // the deposited effective areas are safe from 0.1 to 100 TeV: em_max is hc / 0.1 TeV
    double wavelength1TeV = HC_EV_M / 1e12;
    String adql =
        String.format(
            Locale.ROOT,
            "SELECT obs_id, t_min, em_max, dataproduct_type, calib_level, obs_publisher_did"
                + " FROM ivoa.obscore WHERE target_name = '%s' AND t_min BETWEEN %.6f AND %.6f"
                + " AND em_min < %s AND em_max > %s ORDER BY obs_id",
            target,
            tMin,
            tMax,
            wavelength1TeV,
            wavelength1TeV);

    JsonNode rows =
        python(
            """
            import json, sys, pyvo
            t = pyvo.dal.TAPService(sys.argv[1]).run_sync(sys.argv[2]).to_table()
            print(json.dumps([[str(r['obs_id']), float(r['t_min']), float(r['em_max']),
                               str(r['dataproduct_type']), int(r['calib_level']),
                               str(r['obs_publisher_did'])] for r in t]))
            """,
            tap,
            adql);

    assertThat(rows).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode r = rows.get(i);
      assertThat(r.get(0).asText()).isEqualTo(Long.toString(firstObsId + i));
      assertThat(r.get(1).asDouble())
          .isCloseTo(mjd(firstStart.plus(Duration.ofDays(i))), within(1e-6));
      assertThat(r.get(2).asDouble()).isCloseTo(HC_EV_M / 0.1e12, within(1e-24));
      assertThat(r.get(3).asText()).isEqualTo("event");
      assertThat(r.get(4).asInt()).isEqualTo(2);
      assertThat(r.get(5).asText())
          .isEqualTo("ivo://ctao.dpps/products?" + observations.get(i).productId());
    }

    // STILTS tapquery, as TOPCAT runs a query, gives the same rows
    requireTool(STILTS, "-version");
    List<String> csv =
        run(120, STILTS, "tapquery", "tapurl=" + tap, "adql=" + adql, "ofmt=csv", "sync=true");
    List<String> data = csv.stream().filter(l -> !l.isBlank()).toList();
    assertThat(data.get(0))
        .isEqualTo("obs_id,t_min,em_max,dataproduct_type,calib_level,obs_publisher_did");
    assertThat(data).hasSize(3);
    for (int i = 0; i < 2; i++) {
      String[] cells = data.get(i + 1).split(",");
      assertThat(cells[0]).isEqualTo(rows.get(i).get(0).asText());
      assertThat(Double.parseDouble(cells[1])).isEqualTo(rows.get(i).get(1).asDouble());
      assertThat(cells[5]).isEqualTo(rows.get(i).get(5).asText());
    }
  }

  @Test
  void pyvoRunsAnAsynchronousConeSearchAndStiltsTheSameSynchronously() throws Exception {
    requireTool(PYTHON, "-c", "import pyvo");
    // a cone of 1.5 degrees around the first pointing holds the first two (1.4 degrees apart)
    String adql =
        String.format(
            Locale.ROOT,
            "SELECT obs_id, DISTANCE(POINT('ICRS', s_ra, s_dec), POINT('ICRS', %s, %s)) AS sep"
                + " FROM ivoa.obscore WHERE target_name = '%s' AND 1 = CONTAINS(POINT('ICRS',"
                + " s_ra, s_dec), CIRCLE('ICRS', %s, %s, 1.5)) ORDER BY obs_id",
            observations.get(0).raPnt(),
            observations.get(0).decPnt(),
            target,
            observations.get(0).raPnt(),
            observations.get(0).decPnt());

    JsonNode rows =
        python(
            """
            import json, sys, pyvo
            job = pyvo.dal.TAPService(sys.argv[1]).submit_job(sys.argv[2])
            job.run()
            job.wait(phases=['COMPLETED', 'ERROR', 'ABORTED'], timeout=120)
            phase = job.phase
            rows = [[str(r['obs_id']), float(r['sep'])] for r in job.fetch_result().to_table()]
            job.delete()
            print(json.dumps({'phase': phase, 'rows': rows}))
            """,
            tap,
            adql);

    assertThat(rows.get("phase").asText()).isEqualTo("COMPLETED");
    JsonNode found = rows.get("rows");
    assertThat(found).hasSize(2);
    assertThat(found.get(0).get(0).asText()).isEqualTo(Long.toString(firstObsId));
    assertThat(found.get(0).get(1).asDouble()).isCloseTo(0.0, within(1e-9));
    assertThat(found.get(1).get(0).asText()).isEqualTo(Long.toString(firstObsId + 1));
    // (83.6331, 22.0145) to (84.6331, 21.0145): the great-circle separation, in degrees
    double d =
        Math.toDegrees(
            Math.acos(
                Math.sin(Math.toRadians(22.0145)) * Math.sin(Math.toRadians(21.0145))
                    + Math.cos(Math.toRadians(22.0145))
                        * Math.cos(Math.toRadians(21.0145))
                        * Math.cos(Math.toRadians(1.0))));
    assertThat(found.get(1).get(1).asDouble()).isCloseTo(d, within(1e-6));

    List<String> csv =
        run(120, STILTS, "tapquery", "tapurl=" + tap, "adql=" + adql, "ofmt=csv", "sync=false");
    // tapquery reports the job's progress (SUBMITTED, its URL, COMPLETED, DELETED) before the rows
    assertThat(csv).contains("COMPLETED", "DELETED");
    List<String> data =
        csv.subList(csv.indexOf("obs_id,sep"), csv.size()).stream()
            .filter(l -> !l.isBlank())
            .toList();
    assertThat(data).hasSize(3);
    assertThat(data.get(1)).startsWith(firstObsId + ",");
    assertThat(data.get(2)).startsWith((firstObsId + 1) + ",");
  }

  @Test
  void anEmbargoedObservationIsListedWithItsReleaseDate() {
    Reply reply =
        sync(
            "SELECT obs_id, obs_release_date FROM ivoa.obscore WHERE obs_id = '"
                + (firstObsId + 10)
                + "'",
            "csv");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.text().lines().toList())
        .containsExactly("obs_id,obs_release_date", (firstObsId + 10) + ",2099-01-01T00:00:00.000");
  }

  @Test
  void badQueriesAreVotableErrorsWithTheirCodesAndMaxrecMarksTheOverflow() {
    Reply syntax = sync("SELECT obs_id FROM ivoa.obscore LIMIT 5", "votable");
    assertThat(syntax.status()).isEqualTo(400);
    assertThat(syntax.contentType()).startsWith("application/x-votable+xml");
    assertThat(syntax.text())
        .contains("<INFO name=\"QUERY_STATUS\" value=\"ERROR\">TAP-001:")
        .contains("line 1, column 33");

    Reply internal = sync("SELECT * FROM deposit", "votable");
    assertThat(internal.status()).isEqualTo(400);
    assertThat(internal.text()).contains("TAP-002").doesNotContain("DEPOSIT");

    Reply injected =
        sync("SELECT obs_id FROM ivoa.obscore WHERE obs_id = 'x'';DROP TABLE deposit;--'", "csv");
    assertThat(injected.status()).as(injected.toString()).isEqualTo(200);
    assertThat(injected.text().strip()).isEqualTo("obs_id");

    Reply cut =
        api.anonymous()
            .get(
                "/tap/sync?LANG=ADQL&MAXREC=1&QUERY="
                    + URLEncoder.encode(
                        "SELECT obs_id FROM ivoa.obscore WHERE target_name = '" + target + "'",
                        StandardCharsets.UTF_8));
    assertThat(cut.status()).isEqualTo(200);
    String votable = cut.text();
    assertThat(votable.indexOf("value=\"OK\"")).isPositive().isLessThan(votable.indexOf("<TABLE"));
    assertThat(votable.indexOf("value=\"OVERFLOW\"")).isGreaterThan(votable.indexOf("</TABLE>"));
  }

  @Test
  void datalinklintFindsNoErrorInTheLinksOfAnObservationAndOfAnEmbargoedOne() throws Exception {
    requireTool(STILTS, "-version");
    for (long obsId : List.of(firstObsId, firstObsId + 10)) {
      Reply reply =
          sync("SELECT access_url FROM ivoa.obscore WHERE obs_id = '" + obsId + "'", "csv");
      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      String accessUrl = reply.text().lines().skip(1).findFirst().orElseThrow().strip();
      assertThat(accessUrl).contains("/datalink/links?ID=ivo%3A%2F%2F");
      List<String> out = run(120, STILTS, "datalinklint", "report=EWIF", "votable=" + accessUrl);
      String totals = out.stream().filter(l -> l.startsWith("Totals:")).findFirst().orElseThrow();
      System.out.printf("[datalink] datalinklint %s: %s%n", accessUrl, totals);
      out.stream()
          .filter(l -> l.matches("^[EWF]-[A-Z]{4}-.*"))
          .forEach(l -> System.out.printf("[datalink]   %s%n", l));
      assertThat(totals).as(String.join("\n", out)).contains("Errors: 0;").contains("Failures: 0");
      assertThat(out).anyMatch(l -> l.contains("/api/v1/products/") && l.contains("/files/"));
    }
  }

  @Test
  void pyvoResolvesTheDataLinkOfAnObservationAndDownloadsItsBytesButNotAnEmbargoedOnes()
      throws Exception {
    requireTool(PYTHON, "-c", "import pyvo");
    JsonNode result =
        python(
            """
            import hashlib, json, sys, urllib.error, urllib.request, pyvo
            from pyvo.dal.adhoc import DatalinkResults
            tap, public, embargoed = sys.argv[1:4]
            def text(v):
                return '' if v is None or str(v) == '--' else str(v)
            rows = pyvo.dal.TAPService(tap).run_sync(
                "SELECT obs_id, access_url, access_format FROM ivoa.obscore WHERE obs_id IN ('%s', '%s')"
                % (public, embargoed)).to_table()
            out = {}
            for r in rows:
                links = DatalinkResults.from_result_url(str(r['access_url']))
                this = [l for l in links if text(l['semantics']) == '#this']
                assert len(this) == 1, [text(l['semantics']) for l in links]
                link = this[0]
                doc = {'format': str(r['access_format']),
                       'semantics': sorted({text(l['semantics']) for l in links}),
                       'error': text(link['error_message']),
                       'url': text(link['access_url']),
                       'contentType': text(link['content_type']),
                       'length': int(link['content_length']),
                       'auth': text(link['link_auth']),
                       'authorized': bool(link['link_authorized'])}
                try:
                    data = link.getdataset().read()
                    doc['status'] = 200
                    doc['sha512'] = hashlib.sha512(data).hexdigest()
                    doc['size'] = len(data)
                except Exception as e:
                    try:
                        urllib.request.urlopen(doc['url'])
                        doc['status'] = 200
                    except urllib.error.HTTPError as h:
                        doc['status'] = h.code
                    doc['exception'] = type(e).__name__
                out[str(r['obs_id'])] = doc
            print(json.dumps(out))
            """,
            tap, Long.toString(firstObsId), Long.toString(firstObsId + 10));
    System.out.printf("[datalink] pyvo: %s%n", result);

    JsonNode open = result.get(Long.toString(firstObsId));
    byte[] deposited = observations.get(0).fits();
    assertThat(open.get("format").asText()).isEqualTo("application/x-votable+xml;content=datalink");
    assertThat(open.get("semantics"))
        .extracting(JsonNode::asText)
        .contains("#this", "#calibration", "#auxiliary");
    assertThat(open.get("error").asText()).isEmpty();
    assertThat(open.get("url").asText())
        .endsWith("/api/v1/products/" + observations.get(0).productId() + "/files/obs_0.fits");
    assertThat(open.get("contentType").asText()).isEqualTo("application/fits");
    assertThat(open.get("length").asLong()).isEqualTo(deposited.length);
    assertThat(open.get("status").asInt()).isEqualTo(200);
    assertThat(open.get("sha512").asText()).isEqualTo(sha512(deposited));

    JsonNode locked = result.get(Long.toString(firstObsId + 10));
    assertThat(locked.get("url").asText()).contains("/api/v1/products/" + secret.productId());
    assertThat(locked.get("auth").asText()).isEqualTo("required");
    assertThat(locked.get("authorized").asBoolean()).isFalse();
    assertThat(locked.get("status").asInt()).isEqualTo(401);
    assertThat(locked.has("sha512")).isFalse();
  }

  static String sha512(byte[] bytes) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-512").digest(bytes));
  }

  private Reply sync(String adql, String format) {
    return api.anonymous()
        .post(
            "/tap/sync",
            "application/x-www-form-urlencoded",
            ("LANG=ADQL&RESPONSEFORMAT="
                    + format
                    + "&QUERY="
                    + URLEncoder.encode(adql, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
  }

  static double mjd(Instant t) {
    return 40587.0 + (t.getEpochSecond() + t.getNano() / 1e9) / 86_400.0;
  }

  /** Skips without the tool on a developer machine; fails in CI, which installs it. */
  private static void requireTool(String... command) throws Exception {
    boolean available;
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      available = false;
    }
    if ("true".equals(System.getenv("CI"))) {
      assertThat(available).as("CI must provide %s (.ci/clients.sh)", command[0]).isTrue();
    }
    Assumptions.assumeTrue(available, command[0] + " is not available");
  }

  private static List<String> run(int seconds, String... command) throws Exception {
    Path out = Files.createTempFile("tap-it", ".out");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    List<String> lines = Files.readAllLines(out);
    Files.delete(out);
    assertThat(p.exitValue()).as("%s exit code; output:%n%s", command[0], lines).isZero();
    return lines;
  }

  private static JsonNode python(String script, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
    command.addAll(List.of(args));
    List<String> lines = run(120, command.toArray(String[]::new));
    List<String> nonBlank = lines.stream().filter(l -> !l.isBlank()).toList();
    return ArchiveClient.JSON.readTree(nonBlank.get(nonBlank.size() - 1));
  }
}
