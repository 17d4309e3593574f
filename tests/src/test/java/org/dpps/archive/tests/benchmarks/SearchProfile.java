package org.dpps.archive.tests.benchmarks;

import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.dpps.archive.access.infrastructure.jpa.CatalogueEntryEntity;
import org.dpps.archive.access.infrastructure.jpa.CatalogueRows;
import org.dpps.archive.platform.config.PlatformSettings;
import org.dpps.archive.platform.database.Database;
import org.dpps.archive.storage.application.StorageSettings;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.sort.dsl.SearchSortFactory;
import org.hibernate.search.engine.search.sort.dsl.SortFinalStep;
import org.hibernate.search.engine.spatial.DistanceUnit;
import org.hibernate.search.mapper.orm.Search;

/**
 * Where the time of a catalogue search goes, in process and on one thread (no HTTP, no JSON
 * writing): opens the catalogue of an archive data directory (the server must be stopped) as {@link
 * CatalogueGenerator} does and runs the same random queries as {@link SearchLoad} through the steps
 * of a search, one database transaction per query as the server runs them:
 *
 * <ul>
 *   <li>{@code full}: what {@code CatalogueSearch.search} does (as of 2026-11-24): sort, the six
 *       facets, 20 hits loaded as entities, each hit's {@code record} JSON parsed;
 *   <li>{@code count}: the total hit count only;
 *   <li>{@code facets}: the count and the six facets, no hits;
 *   <li>{@code ids}: the count and 20 sorted hits as ids projected from the index, no facets;
 *   <li>{@code entities}: the count and 20 sorted hits loaded as entities, no facets;
 *   <li>{@code entities+json}: the same, each hit's {@code record} JSON parsed;
 *   <li>{@code ids+columns}: 20 ids from the index, then one JPQL query of the columns a hit shows
 *       (no {@code record} CLOB, no JSON).
 * </ul>
 *
 * <pre>{@code
 * java [-Dprofile.db.url=<jdbc url>] -cp <test classpath> \
 *     org.dpps.archive.tests.benchmarks.SearchProfile <home> [queries]
 * }</pre>
 */
public final class SearchProfile {
  private static final double SPHERE_RADIUS_METERS = 6_371_008.7714;
  private static final List<String> FACETS =
      List.of("level", "target", "instrument", "site", "format");
  private static final int HITS = 20;

  /** A search of the load, in parameters. */
  record Query(String text, String level, String target, double[] cone, Instant from, Instant to) {}

  private SearchProfile() {}

  public static void main(String[] args) {
    Path home = Path.of(args[0]).toAbsolutePath().normalize();
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    StorageSettings settings = StorageSettings.embedded(home);
    // -Dprofile.db.url=... opens the same database with other H2 settings (e.g. ;CACHE_SIZE=...)
    String url =
        System.getProperty("profile.db.url", PlatformSettings.embedded(settings.home()).dbUrl());
    Map<String, BiFunction<EntityManager, Query, Object>> steps = new LinkedHashMap<>();
    steps.put("full", SearchProfile::full);
    steps.put("count", SearchProfile::count);
    steps.put("facets", (em, q) -> withFacets(em, q, 0));
    steps.put("ids", SearchProfile::ids);
    steps.put("entities", (em, q) -> entities(em, q, HITS));
    steps.put(
        "entities+json",
        (em, q) -> entities(em, q, HITS).stream().map(CatalogueRows::record).toList());
    steps.put("ids+columns", SearchProfile::idsAndColumns);
    try (Database database =
        Database.open(
            url,
            PlatformSettings.embedded(settings.home()).dbUser(),
            PlatformSettings.embedded(settings.home()).dbPassword(),
            List.of(CatalogueGenerator.catalogueTypes(settings.searchIndex())))) {
      Map<String, List<Query>> kinds = new LinkedHashMap<>();
      Random random = new Random(7);
      kinds.put("free-text", draw(queries, () -> text(random)));
      kinds.put("faceted", draw(queries, () -> faceted(random)));
      kinds.put("cone", draw(queries, () -> cone(random, false)));
      kinds.put("cone+time", draw(queries, () -> cone(random, true)));
      System.out.printf(
          Locale.ROOT,
          "%-10s %-14s %8s %8s %8s %10s%n",
          "kind",
          "step",
          "mean ms",
          "p50 ms",
          "p99 ms",
          "mean hits");
      for (var kind : kinds.entrySet()) {
        for (var step : steps.entrySet()) {
          run(database, step.getValue(), kind.getValue()); // warm-up
          long[] nanos = run(database, step.getValue(), kind.getValue());
          double hits =
              kind.getValue().stream()
                  .mapToLong(q -> database.fromTransaction(em -> count(em, q)))
                  .average()
                  .orElse(0);
          Arrays.sort(nanos);
          System.out.printf(
              Locale.ROOT,
              "%-10s %-14s %8.2f %8.2f %8.2f %10.0f%n",
              kind.getKey(),
              step.getKey(),
              Arrays.stream(nanos).average().orElse(0) / 1e6,
              nanos[nanos.length / 2] / 1e6,
              nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6,
              hits);
        }
      }
    }
  }

  private static long[] run(
      Database database, BiFunction<EntityManager, Query, Object> step, List<Query> queries) {
    long[] nanos = new long[queries.size()];
    for (int i = 0; i < queries.size(); i++) {
      Query q = queries.get(i);
      long t0 = System.nanoTime();
      database.fromTransaction(em -> step.apply(em, q));
      nanos[i] = System.nanoTime() - t0;
    }
    return nanos;
  }

  private static List<Query> draw(int n, java.util.function.Supplier<Query> next) {
    List<Query> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(next.get());
    }
    return list;
  }

  private static Query text(Random r) {
    int kind = r.nextInt(10);
    String text =
        kind < 4
            ? pick(r, CatalogueGenerator.WORDS)
            : kind < 7
                ? pick(r, CatalogueGenerator.WORDS) + " " + pick(r, CatalogueGenerator.WORDS)
                : pick(r, CatalogueGenerator.KNOWN_TARGETS);
    return new Query(text, null, null, null, null, null);
  }

  private static Query faceted(Random r) {
    return new Query(
        null,
        pick(r, CatalogueGenerator.LEVELS),
        pick(r, CatalogueGenerator.TARGETS),
        null,
        null,
        null);
  }

  private static Query cone(Random r, boolean time) {
    double[] centre = CatalogueGenerator.uniformOnSphere(r);
    double[] cone = {centre[0], centre[1], 0.5 + 4.5 * r.nextDouble()};
    if (!time) {
      return new Query(null, null, null, cone, null, null);
    }
    Instant from =
        Instant.parse("2021-01-01T00:00:00Z")
            .plusSeconds((long) (r.nextDouble() * Duration.ofDays(5 * 365).toSeconds()));
    return new Query(null, null, null, cone, from, from.plus(Duration.ofDays(30 + r.nextInt(336))));
  }

  private static String pick(Random r, List<String> values) {
    return values.get(r.nextInt(values.size()));
  }

  /** The total hit count of the query. */
  private static long count(EntityManager em, Query q) {
    return Search.session(em)
        .search(CatalogueEntryEntity.class)
        .where(f -> predicate(f, q))
        .fetchTotalHitCount();
  }

  /** The count and the first {@code hits} sorted hits, loaded as entities, no facets. */
  private static List<CatalogueEntryEntity> entities(EntityManager em, Query q, int hits) {
    return Search.session(em)
        .search(CatalogueEntryEntity.class)
        .where(f -> predicate(f, q))
        .sort(f -> sort(f, q))
        .fetch(hits)
        .hits();
  }

  /** As the archive searches: sorted, the six facets, the first {@code hits} hits as entities. */
  private static List<CatalogueEntryEntity> withFacets(EntityManager em, Query q, int hits) {
    var options =
        Search.session(em)
            .search(CatalogueEntryEntity.class)
            .where(f -> predicate(f, q))
            .sort(f -> sort(f, q));
    for (String facet : FACETS) {
      options =
          options.aggregation(
              AggregationKey.<Map<String, Long>>of(facet),
              f -> f.terms().field(facet, String.class).maxTermCount(50));
    }
    options =
        options.aggregation(
            AggregationKey.<Map<Integer, Long>>of("year"),
            f -> f.terms().field("year", Integer.class).maxTermCount(100));
    return options.fetch(0, hits).hits();
  }

  /** The archive's order: score if there is text, then product id. */
  private static SortFinalStep sort(SearchSortFactory f, Query q) {
    return f.composite(
        c -> {
          if (q.text() != null) {
            c.add(f.score());
          }
          c.add(f.field("productId"));
        });
  }

  private static Object full(EntityManager em, Query q) {
    return withFacets(em, q, HITS).stream().map(CatalogueRows::record).toList();
  }

  private static List<String> ids(EntityManager em, Query q) {
    return Search.session(em)
        .search(CatalogueEntryEntity.class)
        .select(f -> f.id(String.class))
        .where(f -> predicate(f, q))
        .sort(f -> sort(f, q))
        .fetch(HITS)
        .hits();
  }

  private static Object idsAndColumns(EntityManager em, Query q) {
    List<String> ids = ids(em, q);
    if (ids.isEmpty()) {
      return ids;
    }
    return em.createQuery(
            "select e.productId, e.version, e.description, e.dataLevels, e.target, e.obsId, e.ra,"
                + " e.dec, e.timeStart, e.timeStop, e.instrument, e.format, e.sizeBytes,"
                + " e.fileCount, e.depositedAt from CatalogueEntryEntity e"
                + " where e.productId in :ids",
            Object[].class)
        .setParameter("ids", ids)
        .getResultList();
  }

  /** The archive's predicate ({@code CatalogueSearch.predicate} as of 2026-11-24). */
  private static PredicateFinalStep predicate(SearchPredicateFactory f, Query q) {
    BooleanPredicateClausesStep<?> bool = f.bool().must(f.matchAll());
    if (q.text() != null) {
      bool.must(
          f.simpleQueryString()
              .field("targetText")
              .boost(3f)
              .field("description")
              .matching(q.text())
              .defaultOperator(BooleanOperator.AND));
    }
    if (q.level() != null) {
      bool.filter(f.match().field("level").matching(q.level()));
    }
    if (q.target() != null) {
      bool.filter(f.match().field("target").matching(q.target().toLowerCase(Locale.ROOT)));
    }
    if (q.from() != null) {
      bool.filter(f.range().field("timeStop").atLeast(q.from()));
    }
    if (q.to() != null) {
      bool.filter(f.range().field("timeStart").atMost(q.to()));
    }
    if (q.cone() != null) {
      double ra = q.cone()[0];
      double lon = ra >= 180 ? ra - 360 : ra;
      double meters = Math.toRadians(q.cone()[2]) * SPHERE_RADIUS_METERS;
      bool.filter(
          f.spatial()
              .within()
              .field("pointing")
              .circle(q.cone()[1], lon, meters, DistanceUnit.METERS));
    }
    return bool;
  }
}
