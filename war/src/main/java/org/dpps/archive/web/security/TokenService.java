package org.dpps.archive.web.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.dpps.archive.platform.config.PlatformSettings;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.security.Caller;

/**
 * Issues and verifies bearer tokens. The archive's own tokens are RS256 JWTs with MicroProfile JWT
 * claims, signed with a key kept in {@code archive.home/keys/token-signing.jwk} (created on first
 * start, readable by its owner only) and published at {@code /api/v1/auth/jwks}. Tokens of an
 * external issuer are verified against the keys of its JWKS URL (fetched and cached).
 */
@ApplicationScoped
public class TokenService {
  static final String KEY_FILE = "token-signing.jwk";

  /** The archivist token written at start-up for the operator of an embedded archive. */
  public static final String BOOTSTRAP_TOKEN_FILE = "archivist.token";

  private static final System.Logger LOG = System.getLogger(TokenService.class.getName());
  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.PS256);

  private AuthSettings settings;
  private Path keys;
  private Clock clock;
  private RSAKey signingKey;
  private DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext> own;
  private DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext> external;

  protected TokenService() {}

  @Inject
  public TokenService(AuthSettings settings, PlatformSettings platform, Clock clock) {
    this(settings, platform.keys(), clock);
  }

  public TokenService(AuthSettings settings, Path keyDirectory, Clock clock) {
    this.settings = settings;
    this.keys = keyDirectory;
    this.clock = clock;
  }

  @PostConstruct
  void init() {
    signingKey = loadOrCreateKey(keys.resolve(KEY_FILE));
    own =
        processor(
            new ImmutableJWKSet<>(new JWKSet(signingKey.toPublicJWK())),
            settings.issuer(),
            Optional.empty());
    external =
        settings
            .external()
            .map(
                e -> {
                  try {
                    JWKSource<com.nimbusds.jose.proc.SecurityContext> source =
                        JWKSourceBuilder.create(
                                e.jwks().toURL(), new DefaultResourceRetriever(5000, 5000, 1 << 20))
                            .retrying(true)
                            .build();
                    return processor(source, e.issuer(), e.audience());
                  } catch (MalformedURLException ex) {
                    throw new IllegalStateException("Bad archive.auth.external.jwks-url", ex);
                  }
                })
            .orElse(null);
  }

  /** An issued token and what it says. */
  public record Issued(String token, String subject, List<String> groups, Instant expiresAt) {}

  /** Signs a token for {@code subject} with {@code groups} (roles and other groups). */
  public Issued issue(String subject, Collection<String> groups, Duration lifetime) {
    Instant now = clock.instant();
    Instant expires = now.plus(lifetime);
    List<String> groupList = List.copyOf(new LinkedHashSet<>(groups));
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(settings.issuer())
            .subject(subject)
            .claim("upn", subject)
            .claim("groups", groupList)
            .audience("dpps-archive")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(signingKey));
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign a token", e);
    }
    return new Issued(jwt.serialize(), subject, groupList, expires);
  }

  /**
   * Verifies a bearer token (signature, issuer, expiry) and returns its caller.
   *
   * @throws ArchiveException {@link ErrorCode#TOKEN_INVALID} with the reason
   */
  public Caller verify(String token) {
    String issuer;
    try {
      issuer = SignedJWT.parse(token).getJWTClaimsSet().getIssuer();
    } catch (ParseException e) {
      throw invalid("the bearer token is not a signed JWT");
    }
    DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext> processor;
    String groupsClaim = "groups";
    if (settings.issuer().equals(issuer)) {
      processor = own;
    } else if (external != null && settings.external().get().issuer().equals(issuer)) {
      processor = external;
      groupsClaim = settings.external().get().groupsClaim();
    } else {
      throw invalid("tokens of issuer '" + issuer + "' are not trusted here");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (BadJOSEException e) {
      throw invalid(e.getMessage());
    } catch (ParseException | JOSEException e) {
      throw invalid("the token cannot be verified: " + e.getMessage());
    }
    return new Caller(claims.getSubject(), issuer, groups(claims.getClaim(groupsClaim)));
  }

  /** When a valid token expires (for session cookies), or empty if it is not valid. */
  public Optional<Instant> expiry(String token) {
    try {
      verify(token);
      return Optional.ofNullable(SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime())
          .map(Date::toInstant);
    } catch (ArchiveException | ParseException e) {
      return Optional.empty();
    }
  }

  /** The public keys of the archive's own issuer, as a JWK set. */
  public Map<String, Object> publicKeys() {
    return new JWKSet(signingKey.toPublicJWK()).toJSONObject(true);
  }

  /**
   * Writes an archivist token to {@code keys/archivist.token} (owner-only) unless the one there is
   * still valid for more than a day; returns the file.
   */
  public Path ensureBootstrapToken() {
    Path file = keys.resolve(BOOTSTRAP_TOKEN_FILE);
    try {
      if (Files.isRegularFile(file)) {
        String existing = Files.readString(file, StandardCharsets.US_ASCII).trim();
        Optional<Instant> expiry = expiry(existing);
        if (expiry.isPresent() && expiry.get().isAfter(clock.instant().plus(Duration.ofDays(1)))) {
          return file;
        }
      }
      Issued issued = issue("archive-operator", List.of("archivist"), settings.bootstrapLifetime());
      writePrivate(file, issued.token() + "\n");
      LOG.log(
          System.Logger.Level.INFO,
          "Archivist token written to {0} (valid until {1})",
          file,
          issued.expiresAt());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the archivist token " + file, e);
    }
  }

  private static Set<String> groups(Object claim) {
    Set<String> groups = new LinkedHashSet<>();
    if (claim instanceof Collection<?> c) {
      c.forEach(x -> groups.add(String.valueOf(x)));
    } else if (claim instanceof String s) {
      for (String g : s.trim().split("[\\s,]+")) {
        if (!g.isEmpty()) {
          groups.add(g);
        }
      }
    }
    return groups;
  }

  private DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext> processor(
      JWKSource<com.nimbusds.jose.proc.SecurityContext> keys,
      String issuer,
      Optional<String> audience) {
    DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext> p = new DefaultJWTProcessor<>();
    p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    DefaultJWTClaimsVerifier<com.nimbusds.jose.proc.SecurityContext> verifier =
        new DefaultJWTClaimsVerifier<>(
            audience.orElse(null),
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            Set.of("sub", "exp"));
    verifier.setMaxClockSkew((int) settings.clockSkew().toSeconds());
    p.setJWTClaimsSetVerifier(verifier);
    return p;
  }

  private static RSAKey loadOrCreateKey(Path file) {
    try {
      if (Files.isRegularFile(file)) {
        return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
      }
      RSAKey key =
          new RSAKeyGenerator(2048)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .keyIDFromThumbprint(true)
              .generate();
      writePrivate(file, key.toJSONString());
      LOG.log(System.Logger.Level.INFO, "New token signing key {0} in {1}", key.getKeyID(), file);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write the token signing key " + file, e);
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("Unusable token signing key " + file, e);
    }
  }

  private static void writePrivate(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    }
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    try (var channel =
        java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static ArchiveException invalid(String reason) {
    return new ArchiveException(ErrorCode.TOKEN_INVALID, "Invalid bearer token: " + reason);
  }

  /** The archive's own issuer and the external one, for the operator's log. */
  public List<String> trustedIssuers() {
    List<String> issuers = new ArrayList<>(List.of(settings.issuer()));
    settings.external().ifPresent(e -> issuers.add(e.issuer() + " (" + e.jwks() + ")"));
    return issuers;
  }
}
