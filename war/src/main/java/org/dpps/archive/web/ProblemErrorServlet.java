package org.dpps.archive.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * The error page of the web container (see {@code WEB-INF/web.xml}): what the container answers
 * itself, before or outside JAX-RS (a path outside the API, such as {@code /api/../etc/passwd} once
 * normalised, a missing static file, an exception a servlet let through), becomes a problem
 * document with a stable code like every answer of the API, instead of the container's HTML page.
 */
@WebServlet(urlPatterns = ProblemErrorServlet.PATH)
public class ProblemErrorServlet extends HttpServlet {
  static final String PATH = "/.problem";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = statusAttribute instanceof Integer i ? i : HttpServletResponse.SC_NOT_FOUND;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    ErrorCode code = ProblemResponses.forStatus(status);
    String detail =
        switch (status) {
          case 404 -> "No such resource";
          case 405 -> "Method not allowed on this resource";
          default -> status >= 500 ? "The request could not be completed" : code.title();
        };
    Map<String, Object> body =
        ProblemResponses.body(
            code, status, detail, null, uri == null ? request.getRequestURI() : uri.toString());
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(ProblemResponses.PROBLEM_JSON.toString());
    response.setCharacterEncoding("UTF-8");
    if (!"HEAD".equals(request.getMethod())) {
      JSON.writeValue(response.getOutputStream(), body);
    }
  }
}
