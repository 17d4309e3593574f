package org.dpps.archive.access.interfaces.rest;

import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dpps.archive.access.domain.SearchQuery;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * The search parameters shared by {@code GET /api/v1/search} and {@code GET /api/v1/bundles/dl3}
 * ({@code @BeanParam}). Bad values are {@code ACCESS-004} problems.
 */
public class SearchParameters {
  static final int DEFAULT_SIZE = 20;

  @QueryParam("q")
  String q;

  @QueryParam("level")
  String level;

  @QueryParam("target")
  String target;

  @QueryParam("instrument")
  String instrument;

  @QueryParam("site")
  String site;

  @QueryParam("year")
  String year;

  @QueryParam("format")
  String format;

  @QueryParam("from")
  String from;

  @QueryParam("to")
  String to;

  @QueryParam("ra")
  String ra;

  @QueryParam("dec")
  String dec;

  @QueryParam("radius")
  String radius;

  @QueryParam("sort")
  String sort;

  @QueryParam("page")
  String page;

  @QueryParam("size")
  String size;

  /** For JAX-RS. */
  public SearchParameters() {}

  /** The query with the request's {@code page} and {@code size} (default 1 and 20). */
  SearchQuery toQuery() {
    return toQuery(
        page == null ? 1 : integer("page", page),
        size == null ? DEFAULT_SIZE : integer("size", size));
  }

  /** The query for the given page; {@code page} and {@code size} of the request are ignored. */
  SearchQuery toQuery(int pageNumber, int pageSize) {
    return new SearchQuery(
        text(q),
        text(level),
        text(target),
        text(instrument),
        instant("from", from),
        instant("to", to),
        cone(),
        text(site),
        text(year).map(y -> integer("year", y)),
        text(format),
        false,
        text(sort).map(SearchQuery.Sort::parse).orElse(SearchQuery.Sort.RELEVANCE),
        pageNumber,
        pageSize);
  }

  /** The search criteria given (not page, size or sort), in a fixed order: for humans. */
  public Map<String, String> criteria() {
    Map<String, String> given = new LinkedHashMap<>();
    String[][] all = {
      {"q", q},
      {"level", level},
      {"target", target},
      {"instrument", instrument},
      {"site", site},
      {"year", year},
      {"format", format},
      {"from", from},
      {"to", to},
      {"ra", ra},
      {"dec", dec},
      {"radius", radius}
    };
    for (String[] p : all) {
      text(p[1]).ifPresent(v -> given.put(p[0], v));
    }
    return given;
  }

  private Optional<SearchQuery.Cone> cone() {
    if (ra == null && dec == null && radius == null) {
      return Optional.empty();
    }
    if (ra == null || dec == null || radius == null) {
      throw bad("A cone search needs ra, dec and radius together");
    }
    return Optional.of(
        new SearchQuery.Cone(number("ra", ra), number("dec", dec), number("radius", radius)));
  }

  private static Optional<String> text(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw bad(name + " must be an integer, got '" + value + "'");
    }
  }

  private static double number(String name, String value) {
    try {
      double d = Double.parseDouble(value.trim());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw bad(name + " must be a number, got '" + value + "'");
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
        throw bad(name + " must be an ISO date or instant (2024-01-02 or 2024-01-02T03:04:05Z)");
      }
    }
  }

  private static ArchiveException bad(String message) {
    return new ArchiveException(ErrorCode.BAD_SEARCH_PARAMETER, message);
  }
}
