package org.dpps.archive.web;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.dpps.archive.platform.error.ErrorCode;

/** Anything unexpected: logged with its stack, answered as ARCHIVE-500 without internals. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {
  private static final System.Logger LOG =
      System.getLogger(UnexpectedExceptionMapper.class.getName());
  @Context UriInfo uri;

  @Override
  public Response toResponse(RuntimeException e) {
    LOG.log(System.Logger.Level.ERROR, "ARCHIVE-500 unexpected failure", e);
    return ProblemResponses.of(
        ErrorCode.INTERNAL,
        500,
        "Unexpected failure (" + e.getClass().getSimpleName() + "); see the server log",
        null,
        ProblemResponses.requestPath(uri));
  }
}
