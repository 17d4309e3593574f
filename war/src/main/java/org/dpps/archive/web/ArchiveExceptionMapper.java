package org.dpps.archive.web;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.dpps.archive.platform.error.ArchiveException;

/** Every {@link ArchiveException} becomes a problem with its stable code and offending path. */
@Provider
public class ArchiveExceptionMapper implements ExceptionMapper<ArchiveException> {
  private static final System.Logger LOG = System.getLogger(ArchiveExceptionMapper.class.getName());
  @Context UriInfo uri;

  @Override
  public Response toResponse(ArchiveException e) {
    int status = e.code().category().httpStatus();
    if (status >= 500) {
      LOG.log(System.Logger.Level.ERROR, e.code().id() + " " + e.getMessage(), e);
    }
    String instance = e.instance().orElse(ProblemResponses.requestPath(uri));
    Response problem =
        ProblemResponses.of(e.code(), status, e.getMessage(), e.path().orElse(null), instance);
    return status == 401
        ? org.dpps.archive.web.security.Challenges.withBearerChallenge(problem, e.code())
        : problem;
  }
}
