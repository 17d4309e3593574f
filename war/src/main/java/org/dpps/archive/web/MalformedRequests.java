package org.dpps.archive.web;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.regex.Pattern;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * Refuses, before anything else, a request whose path or query string has a malformed
 * percent-encoding ({@code %} not followed by two hex digits, as in {@code ?q=%%} or {@code
 * ?limit=%zz}): a runtime would otherwise decode it leniently and answer as if something else had
 * been asked (an empty search, a 404). {@code ARCHIVE-400}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class MalformedRequests implements ContainerRequestFilter {
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  /** The request as the client sent it: JAX-RS's request URI has been re-encoded already. */
  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    if (servletRequest != null) {
      check("path", servletRequest.getRequestURI());
      check("query string", servletRequest.getQueryString());
    } else {
      java.net.URI uri = request.getUriInfo().getRequestUri();
      check("path", uri.getRawPath());
      check("query string", uri.getRawQuery());
    }
  }

  static void check(String part, String raw) {
    if (raw != null && BAD_ESCAPE.matcher(raw).find()) {
      throw new ArchiveException(
          ErrorCode.BAD_REQUEST,
          "Malformed percent-encoding in the "
              + part
              + ": '%' must be followed by two hexadecimal digits");
    }
  }
}
