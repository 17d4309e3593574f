package org.dpps.archive.access.infrastructure.search;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpps.archive.access.domain.SearchQuery;
import org.dpps.archive.access.domain.SearchResult;
import org.dpps.archive.access.infrastructure.jpa.CatalogueEntryEntity;
import org.dpps.archive.access.infrastructure.jpa.CatalogueRows;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.sort.dsl.SearchSortFactory;
import org.hibernate.search.engine.search.sort.dsl.SortFinalStep;
import org.hibernate.search.engine.spatial.DistanceUnit;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;

/**
 * Runs catalogue searches on the Lucene index with Hibernate Search. Free text ({@code q}, simple
 * query string syntax, every word required) is matched in target names (boosted), keywords and
 * descriptions and ranked by relevance; the other criteria are exact filters that do not change the
 * ranking.
 */
public final class CatalogueSearch {
  /** Mean Earth radius used by Lucene's distance queries; the cone is mapped onto that sphere. */
  static final double SPHERE_RADIUS_METERS = 6_371_008.7714;

  /** Weight of a free-text match in the target name, against 1 for the description. */
  static final float TARGET_BOOST = 4f;

  /** Weight of a free-text match in the keywords of the SIP manifest. */
  static final float KEYWORD_BOOST = 2f;

  private static final Map<String, String> FACETS =
      Map.of(
          "level", "level",
          "target", "target",
          "instrument", "instrument",
          "site", "site",
          "format", "format");

  private CatalogueSearch() {}

  /** Runs a search; embargoes are judged against the system clock. */
  public static SearchResult search(EntityManager em, SearchQuery query) {
    return search(em, query, Instant.now());
  }

  /**
   * Runs a search: one page of hits in the query's order (then by product id), the total, and the
   * facet counts of the whole filtered result.
   *
   * @param now the instant embargoes are judged against ({@code embargoedUntil} of the hits)
   */
  public static SearchResult search(EntityManager em, SearchQuery query, Instant now) {
    SearchSession session = Search.session(em);
    Map<String, AggregationKey<Map<String, Long>>> keys = new LinkedHashMap<>();
    FACETS.keySet().forEach(name -> keys.put(name, AggregationKey.of(name)));
    AggregationKey<Map<Integer, Long>> yearKey = AggregationKey.of("year");
    var step = session.search(CatalogueEntryEntity.class).where(f -> predicate(f, query));
    var options = step.sort(f -> sort(f, query));
    for (var entry : keys.entrySet()) {
      options =
          options.aggregation(
              entry.getValue(),
              f -> f.terms().field(FACETS.get(entry.getKey()), String.class).maxTermCount(50));
    }
    options =
        options.aggregation(yearKey, f -> f.terms().field("year", Integer.class).maxTermCount(100));
    var result = options.fetch((query.page() - 1) * query.size(), query.size());
    List<SearchResult.Hit> hits = new ArrayList<>();
    for (CatalogueEntryEntity row : result.hits()) {
      hits.add(CatalogueRows.hit(row, now));
    }
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    keys.forEach((name, key) -> facets.put(name, result.aggregation(key)));
    Map<String, Long> years = new LinkedHashMap<>();
    result.aggregation(yearKey).forEach((y, n) -> years.put(String.valueOf(y), n));
    facets.put("year", years);
    return new SearchResult(result.total().hitCount(), query.page(), query.size(), hits, facets);
  }

  /** The query's order, then the product id (ascending) so that pages never overlap. */
  private static SortFinalStep sort(SearchSortFactory f, SearchQuery query) {
    SearchQuery.Sort sort = query.sort();
    return f.composite(
        c -> {
          switch (sort.key()) {
            case RELEVANCE -> {
              if (query.text().filter(t -> !t.isBlank()).isPresent()) {
                c.add(f.score());
              }
            }
            case TIME -> c.add(field(f, "timeStart", sort.descending()));
            case TARGET -> c.add(field(f, "target", sort.descending()));
            case OBS_ID -> c.add(field(f, "obsId", sort.descending()));
            case DEPOSITED -> c.add(field(f, "depositedAt", sort.descending()));
            case PRODUCT_ID -> c.add(field(f, "productId", sort.descending()));
          }
          if (sort.key() != SearchQuery.Sort.Key.PRODUCT_ID) {
            c.add(f.field("productId"));
          }
        });
  }

  /** A field order; products without the field come last either way. */
  private static SortFinalStep field(SearchSortFactory f, String name, boolean descending) {
    return descending
        ? f.field(name).desc().missing().last()
        : f.field(name).asc().missing().last();
  }

  private static org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep predicate(
      SearchPredicateFactory f, SearchQuery query) {
    BooleanPredicateClausesStep<?> bool = f.bool().must(f.matchAll());
    query
        .text()
        .filter(t -> !t.isBlank())
        .ifPresent(
            text -> {
              var words =
                  f.simpleQueryString()
                      .field("targetText")
                      .boost(TARGET_BOOST)
                      .field("keywords")
                      .boost(KEYWORD_BOOST)
                      .field("description")
                      .matching(text)
                      .defaultOperator(
                          org.hibernate.search.engine.search.common.BooleanOperator.AND);
              // a number is also an observation id: q=5002 finds OBS_ID 5002
              java.util.OptionalLong obsId = observationId(text);
              bool.must(
                  obsId.isPresent()
                      ? f.bool()
                          .should(words)
                          .should(f.match().field("obsId").matching(obsId.getAsLong()))
                      : words);
            });
    query.level().ifPresent(level -> bool.filter(f.match().field("level").matching(level)));
    query
        .target()
        .ifPresent(
            t -> bool.filter(f.match().field("target").matching(t.toLowerCase(Locale.ROOT))));
    query.instrument().ifPresent(i -> bool.filter(f.match().field("instrument").matching(i)));
    query.site().ifPresent(site -> bool.filter(f.match().field("site").matching(site)));
    query.year().ifPresent(year -> bool.filter(f.match().field("year").matching(year)));
    query.format().ifPresent(format -> bool.filter(f.match().field("format").matching(format)));
    if (query.eventListsOnly()) {
      bool.filter(
          f.bool()
              .should(f.match().field("level").matching("DL3"))
              .should(f.match().field("hduClass").matching("EVENTS")));
    }
    query.from().ifPresent(from -> bool.filter(f.range().field("timeStop").atLeast(from)));
    query.to().ifPresent(to -> bool.filter(f.range().field("timeStart").atMost(to)));
    query
        .cone()
        .ifPresent(
            cone -> {
              double lon = cone.ra() >= 180 ? cone.ra() - 360 : cone.ra();
              double meters = Math.toRadians(cone.radius()) * SPHERE_RADIUS_METERS;
              bool.filter(
                  f.spatial()
                      .within()
                      .field("pointing")
                      .circle(cone.dec(), lon, meters, DistanceUnit.METERS));
            });
    return bool;
  }

  /** The text as an observation id, when it is one whole number. */
  static java.util.OptionalLong observationId(String text) {
    String t = text.trim();
    if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(Character::isDigit)) {
      return java.util.OptionalLong.empty();
    }
    return java.util.OptionalLong.of(Long.parseLong(t));
  }
}
