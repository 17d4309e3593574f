package org.dpps.archive.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.security.Caller;
import org.dpps.archive.platform.security.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenServiceTest {
  @TempDir Path keys;

  private static AuthSettings settings(String issuer, Optional<String> jwks, String external) {
    return settings(issuer, jwks, external, "PT5S");
  }

  private static AuthSettings settings(
      String issuer, Optional<String> jwks, String external, String clockSkew) {
    return new AuthSettings(
        issuer,
        "P366D",
        "P30D",
        jwks,
        Optional.ofNullable(external),
        Optional.empty(),
        "groups",
        clockSkew);
  }

  private TokenService service(Path dir, Clock clock) {
    return service(dir, clock, "PT5S");
  }

  private TokenService service(Path dir, Clock clock, String clockSkew) {
    TokenService s =
        new TokenService(
            settings("urn:dpps-archive", Optional.empty(), null, clockSkew), dir, clock);
    s.init();
    return s;
  }

  @Test
  void aTokenSomeSecondsPastExpiryIsAcceptedOnlyWithinTheConfiguredClockSkew() {
    // expired 20 s ago
    Clock issuedThen =
        Clock.fixed(Instant.now().minus(Duration.ofHours(1).plusSeconds(20)), ZoneOffset.UTC);
    String token =
        service(keys, issuedThen).issue("late", List.of("scientist"), Duration.ofHours(1)).token();

    assertRefused(service(keys, Clock.systemUTC()), token, "xpired"); // default PT5S
    assertThat(service(keys, Clock.systemUTC(), "PT60S").verify(token).subject()).isEqualTo("late");
    assertThatThrownBy(() -> settings("urn:x", Optional.empty(), null, "PT10M"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("archive.auth.clock-skew");
  }

  @Test
  void anIssuedTokenVerifiesToItsSubjectGroupsAndIssuer() {
    TokenService tokens = service(keys, Clock.systemUTC());
    TokenService.Issued issued =
        tokens.issue("alice", List.of("scientist", "ctao"), Duration.ofHours(1));

    Caller caller = tokens.verify(issued.token());

    assertThat(caller.subject()).isEqualTo("alice");
    assertThat(caller.issuer()).isEqualTo("urn:dpps-archive");
    assertThat(caller.groups()).containsExactlyInAnyOrder("scientist", "ctao");
    assertThat(caller.has(Role.SCIENTIST)).isTrue();
    assertThat(caller.has(Role.DEPOSITOR)).isFalse();
    assertThat(caller.inGroup("ctao")).isTrue();
  }

  @Test
  void theSigningKeyIsKeptOwnerOnlyAndSurvivesARestart() throws Exception {
    String token =
        service(keys, Clock.systemUTC())
            .issue("bob", List.of("depositor"), Duration.ofHours(1))
            .token();
    Path keyFile = keys.resolve(TokenService.KEY_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");

    assertThat(service(keys, Clock.systemUTC()).verify(token).subject()).isEqualTo("bob");
    // another archive (another key) does not accept it
    assertThatThrownBy(() -> service(keys.resolve("other"), Clock.systemUTC()).verify(token))
        .isInstanceOfSatisfying(
            ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_INVALID));
  }

  @Test
  void expiredTamperedAndForeignTokensAreRefused() {
    Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
    String expired =
        service(keys, twoHoursAgo).issue("old", List.of("archivist"), Duration.ofHours(1)).token();
    TokenService tokens = service(keys, Clock.systemUTC());
    assertRefused(tokens, expired, "xpired");

    String good = tokens.issue("eve", List.of("scientist"), Duration.ofHours(1)).token();
    String[] parts = good.split("\\.");
    String forgedPayload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(
                        java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"scientist\"", "\"archivist\"")
                    .getBytes(StandardCharsets.UTF_8));
    assertRefused(tokens, parts[0] + "." + forgedPayload + "." + parts[2], "ignature");

    TokenService foreign =
        new TokenService(
            settings("urn:somebody-else", Optional.empty(), null),
            keys.resolve("foreign"),
            Clock.systemUTC());
    foreign.init();
    String other = foreign.issue("x", List.of("archivist"), Duration.ofHours(1)).token();
    assertRefused(tokens, other, "not trusted");
    assertRefused(tokens, "abc.def", "not a signed JWT");
  }

  @Test
  void tokensOfAnExternalIssuerAreVerifiedWithTheKeysOfItsJwksUrl() throws Exception {
    RSAKey idpKey =
        new RSAKeyGenerator(2048)
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.RS256)
            .keyID("idp-1")
            .generate();
    byte[] jwks = new JWKSet(idpKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/jwks",
        x -> {
          x.sendResponseHeaders(200, jwks.length);
          x.getResponseBody().write(jwks);
          x.close();
        });
    http.start();
    try {
      String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/jwks";
      TokenService tokens =
          new TokenService(
              settings("urn:dpps-archive", Optional.of(url), "https://idp.test"),
              keys,
              Clock.systemUTC());
      tokens.init();
      // the identity service signs with its own key; only its JWKS says which
      TokenService idp =
          new TokenService(
              settings("https://idp.test", Optional.empty(), null),
              keys.resolve("idp"),
              Clock.systemUTC());
      Files.createDirectories(keys.resolve("idp"));
      Files.writeString(keys.resolve("idp").resolve(TokenService.KEY_FILE), idpKey.toJSONString());
      idp.init();
      String token =
          idp.issue("carol", List.of("scientist", "cta-grb"), Duration.ofMinutes(5)).token();

      Caller carol = tokens.verify(token);

      assertThat(carol.issuer()).isEqualTo("https://idp.test");
      assertThat(carol.groups()).containsExactlyInAnyOrder("scientist", "cta-grb");
      // and the archive's own tokens still work beside them
      assertThat(
              tokens
                  .verify(tokens.issue("own", List.of("depositor"), Duration.ofMinutes(5)).token())
                  .subject())
          .isEqualTo("own");
    } finally {
      http.stop(0);
    }
  }

  @Test
  void theBootstrapTokenIsAnArchivistTokenRenewedOnlyWhenItIsAboutToExpire() throws Exception {
    TokenService tokens = service(keys, Clock.systemUTC());
    Path file = tokens.ensureBootstrapToken();
    String first = Files.readString(file).trim();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(tokens.verify(first).has(Role.ARCHIVIST)).isTrue();

    assertThat(Files.readString(tokens.ensureBootstrapToken()).trim()).isEqualTo(first);

    // 29.5 days later the 30-day token has less than a day left: a new one is written
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(29 * 24 + 12)), ZoneOffset.UTC);
    TokenService laterService = service(keys, later);
    String renewed = Files.readString(laterService.ensureBootstrapToken()).trim();
    assertThat(renewed).isNotEqualTo(first);
  }

  @Test
  void anExternalJwksUrlWithoutItsIssuerIsAConfigurationError() {
    assertThatThrownBy(
            () -> settings("urn:dpps-archive", Optional.of("http://127.0.0.1:1/jwks"), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("archive.auth.external.issuer");
  }

  private static void assertRefused(TokenService tokens, String token, String reason) {
    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOfSatisfying(
            ArchiveException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_INVALID);
              assertThat(e.getMessage()).contains(reason);
            });
  }
}
