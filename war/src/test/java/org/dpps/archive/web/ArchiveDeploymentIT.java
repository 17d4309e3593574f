package org.dpps.archive.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built WAR deployed by Arquillian on a managed Payara Micro: every module's beans wire up (CDI
 * across the module jars, the persistence unit over two modules' entities, Flyway, Hibernate
 * Search, TDB2, OCFL) and one deposit goes all the way to search.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ArchiveDeploymentIT {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("archive.war")));
  }

  @Test
  void aDepositedBagBecomesASearchableProduct() throws Exception {
    waitUntilReady();
    byte[] payload = ("arquillian " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    String sha512 = hex(MessageDigest.getInstance("SHA-512").digest(payload));
    String sha256 = hex(MessageDigest.getInstance("SHA-256").digest(payload));
    byte[] bag =
        zip(
            "bagit.txt",
            "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
                .getBytes(StandardCharsets.UTF_8),
            "manifest-sha512.txt",
            (sha512 + "  data/note.txt\n").getBytes(StandardCharsets.UTF_8),
            "data/note.txt",
            payload);

    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(uri("api/v1/deposits"))
                .header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bag))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("\"code\":\"AUTH-001\"");

    // the archive writes an archivist token for its operator at start-up
    String token =
        java.nio.file.Files.readString(
                java.nio.file.Path.of(
                    System.getProperty("archive.it.home"), "keys/archivist.token"))
            .trim();
    HttpResponse<String> accepted =
        http.send(
            HttpRequest.newBuilder(uri("api/v1/deposits"))
                .header("Content-Type", "application/zip")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bag))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(accepted.statusCode()).isEqualTo(202);
    String location = accepted.headers().firstValue("Location").orElseThrow();

    String state = "";
    String body = "";
    for (int i = 0; i < 120 && !state.equals("ARCHIVED") && !state.equals("REJECTED"); i++) {
      Thread.sleep(500);
      body =
          http.send(
                  HttpRequest.newBuilder(uri(URI.create(location).getPath().substring(1)))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      state = body.replaceAll("(?s).*\"state\":\"([A-Z]+)\".*", "$1");
    }
    assertThat(state).as(body).isEqualTo("ARCHIVED");
    assertThat(body).contains("sha256-" + sha256).contains("\"outcome\":\"CREATED\"");

    // no observation time: embargoed for the proprietary period after the deposit
    HttpResponse<String> embargoed = get("api/v1/products/sha256-" + sha256 + "/files/note.txt");
    assertThat(embargoed.statusCode()).isEqualTo(401);
    assertThat(embargoed.body()).contains("\"code\":\"AUTH-001\"").contains("embargo");
    HttpResponse<byte[]> file =
        http.send(
            HttpRequest.newBuilder(uri("api/v1/products/sha256-" + sha256 + "/files/note.txt"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(payload);
    assertThat(file.headers().firstValue("ETag")).contains("\"" + sha256 + "\"");

    HttpResponse<String> openapi = get("openapi");
    assertThat(openapi.statusCode()).isEqualTo(200);
    assertThat(openapi.body()).contains("/api/v1/deposits:").contains("/api/v1/search:");

    HttpResponse<String> missing = get("api/v1/products/no-such-product");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(missing.body()).contains("\"code\":\"ACCESS-001\"");
  }

  private void waitUntilReady() throws Exception {
    for (int i = 0; i < 120; i++) {
      if (get("health/ready").statusCode() == 200) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("archive not ready: " + get("health").body());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) throws Exception {
    return base.toURI().resolve(path);
  }

  private static byte[] zip(Object... namesAndBytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < namesAndBytes.length; i += 2) {
        zip.putNextEntry(new ZipEntry((String) namesAndBytes[i]));
        zip.write((byte[]) namesAndBytes[i + 1]);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
