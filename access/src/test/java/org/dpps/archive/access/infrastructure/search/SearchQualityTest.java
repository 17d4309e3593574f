package org.dpps.archive.access.infrastructure.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.access.fixtures.QueryBuilder.aQuery;
import static org.dpps.archive.access.fixtures.RecordBuilder.aRecord;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.dpps.archive.access.domain.SearchResult;
import org.dpps.archive.access.fixtures.CatalogueDatabase;
import org.dpps.archive.access.fixtures.QueryBuilder;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Search quality on a real H2 catalogue and Lucene index: source names in their usual spellings,
 * relevance (a target match before a keyword or description mention), every sort order, the site,
 * year and format filters, facet counts equal to the filtered result, embargoes.
 */
class SearchQualityTest {
  @TempDir static Path tmp;
  static CatalogueDatabase catalogue;
  static final Map<String, DescriptiveRecord> RECORDS = new LinkedHashMap<>();

  @BeforeAll
  static void catalogue() {
    add(
        aRecord("a1")
            .target("PKS 2155-304")
            .description("DL3 event list")
            .levels("DL3")
            .hduClasses("EVENTS", "GTI")
            .instrument("MST")
            .site("CTAO-South")
            .observed("2023-07-01T01:00:00Z", "2023-07-01T01:30:00Z")
            .obsId(300)
            .deposited("2025-03-01T00:00:00Z"));
    add(
        aRecord("a2")
            .target("PKS2155-304")
            .levels("DL3")
            .hduClasses("EVENTS")
            .instrument("MST")
            .site("CTAO-South")
            .mediaType("application/gzip")
            .observed("2023-07-02T01:00:00Z", "2023-07-02T01:30:00Z")
            .obsId(301)
            .deposited("2025-03-02T00:00:00Z"));
    add(
        aRecord("a3")
            .target("Mrk 421")
            .description("Flare of Mrk 421; PKS 2155-304 was in the field of view as well")
            .levels("DL2")
            .instrument("LST-1")
            .site("CTAO-North")
            .mediaType("application/x-hdf5")
            .observed("2024-03-01T00:00:00Z", "2024-03-01T01:00:00Z")
            .obsId(400)
            .deposited("2025-02-01T00:00:00Z"));
    add(
        aRecord("a4")
            .target("Vela X")
            .description("Pulsar wind nebula")
            .keywords("PKS 2155-304 campaign")
            .levels("DL1")
            .instrument("LST-1")
            .site("CTAO-North")
            .mediaType("application/x-hdf5")
            .observed("2024-04-01T00:00:00Z", "2024-04-01T01:00:00Z")
            .obsId(500)
            .deposited("2025-01-15T00:00:00Z"));
    add(
        aRecord("b1")
            .target("Crab Nebula")
            .description("Standard candle")
            .levels("DL3")
            .hduClasses("EVENTS")
            .instrument("LST-1")
            .site("CTAO-North")
            .observed("2024-01-10T20:00:00Z", "2024-01-10T20:30:00Z")
            .obsId(100)
            .deposited("2025-04-01T00:00:00Z")
            .embargo("2026-06-01T00:00:00Z", "lst"));
    add(
        aRecord("b2")
            .target("Crab Nebula")
            .levels("DL3_IRF")
            .hduClasses("AEFF_2D")
            .instrument("LST-1")
            .site("CTAO-North")
            .observed("2024-01-11T20:00:00Z", "2024-01-11T20:30:00Z")
            .obsId(101)
            .deposited("2025-04-02T00:00:00Z")
            .embargo("2020-01-01T00:00:00Z", "lst"));
    add(
        aRecord("b3")
            .target("Crab")
            .description("crab pulsar timing")
            .levels("DL2")
            .hduClasses("EVENTS")
            .instrument("LST-1")
            .site("CTAO-North")
            .deposited("2025-04-03T00:00:00Z"));
    add(
        aRecord("c1")
            .target("1ES 1959+650")
            .levels("DL3")
            .instrument("MST")
            .site("CTAO-North")
            .observed("2022-06-01T00:00:00Z", "2022-06-01T00:30:00Z")
            .obsId(600)
            .deposited("2025-05-01T00:00:00Z"));
    add(
        aRecord("c2")
            .target("Markarian 501")
            .levels("DL3")
            .instrument("MST")
            .site("CTAO-North")
            .observed("2022-05-01T00:00:00Z", "2022-05-01T00:30:00Z")
            .obsId(700)
            .deposited("2025-05-02T00:00:00Z"));
    add(
        aRecord("c3")
            .target("Mrk 501")
            .levels("DL3")
            .instrument("MST")
            .site("CTAO-North")
            .observed("2022-05-02T00:00:00Z", "2022-05-02T00:30:00Z")
            .obsId(701)
            .deposited("2025-05-03T00:00:00Z"));
    catalogue = CatalogueDatabase.open(tmp);
    catalogue.insert(RECORDS.values().toArray(DescriptiveRecord[]::new));
  }

  private static void add(org.dpps.archive.access.fixtures.RecordBuilder builder) {
    DescriptiveRecord r = builder.build();
    RECORDS.put(r.productId(), r);
  }

  @AfterAll
  static void close() {
    catalogue.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PKS 2155-304", "PKS2155-304", "pks 2155", "2155-304", "pks2155-304"})
  void everySpellingOfPks2155FindsBothTargetsFirstThenTheMentions(String q) {
    List<String> ids = ids(aQuery().text(q));

    assertThat(ids).containsExactlyInAnyOrder("a1", "a2", "a3", "a4");
    assertThat(ids.subList(0, 2)).containsExactlyInAnyOrder("a1", "a2");
  }

  @Test
  void aTargetMatchRanksBeforeMentionsInKeywordsAndDescriptions() {
    List<String> ids = ids(aQuery().text("PKS 2155-304"));

    assertThat(ids).hasSize(4);
    assertThat(ids.subList(0, 2)).containsExactlyInAnyOrder("a1", "a2");
    assertThat(ids.subList(2, 4)).containsExactlyInAnyOrder("a3", "a4");
    assertThat(ids(aQuery().text("Mrk 421"))).containsExactly("a3");
    assertThat(ids(aQuery().text("nebula")))
        .as("target 'Crab Nebula' before the description 'Pulsar wind nebula'")
        .containsExactly("b1", "b2", "a4");
  }

  @Test
  void markarianAndMrkAreTheSameName() {
    assertThat(ids(aQuery().text("Mrk 501"))).containsExactlyInAnyOrder("c2", "c3");
    assertThat(ids(aQuery().text("Markarian 501"))).containsExactlyInAnyOrder("c2", "c3");
    assertThat(ids(aQuery().text("markarian"))).containsExactlyInAnyOrder("a3", "c2", "c3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1ES 1959+650", "1ES1959+650", "1es 1959", "1959+650"})
  void blazarNamesWithAPlusSignAreFound(String q) {
    assertThat(ids(aQuery().text(q))).containsExactly("c1");
  }

  @Test
  void aNumberFindsTheObservationWithThatObsId() {
    assertThat(ids(aQuery().text("300"))).containsExactly("a1");
    assertThat(ids(aQuery().text(" 701 "))).containsExactly("c3");
    assertThat(ids(aQuery().text("999999"))).isEmpty();
    assertThat(CatalogueSearch.observationId("2155-304")).isEmpty();
    assertThat(CatalogueSearch.observationId("1".repeat(19))).as("beyond a long").isEmpty();
  }

  @Test
  void everyWordMustMatchSomewhere() {
    assertThat(ids(aQuery().text("crab"))).containsExactlyInAnyOrder("b1", "b2", "b3");
    assertThat(ids(aQuery().text("crab nebula"))).containsExactlyInAnyOrder("b1", "b2");
    assertThat(ids(aQuery().text("pulsar"))).containsExactlyInAnyOrder("a4", "b3");
    assertThat(ids(aQuery().text("campaign"))).containsExactly("a4");
  }

  @Test
  void sortOrdersPutProductsWithoutTheValueLast() {
    assertThat(ids(aQuery().sort("time")))
        .containsExactly("c2", "c3", "c1", "a1", "a2", "b1", "b2", "a3", "a4", "b3");
    assertThat(ids(aQuery().sort("-time")))
        .containsExactly("a4", "a3", "b2", "b1", "a2", "a1", "c1", "c3", "c2", "b3");
    assertThat(ids(aQuery().sort("target")))
        .containsExactly("c1", "b3", "b1", "b2", "c2", "a3", "c3", "a1", "a2", "a4");
    assertThat(ids(aQuery().sort("obsId")))
        .containsExactly("b1", "b2", "a1", "a2", "a3", "a4", "c1", "c2", "c3", "b3");
    assertThat(ids(aQuery().sort("deposited")))
        .containsExactly("a4", "a3", "a1", "a2", "b1", "b2", "b3", "c1", "c2", "c3");
    assertThat(ids(aQuery().sort("-deposited")))
        .containsExactly("c3", "c2", "c1", "b3", "b2", "b1", "a2", "a1", "a3", "a4");
    assertThat(ids(aQuery().sort("relevance")))
        .as("relevance without free text: product id order")
        .containsExactly("a1", "a2", "a3", "a4", "b1", "b2", "b3", "c1", "c2", "c3");
  }

  @Test
  void pagesOfASortedSearchTogetherHoldEveryHitOnce() {
    List<String> all = ids(aQuery().sort("target"));
    List<String> paged = new ArrayList<>();
    for (int page = 1; page <= 4; page++) {
      paged.addAll(ids(aQuery().sort("target").page(page, 3)));
    }

    assertThat(paged).isEqualTo(all);
  }

  @Test
  void siteYearAndFormatAreExactFilters() {
    assertThat(ids(aQuery().site("CTAO-South"))).containsExactly("a1", "a2");
    assertThat(ids(aQuery().site("ctao-south"))).isEmpty();
    assertThat(ids(aQuery().year(2022))).containsExactly("c1", "c2", "c3");
    assertThat(ids(aQuery().year(2024))).containsExactly("a3", "a4", "b1", "b2");
    assertThat(ids(aQuery().format("application/x-hdf5"))).containsExactly("a3", "a4");
    assertThat(ids(aQuery().format("application/gzip").site("CTAO-South"))).containsExactly("a2");
    assertThat(ids(aQuery().text("crab").year(2024))).containsExactlyInAnyOrder("b1", "b2");
  }

  @Test
  void eventListsAreProductsOfLevelDl3OrWithAnEventsHdu() {
    assertThat(ids(aQuery().onlyEventLists()))
        .containsExactly("a1", "a2", "b1", "b3", "c1", "c2", "c3");
  }

  @Test
  void facetCountsAreTheCountsOfTheFilteredResult() {
    List<QueryBuilder> queries =
        List.of(
            aQuery(),
            aQuery().level("DL3"),
            aQuery().site("CTAO-North"),
            aQuery().year(2024),
            aQuery().text("crab"),
            aQuery().format("application/fits").instrument("MST"),
            aQuery().text("PKS 2155-304").sort("-time"));
    for (QueryBuilder query : queries) {
      SearchResult result = catalogue.search(query.page(1, 2).build());
      List<DescriptiveRecord> hits = ids(query.page(1, 500)).stream().map(RECORDS::get).toList();

      assertThat(result.total()).isEqualTo(hits.size());
      Map<String, Map<String, Long>> facets = result.facets();
      assertThat(facets.get("level")).isEqualTo(countMany(hits, DescriptiveRecord::dataLevels));
      assertThat(facets.get("target"))
          .isEqualTo(count(hits, r -> r.object().toLowerCase(Locale.ROOT)));
      assertThat(facets.get("instrument")).isEqualTo(count(hits, DescriptiveRecord::instrument));
      assertThat(facets.get("site")).isEqualTo(count(hits, DescriptiveRecord::instrumentSite));
      assertThat(facets.get("format")).isEqualTo(count(hits, r -> r.files().get(0).mediaType()));
      assertThat(facets.get("year"))
          .isEqualTo(
              count(
                  hits,
                  r ->
                      r.timeStart() == null
                          ? null
                          : String.valueOf(
                              Instant.parse(r.timeStart()).atZone(ZoneOffset.UTC).getYear())));
    }
  }

  @Test
  void aHitShowsItsReleaseDateWhileUnderEmbargo() {
    Instant before = Instant.parse("2026-01-01T00:00:00Z");
    Instant after = Instant.parse("2026-07-01T00:00:00Z");

    assertThat(hit("b1", before).embargoedUntil()).isEqualTo("2026-06-01T00:00:00Z");
    assertThat(hit("b1", after).embargoedUntil()).isNull();
    assertThat(hit("b2", before).embargoedUntil()).as("released in 2020").isNull();
    assertThat(hit("a1", before).embargoedUntil()).as("no release date: public").isNull();
  }

  @Test
  void indexingARecordAgainReplacesItsDocument() {
    catalogue.insert(RECORDS.get("a1"), RECORDS.get("b1"));

    assertThat(catalogue.search(aQuery().build()).total()).isEqualTo(RECORDS.size());
    assertThat(ids(aQuery().text("PKS 2155-304"))).hasSize(4);
    assertThat(ids(aQuery().target("crab nebula"))).containsExactly("b1", "b2");
  }

  @Test
  void embargoedMetadataIsFoundByEveryone() {
    assertThat(ids(aQuery().text("standard candle"))).containsExactly("b1");
  }

  private static SearchResult.Hit hit(String productId, Instant now) {
    return catalogue.search(aQuery().sort("productId").build(), now).hits().stream()
        .filter(h -> h.productId().equals(productId))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, Long> count(
      List<DescriptiveRecord> hits, Function<DescriptiveRecord, String> value) {
    return countMany(
        hits,
        r -> {
          String v = value.apply(r);
          return v == null ? List.of() : List.of(v);
        });
  }

  private static Map<String, Long> countMany(
      List<DescriptiveRecord> hits, Function<DescriptiveRecord, List<String>> values) {
    Map<String, Long> counts = new TreeMap<>();
    hits.forEach(r -> values.apply(r).forEach(v -> counts.merge(v, 1L, Long::sum)));
    return counts;
  }

  private static List<String> ids(QueryBuilder query) {
    return catalogue.search(query.build()).hits().stream()
        .map(SearchResult.Hit::productId)
        .toList();
  }
}
