package org.dpps.archive.web.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.security.Caller;
import org.dpps.archive.platform.security.Public;
import org.dpps.archive.platform.security.RequiresRole;
import org.dpps.archive.platform.security.Role;
import org.dpps.archive.web.ProblemResponses;

/**
 * Authenticates every API request and checks its roles before the resource runs.
 *
 * <ul>
 *   <li>The token comes from {@code Authorization: Bearer <jwt>}, or for {@code GET}/{@code HEAD}
 *       only from the portal's session cookie. No token: the caller is anonymous. A token that does
 *       not verify: {@code 401 AUTH-002}, never silently anonymous.
 *   <li>Roles: {@link RequiresRole} on the method, else on the class; {@link Public} lets anyone
 *       in; resources that declare neither refuse everyone (a test makes sure every resource
 *       declares its access). Missing role: {@code 401 AUTH-001} for anonymous callers, {@code 403
 *       AUTH-003} for the others. Archivists hold every role.
 * </ul>
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthentication implements ContainerRequestFilter {
  /** The portal's session cookie: the token itself, HttpOnly, SameSite=Strict. */
  public static final String SESSION_COOKIE = "archive_session";

  @Inject TokenService tokens;
  @Context ResourceInfo resource;
  @Context UriInfo uri;

  @Override
  public void filter(ContainerRequestContext request) {
    try {
      Caller caller = authenticate(request).map(tokens::verify).orElse(Caller.ANONYMOUS);
      boolean secure = request.getSecurityContext().isSecure();
      request.setSecurityContext(new CallerContext(caller, secure));
      authorize(caller);
    } catch (ArchiveException e) {
      request.abortWith(
          Challenges.withBearerChallenge(
              ProblemResponses.of(
                  e.code(),
                  e.code().category().httpStatus(),
                  e.getMessage(),
                  null,
                  ProblemResponses.requestPath(uri)),
              e.code()));
    }
  }

  private static Optional<String> authenticate(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header != null && !header.isBlank()) {
      String[] parts = header.trim().split("\\s+", 2);
      if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
        throw new ArchiveException(
            ErrorCode.TOKEN_INVALID,
            "Invalid bearer token: the Authorization header must be 'Bearer <token>'");
      }
      return Optional.of(parts[1].trim());
    }
    String method = request.getMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      Cookie cookie = request.getCookies().get(SESSION_COOKIE);
      if (cookie != null && !cookie.getValue().isBlank()) {
        return Optional.of(cookie.getValue());
      }
    }
    return Optional.empty();
  }

  private void authorize(Caller caller) {
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    if (method == null || type == null) {
      return; // no resource matched: JAX-RS answers 404/405 itself
    }
    if (method.isAnnotationPresent(Public.class)) {
      return;
    }
    RequiresRole required =
        Optional.ofNullable(method.getAnnotation(RequiresRole.class))
            .orElse(type.getAnnotation(RequiresRole.class));
    if (required == null) {
      if (type.isAnnotationPresent(Public.class)) {
        return;
      }
      throw denied(caller, "This operation declares no access rule and is refused");
    }
    if (Arrays.stream(required.value()).noneMatch(caller::has)) {
      throw denied(
          caller,
          "This operation needs the role "
              + String.join(" or ", Arrays.stream(required.value()).map(Role::claim).toList()));
    }
  }

  private static ArchiveException denied(Caller caller, String message) {
    if (caller.anonymous()) {
      return new ArchiveException(
          ErrorCode.UNAUTHENTICATED, message + "; send 'Authorization: Bearer <token>'");
    }
    return new ArchiveException(
        ErrorCode.FORBIDDEN,
        message + "; caller '" + caller.subject() + "' has " + caller.groups());
  }

  /** The JAX-RS security context of an authenticated (or anonymous) caller. */
  record CallerContext(Caller caller, boolean secure) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return caller.anonymous() ? null : caller;
    }

    @Override
    public boolean isUserInRole(String role) {
      return Role.fromClaim(role).map(caller::has).orElse(caller.inGroup(role));
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String getAuthenticationScheme() {
      return caller.anonymous() ? null : "Bearer";
    }
  }
}
