package org.dpps.archive.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dpps.archive.platform.error.ErrorCode;

/** Builds RFC 9457 {@code application/problem+json} responses with the archive's stable codes. */
public final class ProblemResponses {
  public static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");
  static final String TYPE_BASE = "urn:dpps-archive:problem:";

  private ProblemResponses() {}

  /** The path of the request as the client sent it (with {@code /api/v1}), for {@code instance}. */
  public static String requestPath(jakarta.ws.rs.core.UriInfo uri) {
    return uri == null ? null : uri.getRequestUri().getRawPath();
  }

  public static Response of(
      ErrorCode code, int status, String detail, String path, String instance) {
    return Response.status(status)
        .type(PROBLEM_JSON)
        .entity(body(code, status, detail, path, instance))
        .build();
  }

  /** The problem document's members, in the order they are written. */
  public static Map<String, Object> body(
      ErrorCode code, int status, String detail, String path, String instance) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_BASE + code.id());
    body.put("title", code.title());
    body.put("status", status);
    body.put("detail", detail == null ? code.title() : detail);
    if (instance != null) {
      body.put("instance", instance);
    }
    body.put("code", code.id());
    if (path != null) {
      body.put("path", path);
    }
    return body;
  }

  /** The archive's generic code for an HTTP error status the container or JAX-RS answered. */
  public static ErrorCode forStatus(int status) {
    return switch (status) {
      case 404 -> ErrorCode.NOT_FOUND;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
    };
  }
}
