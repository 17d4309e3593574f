package org.dpps.archive.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own errors (no such resource, method not allowed, ...) as problems too. A parameter that
 * cannot be converted (JAX-RS answers 404 for a query or path parameter, e.g. {@code ?limit=abc})
 * is a bad request, {@code ARCHIVE-400}, naming the parameter.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  @Context UriInfo uri;

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String detail = e.getMessage();
    java.util.Optional<String> parameter = badParameter(e);
    if (parameter.isPresent()) {
      status = 400;
      detail =
          parameter.get()
              + " is not valid"
              + (e.getCause() == null || e.getCause().getMessage() == null
                  ? ""
                  : ": " + e.getCause().getMessage());
    }
    return ProblemResponses.of(
        ProblemResponses.forStatus(status),
        status,
        detail,
        null,
        ProblemResponses.requestPath(uri));
  }

  /**
   * The parameter a runtime could not convert ({@code "Query parameter 'limit'"}), when that is
   * what {@code e} reports. Jersey's {@code ParamException} is read by reflection: the runtime is
   * the container's, not a dependency of the archive.
   */
  static java.util.Optional<String> badParameter(WebApplicationException e) {
    for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getSimpleName().equals("ParamException")) {
        String kind = e.getClass().getSimpleName().replace("ParamException", "");
        String name = call(e, "getParameterName");
        return java.util.Optional.of(
            (kind.isEmpty() ? "Parameter" : kind + " parameter")
                + (name == null ? "" : " '" + name + "'"));
      }
    }
    return java.util.Optional.empty();
  }

  private static String call(Object target, String method) {
    try {
      Object value = target.getClass().getMethod(method).invoke(target);
      return value == null ? null : value.toString();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
