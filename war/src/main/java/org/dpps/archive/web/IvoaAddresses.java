package org.dpps.archive.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The IVOA services at the addresses their clients expect: {@code /tap/...} and {@code
 * /datalink/...} are the resources under {@code /api/v1/tap} and {@code /api/v1/datalink}, reached
 * by a forward inside the server (no redirect: TAP clients POST forms, which a redirect would turn
 * into GETs).
 */
@WebFilter(
    urlPatterns = {"/tap", "/tap/*", "/datalink", "/datalink/*"},
    dispatcherTypes = DispatcherType.REQUEST)
public class IvoaAddresses extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String query = request.getQueryString();
    request
        .getRequestDispatcher("/api/v1" + path + (query == null ? "" : "?" + query))
        .forward(request, response);
  }
}
