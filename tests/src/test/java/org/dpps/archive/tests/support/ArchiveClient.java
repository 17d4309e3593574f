package org.dpps.archive.tests.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The archive's HTTP API as the tests use it: java.net.http + Jackson. By default it acts as the
 * archive's operator, with the archivist token the archive writes to {@code keys/archivist.token};
 * {@link #withToken(String)} and {@link #anonymous()} give clients with other credentials.
 */
public final class ArchiveClient {
  public static final ObjectMapper JSON = new ObjectMapper();
  static final Duration DEPOSIT_TIMEOUT = Duration.ofSeconds(120);
  private static final Set<String> FINAL = Set.of("ARCHIVED", "REJECTED");

  private final ArchiveServer server;

  /** The bearer token sent; {@code null}: the server's archivist token, "": none. */
  private final String token;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  public ArchiveClient(ArchiveServer server) {
    this(server, null);
  }

  private ArchiveClient(ArchiveServer server, String token) {
    this.server = server;
    this.token = token;
  }

  /** A client of the same server that sends {@code bearerToken}. */
  public ArchiveClient withToken(String bearerToken) {
    return new ArchiveClient(server, bearerToken);
  }

  /** A client of the same server that sends no token. */
  public ArchiveClient anonymous() {
    return new ArchiveClient(server, "");
  }

  /** The archivist token the server wrote at start-up. */
  public static String archivistToken(ArchiveServer server) {
    try {
      return java.nio.file.Files.readString(server.home().resolve("keys/archivist.token")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("The archive wrote no archivist token", e);
    }
  }

  /**
   * Issues a token through {@code POST /api/v1/admin/tokens} (as this client) for {@code subject}
   * with {@code groups}.
   */
  public String issueToken(String subject, String... groups) {
    var body = JSON.createObjectNode().put("subject", subject).put("lifetime", "PT2H");
    var list = body.putArray("groups");
    for (String g : groups) {
      list.add(g);
    }
    Reply reply = post("/api/v1/admin/tokens", "application/json", body.toString().getBytes());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().path("token").asText();
  }

  /** An HTTP answer, fully read. */
  public record Reply(int status, java.net.http.HttpHeaders headers, byte[] body) {
    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public String contentType() {
      return header("Content-Type").orElse("");
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON (status " + status + "): " + text(), e);
      }
    }

    @Override
    public String toString() {
      return status
          + " "
          + contentType()
          + " "
          + (body.length < 2000 ? text() : body.length + " bytes");
    }
  }

  public Reply get(String path, String... headerPairs) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
    for (int i = 0; i < headerPairs.length; i += 2) {
      request.header(headerPairs[i], headerPairs[i + 1]);
    }
    return send(request);
  }

  public Reply delete(String path) {
    return send(HttpRequest.newBuilder(server.uri(path)).DELETE());
  }

  public Reply post(String path, String contentType, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  /** PATCH with a body and optional header name/value pairs. */
  public Reply patch(String path, String contentType, byte[] body, String... headerPairs) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path))
            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i < headerPairs.length; i += 2) {
      request.header(headerPairs[i], headerPairs[i + 1]);
    }
    return send(request);
  }

  /** POSTs a JSON document (a Map, a record or a JsonNode). */
  public Reply postJson(String path, Object document) {
    try {
      return post(path, "application/json", JSON.writeValueAsBytes(document));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Reply send(HttpRequest.Builder request) {
    String bearer = token == null ? archivistToken(server) : token;
    if (!bearer.isEmpty()) {
      request.setHeader("Authorization", "Bearer " + bearer);
    }
    try {
      HttpResponse<byte[]> response =
          http.send(
              request.timeout(Duration.ofSeconds(120)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ----------------------------------------------------------------------------------- deposits

  /** POSTs a deposit; the raw answer (202, or a problem). */
  public Reply deposit(byte[] body, String contentType) {
    return post("/api/v1/deposits", contentType, body);
  }

  /** Deposits a bag by its path under the inbox (the configured staging root). */
  public Reply depositStaged(String stagedPath) {
    return post(
        "/api/v1/deposits",
        "application/json",
        JSON.createObjectNode().put("stagedPath", stagedPath).toString().getBytes());
  }

  /** Checks the {@code 202} answer of a deposit and returns the deposit id. */
  public static String accepted(Reply reply) {
    assertThat(reply.status()).as("deposit answer %s", reply).isEqualTo(202);
    JsonNode body = reply.json();
    String id = body.path("id").asText();
    assertThat(id).isNotBlank();
    assertThat(reply.header("Location"))
        .as("Location of the deposit")
        .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/deposits/" + id));
    assertThat(body.path("state").asText()).isIn("RECEIVED", "VALIDATING", "STORING", "ARCHIVED");
    assertThat(body.path("self").asText()).isEqualTo("/api/v1/deposits/" + id);
    return id;
  }

  /** Polls the deposit until it is ARCHIVED or REJECTED, and returns its final JSON. */
  public JsonNode awaitFinal(String depositId) {
    Instant deadline = Instant.now().plus(DEPOSIT_TIMEOUT);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      Reply reply = get("/api/v1/deposits/" + depositId);
      assertThat(reply.status()).as("GET deposit %s: %s", depositId, reply).isEqualTo(200);
      last = reply.json();
      if (FINAL.contains(last.path("state").asText())) {
        return last;
      }
      ArchiveServer.sleep(200);
    }
    throw new AssertionError("Deposit " + depositId + " not finished in time: " + last);
  }

  /** Deposits, expects 202, waits, and expects ARCHIVED; returns the final deposit JSON. */
  public JsonNode depositArchived(byte[] body, String contentType) {
    JsonNode done = awaitFinal(accepted(deposit(body, contentType)));
    assertThat(done.path("state").asText())
        .as("final state of deposit %s", done)
        .isEqualTo("ARCHIVED");
    assertThat(done.path("problems")).isEmpty();
    return done;
  }

  /** Deposits, expects 202, waits, and expects REJECTED; returns the final deposit JSON. */
  public JsonNode depositRejected(byte[] body, String contentType) {
    JsonNode done = awaitFinal(accepted(deposit(body, contentType)));
    assertThat(done.path("state").asText())
        .as("final state of deposit %s", done)
        .isEqualTo("REJECTED");
    assertThat(done.path("products")).isEmpty();
    return done;
  }

  /** Products of a final deposit by payload name: productId, version, outcome. */
  public static List<JsonNode> products(JsonNode deposit) {
    List<JsonNode> out = new ArrayList<>();
    deposit.path("products").forEach(out::add);
    return out;
  }

  // ------------------------------------------------------------------------------------- access

  public JsonNode product(String productId) {
    Reply reply = get("/api/v1/products/" + productId);
    assertThat(reply.status()).as("GET product %s: %s", productId, reply).isEqualTo(200);
    return reply.json();
  }

  /** {@code GET /api/v1/search} with the given parameters (values are URL-encoded). */
  public JsonNode search(Map<String, String> parameters) {
    Reply reply = get("/api/v1/search?" + query(parameters));
    assertThat(reply.status()).as("search %s: %s", parameters, reply).isEqualTo(200);
    return reply.json();
  }

  /** Product ids of the hits of a search (first page of up to 500). */
  public Set<String> searchIds(Map<String, String> parameters) {
    Map<String, String> withSize = new java.util.LinkedHashMap<>(parameters);
    withSize.putIfAbsent("size", "500");
    JsonNode result = search(withSize);
    Set<String> ids = new java.util.TreeSet<>();
    result.path("hits").forEach(h -> ids.add(h.path("productId").asText()));
    assertThat(result.path("total").asLong()).as("total of %s", parameters).isEqualTo(ids.size());
    return ids;
  }

  /** A SPARQL SELECT/ASK; the {@code application/sparql-results+json} answer. */
  public JsonNode sparql(String query) {
    Reply reply =
        post("/api/v1/sparql", "application/sparql-query", query.getBytes(StandardCharsets.UTF_8));
    assertThat(reply.status()).as("SPARQL %s: %s", query, reply).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/sparql-results+json");
    return reply.json();
  }

  public static String query(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  // ----------------------------------------------------------------------------------- problems

  /**
   * Checks an RFC 9457 problem answer: status, media type, stable code (also in {@code type}), and
   * returns its body.
   */
  public static JsonNode assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
    assertThat(reply.contentType())
        .as("media type of %s", reply)
        .startsWith("application/problem+json");
    JsonNode problem = reply.json();
    assertThat(problem.path("code").asText()).as("code of %s", reply).isEqualTo(code);
    assertThat(problem.path("type").asText()).endsWith(code);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    return problem;
  }
}
