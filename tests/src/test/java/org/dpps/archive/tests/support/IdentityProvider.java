package org.dpps.archive.tests.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for CTAO's identity service: an OIDC-style issuer that publishes its RSA key as a JWKS
 * over real HTTP and signs MicroProfile-JWT tokens. The archive is pointed at its JWKS URL the way
 * it would be pointed at the real one.
 */
public final class IdentityProvider implements AutoCloseable {
  public static final String ISSUER = "urn:test:ctao-identity";

  private final RSAKey key;
  private final HttpServer http;
  private final AtomicInteger jwksRequests = new AtomicInteger();

  public IdentityProvider() {
    try {
      key =
          new RSAKeyGenerator(2048)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .keyID("idp-" + UUID.randomUUID())
              .generate();
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    http.createContext(
        "/jwks",
        exchange -> {
          jwksRequests.incrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
    http.start();
  }

  public String jwksUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/jwks";
  }

  /** How often the archive fetched the keys. */
  public int jwksRequests() {
    return jwksRequests.get();
  }

  /** A token of this issuer for {@code subject} with {@code groups}, valid for an hour. */
  public String token(String subject, String... groups) {
    return token(subject, Instant.now().plus(Duration.ofHours(1)), groups);
  }

  public String token(String subject, Instant expires, String... groups) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(subject)
            .claim("upn", subject)
            .claim("groups", List.of(groups))
            .issueTime(new Date())
            .expirationTime(Date.from(expires))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** A token signed with a key nobody published, claiming this issuer: what a forger would send. */
  public static String forged(String subject, String... groups) {
    IdentityProvider other = new IdentityProvider();
    try {
      return other.token(subject, groups);
    } finally {
      other.close();
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
