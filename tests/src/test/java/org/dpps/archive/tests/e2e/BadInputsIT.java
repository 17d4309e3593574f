package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.tests.support.ArchiveClient.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveClient.Reply;
import org.dpps.archive.tests.support.ArchiveExtension;
import org.dpps.archive.tests.support.ArchiveServer;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.DiskSnapshot;
import org.dpps.archive.tests.support.Dl3Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and broken inputs. Each one must be answered with its stable problem code (at once as
 * {@code application/problem+json}, or as the REJECTED deposit's problem), and must leave archival
 * storage exactly as it was, leave nothing of the deposit in staging, write nothing outside the
 * archive's directories, and leave the server healthy.
 */
@ExtendWith(ArchiveExtension.class)
class BadInputsIT {
  private ArchiveClient api;
  private ArchiveServer server;
  private DiskSnapshot ocflBefore;
  private Set<String> stagingBefore;
  private final String unique = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void snapshot(ArchiveClient api, ArchiveServer server) throws IOException {
    this.api = api;
    this.server = server;
    ocflBefore = DiskSnapshot.of(server.ocflRoot());
    stagingBefore = stagingEntries();
  }

  // ------------------------------------------------------------- refused while unpacking (at once)

  @ParameterizedTest
  @ValueSource(strings = {"../evil-%s.txt", "../../evil-%s.txt", "data/../../../evil-%s.txt"})
  void zipSlipEntryIsRefusedAndWritesNothingOutsideTheBag(String pattern) throws IOException {
    String name = String.format(pattern, unique);
    byte[] zip =
        Bags.aBag()
            .inDirectory("bag")
            .withFile("data/obs.fits", Dl3Files.observation().fits())
            .withRawEntry(name, "pwned".getBytes())
            .zip();
    JsonNode problem = assertProblem(api.deposit(zip, "application/zip"), 400, "INGEST-004");
    assertThat(problem.path("path").asText()).isEqualTo(name);
    assertUntouched(depositOf(problem));
    assertNoFileNamed("evil-" + unique + ".txt");
  }

  @Test
  void aManifestEntryOutsideTheBagIsRefusedWithoutShowingAServerPath(ArchiveServer server) {
    byte[] zip =
        Bags.aBag()
            .inDirectory("bag")
            .withFile("data/obs.fits", Dl3Files.observation().fits())
            .withManifestEntry("data/../../../../etc/passwd", "00".repeat(64))
            .zip();
    JsonNode deposit = api.depositRejected(zip, "application/zip");
    JsonNode problem = deposit.path("problems").path(0);
    assertThat(problem.path("code").asText()).as("%s", deposit).isEqualTo("INGEST-004");
    String shown = problem.toString();
    assertThat(shown)
        .doesNotContain(server.home().toAbsolutePath().toString())
        .doesNotContain("staging")
        .doesNotContain("malicious");
    assertThat(problem.path("path").asText()).endsWith("etc/passwd").doesNotStartWith("/");
  }

  @Test
  void absoluteEntryPathIsRefused() throws IOException {
    String name = "/tmp/evil-" + unique + ".txt";
    byte[] zip =
        Bags.aBag()
            .withFile("data/obs.fits", Dl3Files.observation().fits())
            .withRawEntry(name, "pwned".getBytes())
            .zip();
    JsonNode problem = assertProblem(api.deposit(zip, "application/zip"), 400, "INGEST-004");
    assertThat(problem.path("path").asText()).isEqualTo(name);
    assertThat(Path.of(name)).doesNotExist();
    assertUntouched(depositOf(problem));
    assertNoFileNamed("evil-" + unique + ".txt");
  }

  @Test
  void backslashEntryPathIsRefused() throws IOException {
    String name = "data\\..\\..\\evil-" + unique + ".txt";
    byte[] zip =
        Bags.aBag()
            .withFile("data/obs.fits", Dl3Files.observation().fits())
            .withRawEntry(name, "pwned".getBytes())
            .zip();
    JsonNode problem = assertProblem(api.deposit(zip, "application/zip"), 400, "INGEST-004");
    // a zip made on a FAT platform may have its backslashes read as separators
    assertThat(problem.path("path").asText()).isIn(name, name.replace('\\', '/'));
    assertUntouched(depositOf(problem));
    assertNoFileNamed("evil-" + unique + ".txt");
  }

  @Test
  void symlinkInATarIsRefused() throws IOException {
    byte[] tar =
        Bags.aBag()
            .inDirectory("bag")
            .withFile("data/obs.fits", Dl3Files.observation().fits())
            .tarWithSymlink("bag/data/passwd.fits", "/etc/passwd");
    JsonNode problem = assertProblem(api.deposit(tar, "application/x-tar"), 400, "INGEST-004");
    assertThat(problem.path("path").asText()).isEqualTo("bag/data/passwd.fits");
    assertUntouched(depositOf(problem));
    assertNoFileNamed("passwd.fits");
  }

  @Test
  void symlinkInAZipIsRefused() throws IOException {
    byte[] zip =
        Bags.aBag()
            .inDirectory("bag")
            .withFile("data/obs.fits", Dl3Files.observation().fits())
            .zipWithSymlink("bag/data/shadow.fits", "/etc/shadow");
    JsonNode problem = assertProblem(api.deposit(zip, "application/zip"), 400, "INGEST-004");
    assertThat(problem.path("path").asText()).isEqualTo("bag/data/shadow.fits");
    assertUntouched(depositOf(problem));
    assertNoFileNamed("shadow.fits");
  }

  @Test
  void randomBytesAreNotAZip() throws IOException {
    byte[] noise = new byte[64 * 1024];
    new Random(7).nextBytes(noise);
    JsonNode problem = assertProblem(api.deposit(noise, "application/zip"), 400, "INGEST-003");
    String id = depositOf(problem);
    assertUntouched(id);
    JsonNode deposit = api.get("/api/v1/deposits/" + id).json();
    assertThat(deposit.path("state").asText()).isEqualTo("REJECTED");
    assertThat(deposit.path("problems").get(0).path("code").asText()).isEqualTo("INGEST-003");
  }

  @Test
  void unsupportedMediaTypeIsRefusedBeforeAnythingIsRecorded() throws IOException {
    Reply reply = api.deposit(Bags.aBag().withFile("data/a.txt", "a").zip(), "text/plain");
    JsonNode problem = assertProblem(reply, 415, "INGEST-001");
    assertThat(
            problem.has("instance")
                && problem.path("instance").asText().startsWith("/api/v1/deposits/"))
        .as("no deposit is recorded for a media type the archive does not take")
        .isFalse();
    assertUntouched(null);
  }

  @Test
  void zipBombIsStoppedByTheCompressionRatio() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setLevel(Deflater.BEST_COMPRESSION);
      zip.putNextEntry(new ZipEntry("bagit.txt"));
      zip.write("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".getBytes());
      zip.putNextEntry(new ZipEntry("data/zeros.fits"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 16; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    byte[] bomb = bytes.toByteArray();
    assertThat(bomb.length).as("16 MiB of zeros deflated").isLessThan(64 * 1024);
    JsonNode problem = assertProblem(api.deposit(bomb, "application/zip"), 400, "INGEST-006");
    assertThat(problem.path("path").asText()).isEqualTo("data/zeros.fits");
    assertUntouched(depositOf(problem));
  }

  @Test
  void tooManyEntriesAreRefused() throws IOException {
    Bags bag = Bags.aBag();
    for (int i = 0; i <= ArchiveExtension.MAX_ENTRIES; i++) {
      bag.withFile("data/f" + i + ".txt", "x" + i);
    }
    JsonNode problem = assertProblem(api.deposit(bag.zip(), "application/zip"), 413, "INGEST-005");
    assertUntouched(depositOf(problem));
  }

  @Test
  void uploadLargerThanTheLimitIsRefused() throws IOException {
    byte[] big = new byte[(int) ArchiveExtension.MAX_UPLOAD_BYTES + 64 * 1024];
    new Random(3).nextBytes(big);
    byte[] zip = Bags.aBag().withFile("data/big.bin", big).zip();
    JsonNode problem = assertProblem(api.deposit(zip, "application/zip"), 413, "INGEST-002");
    assertUntouched(depositOf(problem));
  }

  // ------------------------------------------------------- found while validating (REJECTED
  // deposit)

  @Test
  void bagWithoutBagitTxtIsNotABag() throws IOException {
    JsonNode problem =
        rejected(
            Bags.aBag()
                .withoutBagitTxt()
                .withFile("data/obs.fits", Dl3Files.observation().fits())
                .zip(),
            "INGEST-007");
    assertThat(problem.path("path").asText()).isEqualTo("bagit.txt");
  }

  @Test
  void manifestListingAMissingFileIsIncomplete() throws IOException {
    JsonNode problem =
        rejected(
            Bags.aBag()
                .inDirectory("bag")
                .withFile("data/obs.fits", Dl3Files.observation().fits())
                .withManifestEntry("data/missing.fits", Bags.sha512(new byte[0]))
                .zip(),
            "INGEST-008");
    assertThat(problem.path("path").asText()).isEqualTo("data/missing.fits");
  }

  @Test
  void payloadFileMissingFromTheManifestIsIncomplete() throws IOException {
    JsonNode problem =
        rejected(
            Bags.aBag()
                .withFile("data/obs.fits", Dl3Files.observation().fits())
                .withFile("data/extra.fits", Dl3Files.observation().fits())
                .withoutManifestEntry("data/extra.fits")
                .zip(),
            "INGEST-008");
    assertThat(problem.path("path").asText()).isEqualTo("data/extra.fits");
  }

  @Test
  void wrongPayloadOxumIsIncomplete() throws IOException {
    JsonNode problem =
        rejected(
            Bags.aBag()
                .withFile("data/obs.fits", Dl3Files.observation().fits())
                .withPayloadOxum("1.1")
                .zip(),
            "INGEST-008");
    assertThat(problem.path("path").asText()).isEqualTo("bag-info.txt");
  }

  @Test
  void fetchTxtIsNotAccepted() throws IOException {
    JsonNode problem =
        rejected(
            Bags.aBag()
                .withFile("data/obs.fits", Dl3Files.observation().fits())
                .withFile("fetch.txt", "https://example.org/remote.fits 2880 data/remote.fits\n")
                .zip(),
            "INGEST-008");
    assertThat(problem.path("path").asText()).isEqualTo("fetch.txt");
  }

  @Test
  void wrongChecksumIsAMismatchWithThePath() throws IOException {
    byte[] fits = Dl3Files.observation().fits();
    byte[] other = fits.clone();
    other[other.length - 1] ^= 1;
    JsonNode problem =
        rejected(
            Bags.aBag()
                .inDirectory("bag")
                .withFile("data/obs.fits", fits)
                .withManifestEntry("data/obs.fits", Bags.sha512(other))
                .zip(),
            "INGEST-009");
    assertThat(problem.path("path").asText()).isEqualTo("data/obs.fits");
    assertThat(problem.path("detail").asText()).contains(Bags.sha512(other));
  }

  @Test
  void sipJsonWithoutPipelineIsInvalid() throws IOException {
    JsonNode problem =
        rejected(
            Bags.aBag()
                .withFile("data/obs.fits", Dl3Files.observation().fits())
                .withFile("metadata/sip.json", "{\"description\": \"no pipeline\"}")
                .zip(),
            "INGEST-010");
    assertThat(problem.path("path").asText()).isEqualTo("metadata/sip.json");
    assertThat(problem.path("detail").asText()).contains("pipeline");
  }

  @Test
  void garbageNamedFitsIsFormatInvalid() throws IOException {
    byte[] garbage = new byte[5000];
    new Random(11).nextBytes(garbage);
    JsonNode problem =
        rejected(
            Bags.aBag()
                .withFile("data/good.fits", Dl3Files.observation().fits())
                .withFile("data/obs.fits", garbage)
                .zip(),
            "INGEST-013");
    assertThat(problem.path("path").asText()).isEqualTo("data/obs.fits");
    assertThat(problem.path("detail").asText())
        .as("the problem does not reveal the archive's directories")
        .doesNotContain(server.home().toString());
  }

  @Test
  void objectNameOfThreeHundredCharactersIsTooLong() throws IOException {
    String object = "Crab-" + "x".repeat(295);
    JsonNode problem =
        rejected(
            Bags.aBag()
                .withFile("data/obs.fits", Dl3Files.observation().object(object).fits())
                .zip(),
            "INGEST-017");
    assertThat(problem.path("path").asText()).isEqualTo("data/obs.fits");
    assertThat(problem.path("detail").asText()).contains("OBJECT");
  }

  // --------------------------------------------------------------------- other refused requests

  @ParameterizedTest
  @ValueSource(strings = {"../../etc", "..", "/etc", "does-not-exist"})
  void stagedPathOutsideTheInboxOrMissingIsRefused(String stagedPath) throws IOException {
    Files.createDirectories(server.inbox());
    JsonNode problem = assertProblem(api.depositStaged(stagedPath), 400, "INGEST-011");
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertUntouched(null);
  }

  @Test
  void stagedPathThatIsALinkOutOfTheInboxIsRefused() throws IOException {
    Files.createDirectories(server.inbox());
    Path link = server.inbox().resolve("link-" + unique);
    Files.createSymbolicLink(link, server.home().getParent());
    try {
      JsonNode problem =
          assertProblem(api.depositStaged(link.getFileName().toString()), 400, "INGEST-011");
      assertThat(problem.path("detail").asText()).doesNotContain(server.home().toString());
      assertUntouched(null);
    } finally {
      Files.delete(link);
    }
  }

  @Test
  void stagedBagHoldingASymlinkIsRefusedAndTheLinkIsNotFollowed() throws IOException {
    String name = "linked-bag-" + unique;
    Path bag =
        Bags.aBag()
            .withFile("data/obs.fits", Dl3Files.observation().fits())
            .writeTo(server.inbox().resolve(name));
    Path secret = server.runDir().resolve("secret-" + unique + ".txt");
    Files.writeString(secret, "not for the archive");
    Path link = Files.createSymbolicLink(bag.resolve("data/secret.fits"), secret);
    try {
      JsonNode problem = assertProblem(api.depositStaged(name), 400, "INGEST-004");
      assertThat(problem.path("path").asText()).isEqualTo("data/secret.fits");
      assertUntouched(depositOf(problem));
      assertThat(DiskSnapshot.find(server.staging(), "secret.fits")).isEmpty();
    } finally {
      Files.delete(link);
    }
  }

  @Test
  void depositBodyWithoutStagedPathIsABadRequest() throws IOException {
    assertProblem(
        api.post("/api/v1/deposits", "application/json", "{\"path\": \"x\"}".getBytes()),
        400,
        "INGEST-015");
    assertProblem(
        api.post("/api/v1/deposits", "application/json", "{not json".getBytes()),
        400,
        "INGEST-015");
    assertUntouched(null);
  }

  @Test
  void unknownDepositIsNotFound() {
    assertProblem(api.get("/api/v1/deposits/" + UUID.randomUUID()), 404, "INGEST-014");
  }

  @Test
  void badSearchParametersAreRefused() {
    assertProblem(api.get("/api/v1/search?ra=abc&dec=0&radius=1"), 400, "ACCESS-004");
    assertProblem(api.get("/api/v1/search?ra=10&dec=95&radius=1"), 400, "ACCESS-004");
    assertProblem(api.get("/api/v1/search?ra=10&dec=0"), 400, "ACCESS-004");
    assertProblem(api.get("/api/v1/search?from=yesterday"), 400, "ACCESS-004");
    assertProblem(api.get("/api/v1/search?size=100000"), 400, "ACCESS-004");
  }

  @Test
  void sparqlUpdateIsRefusedAndChangesNothing() throws IOException {
    String triple = "<urn:e2e:" + unique + "> <urn:e2e:p> \"x\"";
    Reply reply =
        api.post(
            "/api/v1/sparql",
            "application/sparql-query",
            ("INSERT DATA { " + triple + " }").getBytes());
    assertProblem(reply, 400, "ACCESS-005");
    assertProblem(
        api.post("/api/v1/sparql", "application/sparql-query", "DROP ALL".getBytes()),
        400,
        "ACCESS-005");
    assertThat(api.sparql("ASK { " + triple + " }").path("boolean").asBoolean()).isFalse();
    assertUntouched(null);
  }

  @Test
  void unknownProductFileAndUrlAreNotFound() {
    String unknown = UUID.randomUUID().toString();
    assertProblem(api.get("/api/v1/products/" + unknown), 404, "ACCESS-001");
    assertProblem(api.get("/api/v1/products/" + unknown + "/files/obs.fits"), 404, "ACCESS-001");
    assertProblem(api.get("/api/v1/products/" + unknown + "/aip"), 404, "ACCESS-001");
    assertProblem(api.get("/api/v1/products/" + unknown + "/provenance"), 404, "ACCESS-001");
    assertProblem(api.get("/api/v1/no-such-thing"), 404, "ARCHIVE-404");
  }

  // -------------------------------------------------------------------------------------------

  /** Deposits a bag that unpacks fine but is invalid; returns the REJECTED deposit's problem. */
  private JsonNode rejected(byte[] zip, String code) throws IOException {
    JsonNode deposit = api.depositRejected(zip, "application/zip");
    assertThat(deposit.path("problems")).as("problems of %s", deposit).hasSize(1);
    JsonNode problem = deposit.path("problems").get(0);
    assertThat(problem.path("code").asText()).as("problem of %s", deposit).isEqualTo(code);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertThat(problem.toString())
        .as("the problem names files by their path in the bag, not the archive's directories")
        .doesNotContain(server.home().toString());
    assertUntouched(deposit.path("id").asText());
    JsonNode recentRejections = api.get("/api/v1/deposits?state=REJECTED&limit=500").json();
    assertThat(recentRejections.findValuesAsText("id"))
        .as("the operator's list of rejected deposits")
        .contains(deposit.path("id").asText());
    assertThat(recentRejections.findValuesAsText("state")).containsOnly("REJECTED");
    return problem;
  }

  @Test
  void listingDepositsWithAnUnknownStateIsABadRequest() {
    Reply reply = api.get("/api/v1/deposits?state=LOST");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().path("code").asText()).isEqualTo("ARCHIVE-400");
    assertThat(reply.json().path("instance").asText()).isEqualTo("/api/v1/deposits");
  }

  private static String depositOf(JsonNode problem) {
    String instance = problem.path("instance").asText();
    assertThat(instance).as("instance of %s", problem).startsWith("/api/v1/deposits/");
    return instance.substring("/api/v1/deposits/".length());
  }

  /**
   * Storage is byte-for-byte what it was (paths and sizes), the deposit left nothing in staging,
   * and the server still answers its readiness check.
   */
  private void assertUntouched(String depositId) throws IOException {
    if (depositId != null) {
      Path dir = server.staging().resolve(depositId);
      Instant deadline = Instant.now().plusSeconds(10);
      while (Files.exists(dir) && Instant.now().isBefore(deadline)) {
        DepositAndAccessIT.sleep(100);
      }
      assertThat(dir).as("staging of the refused deposit").doesNotExist();
      JsonNode deposit = api.get("/api/v1/deposits/" + depositId).json();
      assertThat(deposit.path("state").asText()).isEqualTo("REJECTED");
      assertThat(deposit.path("products")).isEmpty();
    }
    assertThat(DiskSnapshot.of(server.ocflRoot()).files())
        .as("OCFL storage after the refused input")
        .isEqualTo(ocflBefore.files());
    assertThat(stagingEntries()).as("staging area").isSubsetOf(stagingBefore);
    assertThat(server.ready()).as("server ready after the refused input").isTrue();
  }

  private Set<String> stagingEntries() throws IOException {
    Set<String> names = new TreeSet<>();
    if (Files.isDirectory(server.staging())) {
      try (Stream<Path> list = Files.list(server.staging())) {
        list.forEach(p -> names.add(p.getFileName().toString()));
      }
    }
    return names;
  }

  /** No file of that name anywhere in the test work directory (which holds ARCHIVE_HOME). */
  private void assertNoFileNamed(String name) {
    Path work = server.runDir().getParent();
    assertThat(DiskSnapshot.find(work, name)).as("files named %s under %s", name, work).isEmpty();
    assertThat(DiskSnapshot.find(work.getParent(), name)).isEmpty();
  }
}
