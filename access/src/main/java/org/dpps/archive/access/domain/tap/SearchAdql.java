package org.dpps.archive.access.domain.tap;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpps.archive.access.domain.SearchQuery;

/**
 * The ADQL query over ObsCore that reproduces a catalogue search, for astronomers who continue in
 * TOPCAT or pyvo: the filters that have an exact ADQL equivalent become conditions; the others are
 * named in {@link #notExpressed()} (free text, the file format), never approximated.
 *
 * @param adql the query (ObsCore joined with {@code ctao.observation} when site or level is used)
 * @param notExpressed the search's filters that the query leaves out, in words
 */
public record SearchAdql(String adql, List<String> notExpressed) {
  public SearchAdql {
    notExpressed = List.copyOf(notExpressed);
  }

  /** Whether the query selects exactly the search's products that ObsCore lists. */
  public boolean exact() {
    return notExpressed.isEmpty();
  }

  /** The ADQL of {@code query}. */
  public static SearchAdql of(SearchQuery query) {
    List<String> where = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    boolean join = query.site().isPresent() || query.level().isPresent();
    query
        .text()
        .ifPresent(
            t -> {
              if (t.strip().matches("[0-9]{1,18}")) {
                where.add("o.obs_id = " + literal(t.strip()));
              } else {
                missing.add("the free text \"" + t + "\" (ADQL has no full-text search)");
              }
            });
    query
        .level()
        .ifPresent(
            l -> where.add("(',' || c.data_levels || ',') LIKE " + literal("%," + l + ",%")));
    query
        .target()
        .ifPresent(t -> where.add("LOWER(o.target_name) = " + literal(t.toLowerCase(Locale.ROOT))));
    query.instrument().ifPresent(i -> where.add("o.instrument_name = " + literal(i)));
    query.site().ifPresent(s -> where.add("c.site = " + literal(s)));
    query
        .from()
        .ifPresent(f -> where.add("o.t_max >= " + number(ObsCorePublication.mjd(f.toString()))));
    query
        .to()
        .ifPresent(t -> where.add("o.t_min <= " + number(ObsCorePublication.mjd(t.toString()))));
    query
        .year()
        .ifPresent(
            y -> {
              double start = mjdOf(LocalDate.of(y, 1, 1));
              double end = mjdOf(LocalDate.of(y + 1, 1, 1));
              where.add("o.t_min >= " + number(start) + " AND o.t_min < " + number(end));
            });
    query
        .cone()
        .ifPresent(
            c ->
                where.add(
                    "1 = CONTAINS(POINT('ICRS', o.s_ra, o.s_dec), CIRCLE('ICRS', "
                        + number(c.ra())
                        + ", "
                        + number(c.dec())
                        + ", "
                        + number(c.radius())
                        + "))"));
    query.format().ifPresent(f -> missing.add("the file format " + f + " (not in ObsCore)"));
    if (query.eventListsOnly()) {
      where.add("o.dataproduct_type = 'event'");
    }
    StringBuilder adql =
        new StringBuilder(
            "SELECT o.obs_id, o.target_name, o.s_ra, o.s_dec, o.t_min, o.t_max, o.em_min,"
                + " o.em_max, o.dataproduct_type, o.calib_level, o.obs_publisher_did,"
                + " o.access_url\nFROM ivoa.obscore AS o");
    if (join) {
      adql.append("\nJOIN ctao.observation AS c ON c.obs_publisher_did = o.obs_publisher_did");
    }
    if (!where.isEmpty()) {
      adql.append("\nWHERE ").append(String.join("\n  AND ", where));
    }
    adql.append("\nORDER BY o.t_min");
    return new SearchAdql(adql.toString(), missing);
  }

  private static double mjdOf(LocalDate day) {
    return ObsCorePublication.mjd(day.atStartOfDay().toInstant(ZoneOffset.UTC).toString());
  }

  /** An ADQL string literal: quotes doubled, so no value can end it. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static String number(double value) {
    return Double.toString(value);
  }
}
