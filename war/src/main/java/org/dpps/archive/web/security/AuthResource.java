package org.dpps.archive.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.security.Caller;
import org.dpps.archive.platform.security.Public;
import org.dpps.archive.platform.security.Role;

/** {@code /api/v1/auth}: who am I, the portal's session cookie, the archive's public keys. */
@Path("/auth")
@RequestScoped
public class AuthResource {
  @Inject TokenService tokens;
  @Inject Clock clock;
  @Context SecurityContext security;
  @Context HttpHeaders headers;

  static Caller caller(SecurityContext security) {
    return Caller.of(security.getUserPrincipal());
  }

  /** Who the request's token says the caller is. */
  public record WhoAmI(
      String subject, String issuer, List<String> groups, List<String> roles, boolean anonymous) {}

  @GET
  @Path("whoami")
  @Public
  @Produces(MediaType.APPLICATION_JSON)
  public WhoAmI whoami() {
    Caller c = caller(security);
    List<String> roles = new ArrayList<>();
    for (Role r : Role.values()) {
      if (c.has(r)) {
        roles.add(r.claim());
      }
    }
    return new WhoAmI(
        c.subject(), c.issuer(), c.groups().stream().sorted().toList(), roles, c.anonymous());
  }

  /** The public keys of the archive's own tokens (JWKS). */
  @GET
  @Path("jwks")
  @Public
  @Produces({"application/jwk-set+json", MediaType.APPLICATION_JSON})
  public Map<String, Object> jwks() {
    return tokens.publicKeys();
  }

  /**
   * Turns the request's bearer token into an HttpOnly session cookie, so that plain links in the
   * portal (downloads of embargoed files) carry it. The cookie lives as long as the token.
   */
  @POST
  @Path("session")
  @Public
  @Produces(MediaType.APPLICATION_JSON)
  public Response openSession() {
    Caller c = caller(security);
    String header = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (c.anonymous() || header == null) {
      throw new ArchiveException(
          ErrorCode.UNAUTHENTICATED, "A session needs 'Authorization: Bearer <token>'");
    }
    String token = header.trim().split("\\s+", 2)[1].trim();
    Instant expires = tokens.expiry(token).orElseThrow();
    int maxAge = (int) Math.max(1, Duration.between(clock.instant(), expires).toSeconds());
    return Response.ok(whoami()).cookie(cookie(token, maxAge)).build();
  }

  @DELETE
  @Path("session")
  @Public
  public Response closeSession() {
    return Response.noContent().cookie(cookie("", 0)).build();
  }

  private NewCookie cookie(String value, int maxAge) {
    return new NewCookie.Builder(BearerAuthentication.SESSION_COOKIE)
        .value(value)
        .path("/")
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(security.isSecure())
        .sameSite(NewCookie.SameSite.STRICT)
        .build();
  }
}
