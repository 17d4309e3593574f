package org.dpps.archive.access.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * A catalogue search: free text, exact filters, a time window that must overlap the observation, a
 * cone on the sky, and the order of the hits. Rejects impossible values at construction.
 *
 * @param site exact {@code CTA INSTRUMENT SITE}
 * @param year year (UTC) of the observation start, as in the {@code year} facet
 * @param format exact media type of the product's (first) file, as in the {@code format} facet
 * @param eventListsOnly only products that hold DL3 event lists: data level {@code DL3} or a GADF
 *     {@code EVENTS} HDU in their files
 */
public record SearchQuery(
    Optional<String> text,
    Optional<String> level,
    Optional<String> target,
    Optional<String> instrument,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<Cone> cone,
    Optional<String> site,
    Optional<Integer> year,
    Optional<String> format,
    boolean eventListsOnly,
    Sort sort,
    int page,
    int size) {

  public static final int MAX_SIZE = 500;

  public SearchQuery {
    Objects.requireNonNull(text);
    Objects.requireNonNull(level);
    Objects.requireNonNull(target);
    Objects.requireNonNull(instrument);
    Objects.requireNonNull(from);
    Objects.requireNonNull(to);
    Objects.requireNonNull(cone);
    Objects.requireNonNull(site);
    Objects.requireNonNull(year);
    Objects.requireNonNull(format);
    Objects.requireNonNull(sort);
    if (page < 1) {
      throw invalid("page must be 1 or more");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw invalid("size must be between 1 and " + MAX_SIZE);
    }
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw invalid("from is after to");
    }
    text.ifPresent(
        t -> {
          if (t.length() > 1000) {
            throw invalid("q is longer than 1000 characters");
          }
        });
    year.ifPresent(
        y -> {
          if (y < 1 || y > 9999) {
            throw invalid("year must be between 1 and 9999");
          }
        });
  }

  /** The search of the first API version: no site, year or format filter, relevance order. */
  public SearchQuery(
      Optional<String> text,
      Optional<String> level,
      Optional<String> target,
      Optional<String> instrument,
      Optional<Instant> from,
      Optional<Instant> to,
      Optional<Cone> cone,
      int page,
      int size) {
    this(
        text,
        level,
        target,
        instrument,
        from,
        to,
        cone,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Sort.RELEVANCE,
        page,
        size);
  }

  /** The same search, another page. */
  public SearchQuery page(int number, int pageSize) {
    return new SearchQuery(
        text,
        level,
        target,
        instrument,
        from,
        to,
        cone,
        site,
        year,
        format,
        eventListsOnly,
        sort,
        number,
        pageSize);
  }

  /** The same search in another order. */
  public SearchQuery sortedBy(Sort order) {
    return new SearchQuery(
        text,
        level,
        target,
        instrument,
        from,
        to,
        cone,
        site,
        year,
        format,
        eventListsOnly,
        order,
        page,
        size);
  }

  /** The same search restricted to products that hold DL3 event lists. */
  public SearchQuery onlyEventLists() {
    return new SearchQuery(
        text,
        level,
        target,
        instrument,
        from,
        to,
        cone,
        site,
        year,
        format,
        true,
        sort,
        page,
        size);
  }

  /** A cone on the sky, in degrees (ICRS). */
  public record Cone(double ra, double dec, double radius) {
    public Cone {
      if (!(ra >= 0 && ra <= 360)) {
        throw invalid("ra must be in [0, 360] degrees");
      }
      if (!(dec >= -90 && dec <= 90)) {
        throw invalid("dec must be in [-90, 90] degrees");
      }
      if (!(radius > 0 && radius <= 180)) {
        throw invalid("radius must be in (0, 180] degrees");
      }
    }
  }

  /**
   * The order of the hits, always followed by the product id so that pages are stable. {@link
   * Key#RELEVANCE} without free text is the product id order.
   */
  public record Sort(Key key, boolean descending) {
    public static final Sort RELEVANCE = new Sort(Key.RELEVANCE, false);
    public static final Sort PRODUCT_ID = new Sort(Key.PRODUCT_ID, false);

    public Sort {
      Objects.requireNonNull(key);
      if (key == Key.RELEVANCE && descending) {
        throw invalid("sort '-relevance' is not supported: relevance is best first");
      }
    }

    /** What the hits can be ordered by, with the name the API uses. */
    public enum Key {
      RELEVANCE("relevance"),
      TIME("time"),
      TARGET("target"),
      OBS_ID("obsId"),
      DEPOSITED("deposited"),
      PRODUCT_ID("productId");

      private final String apiName;

      Key(String apiName) {
        this.apiName = apiName;
      }

      public String apiName() {
        return apiName;
      }
    }

    /**
     * Parses {@code relevance}, {@code time}, {@code target}, {@code obsId}, {@code deposited} or
     * {@code productId}, each (but relevance) optionally prefixed with {@code -} for descending
     * order.
     */
    public static Sort parse(String value) {
      String v = value.strip();
      boolean descending = v.startsWith("-");
      String name = descending ? v.substring(1) : v;
      for (Key key : Key.values()) {
        if (key.apiName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
          return new Sort(key, descending);
        }
      }
      throw invalid(
          "sort must be one of relevance, time, -time, target, -target, obsId, -obsId, deposited,"
              + " -deposited, productId, -productId; got '"
              + value
              + "'");
    }

    @Override
    public String toString() {
      return (descending ? "-" : "") + key.apiName;
    }
  }

  static ArchiveException invalid(String message) {
    return new ArchiveException(ErrorCode.BAD_SEARCH_PARAMETER, message);
  }
}
