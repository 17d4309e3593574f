package org.dpps.archive.tests.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.tests.support.ArchiveClient.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dpps.archive.tests.support.ArchiveClient;
import org.dpps.archive.tests.support.ArchiveClient.Reply;
import org.dpps.archive.tests.support.ArchiveExtension;
import org.dpps.archive.tests.support.ArchiveServer;
import org.dpps.archive.tests.support.Bags;
import org.dpps.archive.tests.support.Dl3Files;
import org.dpps.archive.tests.support.IdentityProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what: every endpoint of the API against every kind of caller (anonymous, scientist,
 * depositor, archivist, with tokens of the archive itself and of an external issuer), then bad
 * tokens, and embargoes (metadata public, downloads for the product's group and archivists only,
 * until the release date passes).
 */
@ExtendWith(ArchiveExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlIT {
  private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
  private ArchiveClient api;
  private IdentityProvider idp;
  private ArchiveServer server;

  /** A released (public) DL3 product and its file. */
  private String publicProduct;

  private byte[] publicBytes;

  /** A product under embargo until 2099 for group grb-{run}. */
  private String embargoed;

  private byte[] embargoedBytes;
  private String depositId;

  private final Map<String, ArchiveClient> callers = new LinkedHashMap<>();

  enum Access {
    PUBLIC,
    DEPOSITOR,
    ARCHIVIST
  }

  @BeforeAll
  void setUp(ArchiveClient api, ArchiveServer server, IdentityProvider idp) {
    this.api = api;
    this.idp = idp;
    this.server = server;
    Dl3Files released =
        Dl3Files.observation().object("Open-" + run).start(Instant.parse("2020-03-01T22:00:00Z"));
    publicBytes = released.fits();
    publicProduct = released.productId();
    Dl3Files secret =
        Dl3Files.observation().object("Secret-" + run).start(Instant.parse("2020-03-02T22:00:00Z"));
    embargoedBytes = secret.fits();
    embargoed = secret.productId();
    JsonNode deposit =
        api.depositArchived(
            Bags.aBag().withFile("data/open.fits", publicBytes).zip(), "application/zip");
    depositId = deposit.path("id").asText();
    // the released product: observed in 2020, one year of proprietary period long over
    assertThat(api.product(publicProduct).path("metadata").path("embargoUntil").asText())
        .isEqualTo("2021-03-01T22:30:00Z");
    api.depositArchived(
        Bags.aBag()
            .withFile(
                "metadata/sip.json",
                "{\"pipeline\": {\"name\": \"grb-followup\"}, \"embargoUntil\":"
                    + " \"2099-01-01T00:00:00Z\", \"accessGroup\": \"grb-"
                    + run
                    + "\"}")
            .withFile("data/secret.fits", embargoedBytes)
            .zip(),
        "application/zip");

    callers.put("anonymous", api.anonymous());
    callers.put("scientist", api.withToken(api.issueToken("sci-" + run, "scientist")));
    callers.put("depositor", api.withToken(api.issueToken("pipe-" + run, "depositor")));
    callers.put("archivist", api);
    callers.put("external scientist", api.withToken(idp.token("ext-sci", "scientist")));
    callers.put("external depositor", api.withToken(idp.token("ext-pipe", "depositor")));
    callers.put("external archivist", api.withToken(idp.token("ext-arch", "archivist")));
  }

  /** An endpoint, what it needs, and the status it answers when the caller may call it. */
  record Endpoint(
      String name, Access access, int allowedStatus, Function<AccessControlIT, Call> call) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** One HTTP call made by a given client. */
  @FunctionalInterface
  interface Call {
    Reply by(ArchiveClient client);
  }

  static Stream<Endpoint> endpoints() {
    return Stream.of(
        // public: metadata, provenance, search, public downloads, who-am-I
        new Endpoint("GET /search", Access.PUBLIC, 200, t -> c -> c.get("/api/v1/search?q=x")),
        new Endpoint(
            "GET /products/{id}",
            Access.PUBLIC,
            200,
            t -> c -> c.get("/api/v1/products/" + t.publicProduct)),
        new Endpoint(
            "GET /products/{id}/files/{path} (released)",
            Access.PUBLIC,
            200,
            t -> c -> c.get("/api/v1/products/" + t.publicProduct + "/files/open.fits")),
        new Endpoint(
            "GET /products/{id}/aip (released)",
            Access.PUBLIC,
            200,
            t -> c -> c.get("/api/v1/products/" + t.publicProduct + "/aip")),
        new Endpoint(
            "GET /products/{id}/provenance",
            Access.PUBLIC,
            200,
            t -> c -> c.get("/api/v1/products/" + t.publicProduct + "/provenance")),
        new Endpoint(
            "POST /sparql",
            Access.PUBLIC,
            200,
            t ->
                c ->
                    c.post(
                        "/api/v1/sparql",
                        "application/sparql-query",
                        "ASK { ?s ?p ?o }".getBytes(StandardCharsets.UTF_8))),
        new Endpoint(
            "GET /bundles/dl3",
            Access.PUBLIC,
            200,
            t -> c -> c.get("/api/v1/bundles/dl3?target=Open-" + t.run)),
        new Endpoint(
            "GET /sparql",
            Access.PUBLIC,
            200,
            t -> c -> c.get("/api/v1/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D")),
        new Endpoint(
            "GET /products/{id}/provenance (lineage JSON)",
            Access.PUBLIC,
            200,
            t ->
                c ->
                    c.get(
                        "/api/v1/products/"
                            + t.publicProduct
                            + "/provenance?direction=both&depth=2",
                        "Accept",
                        "application/json")),
        new Endpoint(
            "GET /auth/whoami", Access.PUBLIC, 200, t -> c -> c.get("/api/v1/auth/whoami")),
        new Endpoint("GET /auth/jwks", Access.PUBLIC, 200, t -> c -> c.get("/api/v1/auth/jwks")),
        // public: the IVOA interfaces (TAP, VOSI, UWS, DataLink) and the ADQL of a search
        new Endpoint(
            "GET /search/adql", Access.PUBLIC, 200, t -> c -> c.get("/api/v1/search/adql?q=x")),
        new Endpoint(
            "GET /tap/sync",
            Access.PUBLIC,
            200,
            t ->
                c ->
                    c.get(
                        "/api/v1/tap/sync?LANG=ADQL&QUERY=SELECT%20TOP%201%20obs_id%20FROM%20ivoa.obscore")),
        new Endpoint(
            "POST /tap/sync",
            Access.PUBLIC,
            200,
            t ->
                c ->
                    c.post(
                        "/api/v1/tap/sync",
                        "application/x-www-form-urlencoded",
                        "LANG=ADQL&QUERY=SELECT+TOP+1+obs_id+FROM+ivoa.obscore"
                            .getBytes(StandardCharsets.UTF_8))),
        new Endpoint(
            "GET /tap/capabilities",
            Access.PUBLIC,
            200,
            t -> c -> c.get("/api/v1/tap/capabilities")),
        new Endpoint(
            "GET /tap/availability",
            Access.PUBLIC,
            200,
            t -> c -> c.get("/api/v1/tap/availability")),
        new Endpoint("GET /tap/tables", Access.PUBLIC, 200, t -> c -> c.get("/api/v1/tap/tables")),
        new Endpoint(
            "GET /tap/tables/{name}",
            Access.PUBLIC,
            200,
            t -> c -> c.get("/api/v1/tap/tables/ivoa.obscore")),
        new Endpoint("GET /tap/async", Access.PUBLIC, 200, t -> c -> c.get("/api/v1/tap/async")),
        new Endpoint(
            "POST /tap/async",
            Access.PUBLIC,
            303,
            t ->
                c ->
                    c.post(
                        "/api/v1/tap/async",
                        "application/x-www-form-urlencoded",
                        "LANG=ADQL&QUERY=SELECT+TOP+1+obs_id+FROM+ivoa.obscore"
                            .getBytes(StandardCharsets.UTF_8))),
        new Endpoint(
            "DELETE /tap/async/{id}",
            Access.PUBLIC,
            404,
            t -> c -> c.delete("/api/v1/tap/async/unknown")),
        new Endpoint(
            "GET /tap/async/{id}/phase",
            Access.PUBLIC,
            404,
            t -> c -> c.get("/api/v1/tap/async/unknown/phase")),
        new Endpoint(
            "GET /tap/async/{id}/executionduration",
            Access.PUBLIC,
            404,
            t -> c -> c.get("/api/v1/tap/async/unknown/executionduration")),
        new Endpoint(
            "GET /tap/async/{id}/destruction",
            Access.PUBLIC,
            404,
            t -> c -> c.get("/api/v1/tap/async/unknown/destruction")),
        new Endpoint(
            "GET /tap/async/{id}/quote",
            Access.PUBLIC,
            404,
            t -> c -> c.get("/api/v1/tap/async/unknown/quote")),
        new Endpoint(
            "GET /tap/async/{id}/owner",
            Access.PUBLIC,
            404,
            t -> c -> c.get("/api/v1/tap/async/unknown/owner")),
        new Endpoint(
            "GET /tap/async/{id}/error",
            Access.PUBLIC,
            404,
            t -> c -> c.get("/api/v1/tap/async/unknown/error")),
        new Endpoint(
            "GET /tap/async/{id}/parameters",
            Access.PUBLIC,
            404,
            t -> c -> c.get("/api/v1/tap/async/unknown/parameters")),
        new Endpoint(
            "GET /tap/async/{id}/results/result",
            Access.PUBLIC,
            404,
            t -> c -> c.get("/api/v1/tap/async/unknown/results/result")),
        new Endpoint(
            "GET /datalink/links",
            Access.PUBLIC,
            200,
            t ->
                c ->
                    c.get(
                        "/api/v1/datalink/links?ID="
                            + java.net.URLEncoder.encode(
                                "ivo://ctao.dpps/products?" + t.publicProduct,
                                StandardCharsets.UTF_8))),
        // depositors
        new Endpoint(
            "POST /deposits",
            Access.DEPOSITOR,
            202,
            t ->
                c ->
                    c.deposit(
                        Bags.aBag()
                            .withFile("data/note.txt", "matrix " + t.run + " " + System.nanoTime())
                            .zip(),
                        "application/zip")),
        new Endpoint("GET /deposits", Access.DEPOSITOR, 200, t -> c -> c.get("/api/v1/deposits")),
        new Endpoint(
            "GET /deposits/{id}",
            Access.DEPOSITOR,
            200,
            t -> c -> c.get("/api/v1/deposits/" + t.depositId)),
        // archivists
        new Endpoint("GET /audits", Access.ARCHIVIST, 200, t -> c -> c.get("/api/v1/audits")),
        new Endpoint(
            "POST /audits (invalid, so nothing runs)",
            Access.ARCHIVIST,
            400,
            t ->
                c ->
                    c.post(
                        "/api/v1/audits",
                        "application/json",
                        "{\"mode\": \"NOPE\"}".getBytes(StandardCharsets.UTF_8))),
        new Endpoint(
            "GET /audits/schedule",
            Access.ARCHIVIST,
            200,
            t -> c -> c.get("/api/v1/audits/schedule")),
        new Endpoint(
            "GET /audits/damaged",
            Access.ARCHIVIST,
            200,
            t -> c -> c.get("/api/v1/audits/damaged")),
        new Endpoint(
            "GET /audits/{id}", Access.ARCHIVIST, 404, t -> c -> c.get("/api/v1/audits/unknown")),
        new Endpoint(
            "DELETE /audits/{id}",
            Access.ARCHIVIST,
            404,
            t -> c -> c.delete("/api/v1/audits/unknown")),
        new Endpoint("GET /events", Access.ARCHIVIST, 200, t -> c -> c.get("/api/v1/events")),
        new Endpoint(
            "GET /events/verify", Access.ARCHIVIST, 200, t -> c -> c.get("/api/v1/events/verify")),
        new Endpoint(
            "POST /events/checkpoint",
            Access.ARCHIVIST,
            200,
            t -> c -> c.post("/api/v1/events/checkpoint", null, new byte[0])),
        new Endpoint("GET /replicas", Access.ARCHIVIST, 200, t -> c -> c.get("/api/v1/replicas")),
        new Endpoint(
            "GET /admin/catalogue",
            Access.ARCHIVIST,
            200,
            t -> c -> c.get("/api/v1/admin/catalogue")),
        new Endpoint(
            "POST /admin/catalogue/rebuild",
            Access.ARCHIVIST,
            200,
            t -> c -> c.post("/api/v1/admin/catalogue/rebuild", null, new byte[0])),
        new Endpoint(
            "POST /admin/catalogue/reconcile",
            Access.ARCHIVIST,
            200,
            t -> c -> c.post("/api/v1/admin/catalogue/reconcile", null, new byte[0])),
        new Endpoint("GET /formats", Access.PUBLIC, 200, t -> c -> c.get("/api/v1/formats")),
        new Endpoint(
            "GET /formats/{id}", Access.PUBLIC, 200, t -> c -> c.get("/api/v1/formats/fits")),
        new Endpoint(
            "PATCH /formats/{id}",
            Access.ARCHIVIST,
            200,
            t ->
                c ->
                    c.patch(
                        "/api/v1/formats/fits",
                        "application/json",
                        "{\"status\": \"preferred\", \"reason\": \"unchanged\"}"
                            .getBytes(StandardCharsets.UTF_8))),
        new Endpoint(
            "POST /formats",
            Access.ARCHIVIST,
            400,
            t -> c -> c.post("/api/v1/formats", "application/json", "{}".getBytes())),
        new Endpoint(
            "GET /formats/{id}/history",
            Access.ARCHIVIST,
            200,
            t -> c -> c.get("/api/v1/formats/fits/history")),
        new Endpoint(
            "GET /formats/history",
            Access.ARCHIVIST,
            200,
            t -> c -> c.get("/api/v1/formats/history")),
        new Endpoint(
            "GET /preservation/risk",
            Access.ARCHIVIST,
            200,
            t -> c -> c.get("/api/v1/preservation/risk?limit=10")),
        new Endpoint(
            "GET /preservation/plans",
            Access.ARCHIVIST,
            200,
            t -> c -> c.get("/api/v1/preservation/plans")),
        new Endpoint(
            "POST /preservation/plans",
            Access.ARCHIVIST,
            400,
            t -> c -> c.post("/api/v1/preservation/plans", "application/json", "{}".getBytes())),
        new Endpoint(
            "GET /preservation/plans/{id}",
            Access.ARCHIVIST,
            404,
            t -> c -> c.get("/api/v1/preservation/plans/unknown")),
        new Endpoint(
            "DELETE /preservation/plans/{id}",
            Access.ARCHIVIST,
            404,
            t -> c -> c.delete("/api/v1/preservation/plans/unknown")),
        new Endpoint(
            "POST /preservation/plans/{id}/preview",
            Access.ARCHIVIST,
            404,
            t -> c -> c.post("/api/v1/preservation/plans/unknown/preview", null, new byte[0])),
        new Endpoint(
            "POST /preservation/plans/{id}/execute",
            Access.ARCHIVIST,
            404,
            t -> c -> c.post("/api/v1/preservation/plans/unknown/execute", null, new byte[0])),
        new Endpoint(
            "GET /preservation/plans/{id}/items",
            Access.ARCHIVIST,
            404,
            t -> c -> c.get("/api/v1/preservation/plans/unknown/items")),
        new Endpoint(
            "POST /admin/tokens",
            Access.ARCHIVIST,
            201,
            t ->
                c ->
                    c.post(
                        "/api/v1/admin/tokens",
                        "application/json",
                        "{\"subject\": \"someone\", \"groups\": [\"scientist\"]}"
                            .getBytes(StandardCharsets.UTF_8))));
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cells = new ArrayList<>();
    List<String> kinds =
        List.of(
            "anonymous",
            "scientist",
            "depositor",
            "archivist",
            "external scientist",
            "external depositor",
            "external archivist");
    endpoints().forEach(e -> kinds.forEach(k -> cells.add(Arguments.of(e, k))));
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} by {1}")
  @MethodSource("matrix")
  void everyEndpointAnswersEveryKindOfCallerAsItsRoleDemands(Endpoint endpoint, String caller) {
    Reply reply = endpoint.call().apply(this).by(callers.get(caller));
    boolean allowed =
        switch (endpoint.access()) {
          case PUBLIC -> true;
          case DEPOSITOR -> caller.endsWith("depositor") || caller.endsWith("archivist");
          case ARCHIVIST -> caller.endsWith("archivist");
        };
    if (allowed) {
      assertThat(reply.status())
          .as("%s by %s: %s", endpoint, caller, reply)
          .isEqualTo(endpoint.allowedStatus());
    } else if (caller.equals("anonymous")) {
      assertProblem(reply, 401, "AUTH-001");
      assertThat(reply.header("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    } else {
      JsonNode problem = assertProblem(reply, 403, "AUTH-003");
      assertThat(problem.path("detail").asText())
          .contains(endpoint.access() == Access.ARCHIVIST ? "archivist" : "depositor");
    }
  }

  @Test
  void theMatrixCoversEveryOperationTheApiDocumentsOutsideTheNewAccessEndpoints() {
    // every path of the OpenAPI document appears in the matrix (the session is covered by the
    // cookie test below)
    String openapi = api.get("/openapi").text();
    List<String> names = endpoints().map(Endpoint::name).toList();
    int paths = 0;
    for (String line : openapi.lines().toList()) {
      if (line.startsWith("  /api/v1/")) {
        paths++;
        String path = line.trim().replace(":", "").replace("/api/v1", "");
        String first = path.replaceAll("\\{[^}]+}", "{id}");
        boolean covered =
            names.stream()
                .anyMatch(
                    n ->
                        n.replaceAll("\\{[^}]+}", "{id}").contains(" " + first)
                            || first.equals("/auth/session"));
        assertThat(covered).as("%s is in the access matrix", path).isTrue();
      }
    }
    assertThat(paths).as("paths in the OpenAPI document").isGreaterThan(20);
  }

  @Test
  void tokensThatDoNotVerifyAreRefusedEvenOnPublicEndpoints() {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("garbage", "not-a-jwt");
    bad.put("expired", idp.token("late", Instant.now().minusSeconds(600), "archivist"));
    bad.put("forged (issuer's name, unknown key)", IdentityProvider.forged("mallory", "archivist"));
    String own = ArchiveClient.archivistToken(server);
    bad.put("tampered payload", tamper(own));
    for (var entry : bad.entrySet()) {
      for (String path : List.of("/api/v1/search?q=x", "/api/v1/audits")) {
        Reply reply = api.withToken(entry.getValue()).get(path);
        JsonNode problem = assertProblem(reply, 401, "AUTH-002");
        assertThat(problem.path("detail").asText()).as(entry.getKey()).startsWith("Invalid");
        assertThat(reply.header("WWW-Authenticate"))
            .as(entry.getKey())
            .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
      }
    }
    Reply basic = api.anonymous().get("/api/v1/search?q=x", "Authorization", "Basic YTpi");
    assertProblem(basic, 401, "AUTH-002");
  }

  @Test
  void whoamiReportsTheTokensSubjectGroupsAndRoles() {
    JsonNode anonymous = callers.get("anonymous").get("/api/v1/auth/whoami").json();
    assertThat(anonymous.path("anonymous").asBoolean()).isTrue();
    JsonNode ext =
        api.withToken(idp.token("ext-1", "scientist", "grb-" + run))
            .get("/api/v1/auth/whoami")
            .json();
    assertThat(ext.path("subject").asText()).isEqualTo("ext-1");
    assertThat(ext.path("issuer").asText()).isEqualTo(IdentityProvider.ISSUER);
    assertThat(ext.path("roles")).extracting(JsonNode::asText).containsExactly("scientist");
    assertThat(ext.path("groups"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("scientist", "grb-" + run);
    JsonNode archivist = api.get("/api/v1/auth/whoami").json();
    assertThat(archivist.path("roles"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("depositor", "archivist", "scientist");
    assertThat(idp.jwksRequests()).as("the archive fetched the issuer's keys").isPositive();
  }

  @Test
  void tokenRequestsAreValidated() {
    for (String body :
        List.of(
            "{}",
            "{\"subject\": \"a\", \"groups\": []}",
            "{\"subject\": \"a b\", \"groups\": [\"scientist\"]}",
            "{\"subject\": \"a\", \"groups\": [\"../x\"]}",
            "{\"subject\": \"a\", \"groups\": [\"scientist\"], \"lifetime\": \"forever\"}",
            "{\"subject\": \"a\", \"groups\": [\"scientist\"], \"lifetime\": \"P9999D\"}")) {
      assertProblem(
          api.post("/api/v1/admin/tokens", "application/json", body.getBytes()), 400, "AUTH-004");
    }
    JsonNode issued =
        api.post(
                "/api/v1/admin/tokens",
                "application/json",
                "{\"subject\": \"carol\", \"groups\": [\"scientist\", \"ctao\"], \"lifetime\": \"PT1H\"}"
                    .getBytes())
            .json();
    assertThat(Instant.parse(issued.path("expiresAt").asText()))
        .isBetween(Instant.now().plusSeconds(3000), Instant.now().plusSeconds(3700));
    JsonNode events = api.get("/api/v1/events?limit=50").json();
    assertThat(events.toString()).contains("TOKEN_ISSUED").contains("carol");
  }

  // ----------------------------------------------------------------------------------- embargo

  @Test
  void embargoedMetadataIsPublicButDownloadsNeedTheGroupOrAnArchivist() throws Exception {
    // everyone finds it and reads its description
    assertThat(callers.get("anonymous").searchIds(Map.of("q", "Secret-" + run)))
        .contains(embargoed);
    JsonNode described = callers.get("anonymous").get("/api/v1/products/" + embargoed).json();
    assertThat(described.path("metadata").path("embargoUntil").asText())
        .isEqualTo("2099-01-01T00:00:00Z");
    assertThat(described.path("metadata").path("accessGroup").asText()).isEqualTo("grb-" + run);
    // the product page tells each caller whether they may download
    assertThat(described.path("access").path("embargoedUntil").asText())
        .isEqualTo("2099-01-01T00:00:00Z");
    assertThat(described.path("access").path("downloadable").asBoolean()).isFalse();
    assertThat(
            api.get("/api/v1/products/" + embargoed)
                .json()
                .path("access")
                .path("downloadable")
                .asBoolean())
        .isTrue();
    JsonNode openAccess = api.get("/api/v1/products/" + publicProduct).json().path("access");
    assertThat(
            openAccess.path("embargoedUntil").isNull()
                || openAccess.path("embargoedUntil").isMissingNode())
        .as("released products have no embargo date in their access: %s", openAccess)
        .isTrue();
    assertThat(openAccess.path("downloadable").asBoolean()).isTrue();

    String file = "/api/v1/products/" + embargoed + "/files/secret.fits";
    String aip = "/api/v1/products/" + embargoed + "/aip";
    for (String path : List.of(file, aip)) {
      JsonNode anonymous = assertProblem(callers.get("anonymous").get(path), 401, "AUTH-001");
      assertThat(anonymous.path("detail").asText()).contains("embargo").contains("2099");
      for (String outsider : List.of("scientist", "depositor", "external scientist")) {
        assertProblem(callers.get(outsider).get(path), 403, "ACCESS-007");
      }
    }
    ArchiveClient member =
        api.withToken(api.issueToken("member-" + run, "scientist", "grb-" + run));
    ArchiveClient externalMember = api.withToken(idp.token("ext-member", "grb-" + run));
    for (ArchiveClient allowed : List.of(member, externalMember, api)) {
      Reply reply = allowed.get(file);
      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      assertThat(sha256(reply.body())).isEqualTo(sha256(embargoedBytes));
      assertThat(allowed.get(aip).status()).isEqualTo(200);
    }
  }

  @Test
  void theEmbargoEndsAtTheReleaseDate() throws Exception {
    Instant release = Instant.now().plusSeconds(12);
    Dl3Files obs = Dl3Files.observation().object("Soon-" + run);
    byte[] bytes = obs.fits();
    api.depositArchived(
        Bags.aBag()
            .withFile(
                "metadata/sip.json",
                "{\"pipeline\": {\"name\": \"p\"}, \"embargoUntil\": \"" + release + "\"}")
            .withFile("data/soon.fits", bytes)
            .zip(),
        "application/zip");
    String file = "/api/v1/products/" + obs.productId() + "/files/soon.fits";
    ArchiveClient anonymous = callers.get("anonymous");
    assertThat(Instant.now()).isBefore(release);
    assertProblem(anonymous.get(file), 401, "AUTH-001");
    JsonNode record = anonymous.get("/api/v1/products/" + obs.productId()).json();
    assertThat(record.path("metadata").path("accessGroup").asText())
        .as("the configured default group")
        .isEqualTo("ctao");
    while (Instant.now().isBefore(release.plusMillis(200))) {
      Thread.sleep(200);
    }
    Reply after = anonymous.get(file);
    assertThat(after.status()).as(after.toString()).isEqualTo(200);
    assertThat(after.body()).isEqualTo(bytes);
  }

  @Test
  void theDefaultEmbargoIsTheProprietaryPeriodAfterTheObservation() {
    Instant start =
        Instant.now().minusSeconds(3 * 86400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Dl3Files obs = Dl3Files.observation().object("Recent-" + run).start(start);
    api.depositArchived(
        Bags.aBag().withFile("data/recent.fits", obs.fits()).zip(), "application/zip");
    JsonNode metadata = api.product(obs.productId()).path("metadata");
    Instant stop = Instant.parse(metadata.path("timeStop").asText());
    assertThat(metadata.path("embargoUntil").asText())
        .isEqualTo(stop.atOffset(java.time.ZoneOffset.UTC).plusYears(1).toInstant().toString());
    assertProblem(
        callers.get("anonymous").get("/api/v1/products/" + obs.productId() + "/files/recent.fits"),
        401,
        "AUTH-001");
    // members of the default group (configuration: ctao) may download
    ArchiveClient ctao = api.withToken(idp.token("ctao-member", "scientist", "ctao"));
    assertThat(ctao.get("/api/v1/products/" + obs.productId() + "/files/recent.fits").status())
        .isEqualTo(200);
  }

  @Test
  void thePortalSessionCookieCarriesTheTokenForDownloadsButNotForWrites() throws Exception {
    String token = api.issueToken("cookie-" + run, "scientist", "grb-" + run, "depositor");
    Reply opened = api.withToken(token).post("/api/v1/auth/session", null, new byte[0]);
    assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
    String setCookie = opened.header("Set-Cookie").orElseThrow();
    assertThat(setCookie)
        .startsWith("archive_session=" + token)
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Strict")
        .contains("Path=/");
    String cookie = "archive_session=" + token;
    ArchiveClient anonymous = callers.get("anonymous");
    Reply download =
        anonymous.get("/api/v1/products/" + embargoed + "/files/secret.fits", "Cookie", cookie);
    assertThat(download.status()).as(download.toString()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(embargoedBytes);
    // a cookie never authorises a write (no cross-site request can deposit)
    Reply post =
        anonymous.post(
            "/api/v1/deposits",
            "application/json",
            "{\"stagedPath\": \"x\"}".getBytes(StandardCharsets.UTF_8));
    assertProblem(post, 401, "AUTH-001");
    // without a token there is no session to open
    assertProblem(anonymous.post("/api/v1/auth/session", null, new byte[0]), 401, "AUTH-001");
    Reply closed = anonymous.delete("/api/v1/auth/session");
    assertThat(closed.status()).isEqualTo(204);
    assertThat(closed.header("Set-Cookie").orElseThrow()).contains("Max-Age=0");
  }

  // ----------------------------------------------------------------------------------- helpers

  /** The token with one claim changed and the signature left as it was. */
  private static String tamper(String token) {
    String[] parts = token.split("\\.");
    String payload =
        new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("archive-operator", "archive-operatoR");
    return parts[0]
        + "."
        + java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
