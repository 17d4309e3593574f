package org.dpps.archive.web.security;

import jakarta.ws.rs.core.Response;
import org.dpps.archive.platform.error.ErrorCode;

/** The {@code WWW-Authenticate} challenge of a 401 (RFC 6750). */
public final class Challenges {
  private Challenges() {}

  public static Response withBearerChallenge(Response problem, ErrorCode code) {
    String challenge =
        code == ErrorCode.TOKEN_INVALID
            ? "Bearer realm=\"dpps-archive\", error=\"invalid_token\""
            : "Bearer realm=\"dpps-archive\"";
    return Response.fromResponse(problem).header("WWW-Authenticate", challenge).build();
  }
}
