package org.dpps.archive.access.infrastructure.search;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpps.archive.access.domain.SearchQuery;
import org.dpps.archive.access.domain.SearchResult;
import org.dpps.archive.access.infrastructure.jpa.CatalogueEntryEntity;
import org.dpps.archive.access.infrastructure.jpa.CatalogueRows;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.spatial.DistanceUnit;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;

/** Runs catalogue searches on the Lucene index with Hibernate Search. */
public final class CatalogueSearch {
  /** Mean Earth radius used by Lucene's distance queries; the cone is mapped onto that sphere. */
  static final double SPHERE_RADIUS_METERS = 6_371_008.7714;

  private static final Map<String, String> FACETS =
      Map.of(
          "level", "level",
          "target", "target",
          "instrument", "instrument",
          "site", "site",
          "format", "format");

  private CatalogueSearch() {}

  public static SearchResult search(EntityManager em, SearchQuery query) {
    SearchSession session = Search.session(em);
    Map<String, AggregationKey<Map<String, Long>>> keys = new LinkedHashMap<>();
    FACETS.keySet().forEach(name -> keys.put(name, AggregationKey.of(name)));
    AggregationKey<Map<Integer, Long>> yearKey = AggregationKey.of("year");
    var step = session.search(CatalogueEntryEntity.class).where(f -> predicate(f, query));
    var options =
        step.sort(
            f ->
                f.composite(
                    c -> {
                      if (query.text().isPresent()) {
                        c.add(f.score());
                      }
                      c.add(f.field("productId"));
                    }));
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
      DescriptiveRecord r = CatalogueRows.record(row);
      hits.add(
          new SearchResult.Hit(
              r.productId(),
              r.version(),
              r.description(),
              r.dataLevels(),
              r.object(),
              r.obsId(),
              r.raPnt(),
              r.decPnt(),
              r.timeStart(),
              r.timeStop(),
              r.instrument(),
              r.files().isEmpty() ? null : r.files().get(0).mediaType(),
              r.totalSize(),
              r.files().size(),
              r.depositedAt(),
              "/api/v1/products/" + r.productId()));
    }
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    keys.forEach((name, key) -> facets.put(name, result.aggregation(key)));
    Map<String, Long> years = new LinkedHashMap<>();
    result.aggregation(yearKey).forEach((y, n) -> years.put(String.valueOf(y), n));
    facets.put("year", years);
    return new SearchResult(result.total().hitCount(), query.page(), query.size(), hits, facets);
  }

  private static org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep predicate(
      SearchPredicateFactory f, SearchQuery query) {
    BooleanPredicateClausesStep<?> bool = f.bool().must(f.matchAll());
    query
        .text()
        .filter(t -> !t.isBlank())
        .ifPresent(
            text ->
                bool.must(
                    f.simpleQueryString()
                        .field("targetText")
                        .boost(3f)
                        .field("description")
                        .matching(text)
                        .defaultOperator(
                            org.hibernate.search.engine.search.common.BooleanOperator.AND)));
    query.level().ifPresent(level -> bool.filter(f.match().field("level").matching(level)));
    query
        .target()
        .ifPresent(
            t -> bool.filter(f.match().field("target").matching(t.toLowerCase(Locale.ROOT))));
    query.instrument().ifPresent(i -> bool.filter(f.match().field("instrument").matching(i)));
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
}
