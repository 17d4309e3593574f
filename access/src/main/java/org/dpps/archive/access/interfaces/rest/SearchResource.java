package org.dpps.archive.access.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.dpps.archive.access.application.Searching;
import org.dpps.archive.access.domain.SearchQuery;
import org.dpps.archive.access.domain.SearchResult;
import org.dpps.archive.schemas.error.ArchiveException;
import org.dpps.archive.schemas.error.ErrorCode;
import org.dpps.archive.schemas.security.Public;

/** {@code /api/v1/search}: free text, filters, cone search, facets. */
@Public
@Path("/search")
@RequestScoped
public class SearchResource {
  private Searching searching;

  protected SearchResource() {}

  @Inject
  public SearchResource(Searching searching) {
    this.searching = searching;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public SearchResult search(
      @QueryParam("q") String q,
      @QueryParam("level") String level,
      @QueryParam("target") String target,
      @QueryParam("instrument") String instrument,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("ra") String ra,
      @QueryParam("dec") String dec,
      @QueryParam("radius") String radius,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    Optional<SearchQuery.Cone> cone = Optional.empty();
    if (ra != null || dec != null || radius != null) {
      if (ra == null || dec == null || radius == null) {
        throw new ArchiveException(
            ErrorCode.BAD_SEARCH_PARAMETER, "A cone search needs ra, dec and radius together");
      }
      cone =
          Optional.of(
              new SearchQuery.Cone(number("ra", ra), number("dec", dec), number("radius", radius)));
    }
    return searching.search(
        new SearchQuery(
            text(q),
            text(level),
            text(target),
            text(instrument),
            instant("from", from),
            instant("to", to),
            cone,
            page == null ? 1 : (int) number("page", page),
            size == null ? 20 : (int) number("size", size)));
  }

  private static Optional<String> text(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static double number(String name, String value) {
    try {
      double d = Double.parseDouble(value.trim());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ArchiveException(
          ErrorCode.BAD_SEARCH_PARAMETER, name + " must be a number, got '" + value + "'");
    }
  }

  /**
   * ISO instants ({@code 2024-01-02T03:04:05Z}) or dates ({@code 2024-01-02}, start of day UTC).
   */
  private static Optional<Instant> instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(value.trim()));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(LocalDate.parse(value.trim()).atStartOfDay().toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e2) {
        throw new ArchiveException(
            ErrorCode.BAD_SEARCH_PARAMETER,
            name + " must be an ISO date or instant (2024-01-02 or 2024-01-02T03:04:05Z)");
      }
    }
  }
}
