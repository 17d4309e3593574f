package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.dpps.archive.tests.support.ArchiveClient;
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
 * What a scientist does with {@code curl}, the way the README says: a download cut in the middle
 * and resumed with {@code curl -C -}, the result checked against the archive's {@code Repr-Digest};
 * an embargoed file refused without a token and fetched with one.
 */
@ExtendWith(ArchiveExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CurlClientIT {
  private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
  private ArchiveServer server;
  private ArchiveClient api;
  private Dl3Files big;
  private byte[] bigBytes;

  @TempDir Path dir;

  @BeforeAll
  void deposit(ArchiveServer server, ArchiveClient api) {
    this.server = server;
    this.api = api;
    big =
        Dl3Files.observation()
            .object("Curl-" + run)
            .events(60_000, 7)
            .start(Instant.parse("2021-06-01T21:00:00Z"));
    bigBytes = big.fits();
    api.depositArchived(Bags.aBag().withFile("data/big.fits", bigBytes).zip(), "application/zip");
  }

  @Test
  void anInterruptedDownloadResumesWithCurlAndMatchesTheAdvertisedDigest() throws Exception {
    assertThat(bigBytes.length).as("large enough to cut").isGreaterThan(1 << 20);
    String url = server.uri("/api/v1/products/" + big.productId() + "/files/big.fits").toString();
    Path file = dir.resolve("big.fits");
    // the first attempt stops after 300 kB (--max-filesize is not a cut; a byte range is)
    Files.write(file, java.util.Arrays.copyOf(bigBytes, 300_000));
    Result resumed = curl("-sS", "-C", "-", "-o", file.toString(), "-D", "-", url);
    assertThat(resumed.exit()).as(resumed.output()).isZero();
    assertThat(resumed.output())
        .contains("HTTP/1.1 206")
        .containsIgnoringCase(
            "Content-Range: bytes 300000-" + (bigBytes.length - 1) + "/" + bigBytes.length);
    assertThat(Files.readAllBytes(file)).isEqualTo(bigBytes);

    // the digest the archive advertises is the digest of what curl assembled
    Result head = curl("-sS", "-I", url);
    String reprDigest =
        head.output()
            .lines()
            .filter(l -> l.toLowerCase().startsWith("repr-digest:"))
            .findFirst()
            .orElseThrow();
    String sha512 =
        HexFormat.of()
            .formatHex(
                Base64.getDecoder()
                    .decode(reprDigest.replaceAll("(?s).*sha-512=:([^:]+):.*", "$1").trim()));
    assertThat(sha512).isEqualTo(hex("SHA-512", Files.readAllBytes(file)));
  }

  @Test
  void curlGetsAProblemWithoutATokenAndTheFileWithOne() throws Exception {
    Dl3Files secret = Dl3Files.observation().object("CurlSecret-" + run);
    byte[] bytes = secret.fits();
    api.depositArchived(
        Bags.aBag()
            .withFile(
                "metadata/sip.json",
                "{\"pipeline\": {\"name\": \"p\"}, \"embargoUntil\": \"2098-01-01T00:00:00Z\"}")
            .withFile("data/s.fits", bytes)
            .zip(),
        "application/zip");
    String url = server.uri("/api/v1/products/" + secret.productId() + "/files/s.fits").toString();
    Path out = dir.resolve("s.fits");

    Result refused = curl("-sS", "-o", out.toString(), "-w", "%{http_code} %{content_type}", url);
    assertThat(refused.output()).isEqualTo("401 application/problem+json");
    assertThat(Files.readString(out)).contains("\"code\":\"AUTH-001\"");

    String token = api.issueToken("curl-user-" + run, "scientist", "ctao");
    Result ok =
        curl(
            "-sS",
            "-o",
            out.toString(),
            "-w",
            "%{http_code}",
            "-H",
            "Authorization: Bearer " + token,
            url);
    assertThat(ok.output()).isEqualTo("200");
    assertThat(Files.readAllBytes(out)).isEqualTo(bytes);
    JsonNode whoami =
        ArchiveClient.JSON.readTree(
            curl(
                    "-sS",
                    "-H",
                    "Authorization: Bearer " + token,
                    server.uri("/api/v1/auth/whoami").toString())
                .output());
    assertThat(whoami.path("subject").asText()).isEqualTo("curl-user-" + run);
  }

  /**
   * Requests a runtime would otherwise answer in its own way (an HTML 404, a 404 for a parameter it
   * cannot convert, an empty search for a malformed escape) get a problem document with a stable
   * code. curl sends them byte for byte ({@code --path-as-is}, no URL parsing on our side).
   */
  @Test
  void malformedAndTraversingRequestsGetProblemDocuments() throws Exception {
    String token = api.issueToken("curl-archivist-" + run, "archivist");
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("/api/v1/search?q=%%", "400 ARCHIVE-400 Malformed percent-encoding");
    expected.put("/api/v1/search?q=%zz", "400 ARCHIVE-400 Malformed percent-encoding");
    expected.put("/api/v1/events?limit=%%", "400 ARCHIVE-400 Malformed percent-encoding");
    expected.put("/api/v1/events?limit=abc", "400 ARCHIVE-400 Query parameter 'limit'");
    expected.put("/api/v1/products/../../../etc/passwd", "404 ARCHIVE-404 No such resource");
    expected.put(
        "/api/v1/products/..%2f..%2f..%2fetc/files/passwd", "404 ARCHIVE-404 No such resource");
    expected.put("/etc/passwd", "404 ARCHIVE-404 No such resource");
    expected.put("/api/v1/no-such-endpoint", "404 ARCHIVE-404");
    for (var e : expected.entrySet()) {
      Path body = dir.resolve("problem.json");
      Result r =
          curl(
              "-sS",
              "--path-as-is",
              "-H",
              "Authorization: Bearer " + token,
              "-o",
              body.toString(),
              "-w",
              "%{http_code} %{content_type}",
              server.uri("/").toString().replaceAll("/$", "") + e.getKey());
      String[] want = e.getValue().split(" ", 3);
      assertThat(r.output()).as(e.getKey()).startsWith(want[0] + " application/problem+json");
      JsonNode problem = ArchiveClient.JSON.readTree(Files.readString(body));
      assertThat(problem.path("code").asText()).as(e.getKey()).isEqualTo(want[1]);
      assertThat(problem.path("status").asInt()).isEqualTo(Integer.parseInt(want[0]));
      if (want.length > 2) {
        assertThat(problem.path("detail").asText()).as(e.getKey()).contains(want[2]);
      }
    }
  }

  record Result(int exit, String output) {}

  private static Result curl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static String hex(String algorithm, byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }
}
