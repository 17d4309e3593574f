package org.dpps.archive.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Configuration of authentication, keys {@code archive.auth.*}: the archive's own issuer (on by
 * default, keys under {@code archive.home/keys}) and, optionally, an external OIDC issuer given by
 * its JWKS URL.
 */
@ApplicationScoped
public class AuthSettings {
  private String issuer;
  private Duration maxTokenLifetime;
  private Duration bootstrapLifetime;
  private Optional<External> external;
  private Duration clockSkew;

  /** The largest clock skew that may be configured. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  protected AuthSettings() {}

  @Inject
  public AuthSettings(
      @ConfigProperty(name = "archive.auth.issuer", defaultValue = "urn:dpps-archive")
          String issuer,
      @ConfigProperty(name = "archive.auth.max-token-lifetime", defaultValue = "P366D")
          String maxTokenLifetime,
      @ConfigProperty(name = "archive.auth.bootstrap-token-lifetime", defaultValue = "P30D")
          String bootstrapLifetime,
      @ConfigProperty(name = "archive.auth.external.jwks-url") Optional<String> jwksUrl,
      @ConfigProperty(name = "archive.auth.external.issuer") Optional<String> externalIssuer,
      @ConfigProperty(name = "archive.auth.external.audience") Optional<String> audience,
      @ConfigProperty(name = "archive.auth.external.groups-claim", defaultValue = "groups")
          String groupsClaim,
      @ConfigProperty(name = "archive.auth.clock-skew", defaultValue = "PT5S") String clockSkew) {
    this.clockSkew = Duration.parse(clockSkew.trim());
    if (this.clockSkew.isNegative() || this.clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new IllegalStateException(
          "archive.auth.clock-skew must be between PT0S and " + MAX_CLOCK_SKEW + ": " + clockSkew);
    }
    this.issuer = issuer.trim();
    this.maxTokenLifetime = Duration.parse(maxTokenLifetime.trim());
    this.bootstrapLifetime = Duration.parse(bootstrapLifetime.trim());
    Optional<String> url = jwksUrl.map(String::trim).filter(s -> !s.isEmpty());
    if (url.isPresent() && externalIssuer.filter(s -> !s.isBlank()).isEmpty()) {
      throw new IllegalStateException(
          "archive.auth.external.jwks-url is set but archive.auth.external.issuer is not");
    }
    this.external =
        url.map(
            u ->
                new External(
                    URI.create(u),
                    externalIssuer.get().trim(),
                    audience.map(String::trim).filter(s -> !s.isEmpty()),
                    groupsClaim.trim()));
  }

  /**
   * An external issuer.
   *
   * @param jwks where its public keys are published
   * @param issuer the {@code iss} its tokens carry
   * @param audience the {@code aud} its tokens must carry, if any
   * @param groupsClaim the claim holding roles and groups ({@code groups} in MicroProfile JWT)
   */
  public record External(URI jwks, String issuer, Optional<String> audience, String groupsClaim) {}

  /** The {@code iss} of the archive's own tokens. */
  public String issuer() {
    return issuer;
  }

  public Duration maxTokenLifetime() {
    return maxTokenLifetime;
  }

  public Duration bootstrapLifetime() {
    return bootstrapLifetime;
  }

  public Optional<External> external() {
    return external;
  }

  /**
   * How far past its {@code exp} (or before its {@code nbf}) a token is still accepted, for clocks
   * that differ between the issuer and the archive.
   */
  public Duration clockSkew() {
    return clockSkew;
  }
}
