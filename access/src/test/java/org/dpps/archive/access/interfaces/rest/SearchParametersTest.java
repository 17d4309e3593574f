package org.dpps.archive.access.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.dpps.archive.access.domain.SearchQuery;
import org.dpps.archive.platform.error.ArchiveException;
import org.junit.jupiter.api.Test;

/** The query parameters shared by search and bundles, as JAX-RS fills them in. */
class SearchParametersTest {

  @Test
  void everyParameterBecomesPartOfTheQuery() {
    SearchParameters p = new SearchParameters();
    p.q = " PKS 2155-304 ";
    p.level = "DL3";
    p.target = "Crab Nebula";
    p.instrument = "LST-1";
    p.site = "CTAO-South";
    p.year = "2024";
    p.format = "application/fits";
    p.from = "2024-01-02";
    p.to = "2024-02-01T12:00:00Z";
    p.ra = "329.7";
    p.dec = "-30.2";
    p.radius = "2";
    p.sort = "-time";
    p.page = "3";
    p.size = "50";

    SearchQuery q = p.toQuery();

    assertThat(q.text()).contains("PKS 2155-304");
    assertThat(q.level()).contains("DL3");
    assertThat(q.target()).contains("Crab Nebula");
    assertThat(q.instrument()).contains("LST-1");
    assertThat(q.site()).contains("CTAO-South");
    assertThat(q.year()).contains(2024);
    assertThat(q.format()).contains("application/fits");
    assertThat(q.from()).contains(Instant.parse("2024-01-02T00:00:00Z"));
    assertThat(q.to()).contains(Instant.parse("2024-02-01T12:00:00Z"));
    assertThat(q.cone()).contains(new SearchQuery.Cone(329.7, -30.2, 2));
    assertThat(q.sort()).isEqualTo(SearchQuery.Sort.parse("-time"));
    assertThat(q.page()).isEqualTo(3);
    assertThat(q.size()).isEqualTo(50);
    assertThat(q.eventListsOnly()).isFalse();
    assertThat(p.toQuery(1, 500).page()).isEqualTo(1);
    assertThat(p.toQuery(1, 500).size()).isEqualTo(500);
    assertThat(p.criteria())
        .containsExactly(
            java.util.Map.entry("q", "PKS 2155-304"),
            java.util.Map.entry("level", "DL3"),
            java.util.Map.entry("target", "Crab Nebula"),
            java.util.Map.entry("instrument", "LST-1"),
            java.util.Map.entry("site", "CTAO-South"),
            java.util.Map.entry("year", "2024"),
            java.util.Map.entry("format", "application/fits"),
            java.util.Map.entry("from", "2024-01-02"),
            java.util.Map.entry("to", "2024-02-01T12:00:00Z"),
            java.util.Map.entry("ra", "329.7"),
            java.util.Map.entry("dec", "-30.2"),
            java.util.Map.entry("radius", "2"));
  }

  @Test
  void noParametersIsEverythingInRelevanceOrderPageOneOfTwenty() {
    SearchQuery q = new SearchParameters().toQuery();

    assertThat(q.text()).isEmpty();
    assertThat(q.cone()).isEmpty();
    assertThat(q.sort()).isEqualTo(SearchQuery.Sort.RELEVANCE);
    assertThat(q.page()).isEqualTo(1);
    assertThat(q.size()).isEqualTo(20);
    assertThat(new SearchParameters().criteria()).isEmpty();
  }

  @Test
  void badValuesAreAccess004() {
    assertBad(p -> p.year = "twenty", "year must be an integer");
    assertBad(p -> p.year = "0", "year must be between");
    assertBad(p -> p.page = "x", "page must be an integer");
    assertBad(p -> p.size = "1000", "size must be between");
    assertBad(p -> p.ra = "1", "ra, dec and radius together");
    assertBad(
        p -> {
          p.ra = "east";
          p.dec = "0";
          p.radius = "1";
        },
        "ra must be a number");
    assertBad(p -> p.from = "yesterday", "from must be an ISO date");
    assertBad(p -> p.sort = "size", "sort must be one of");
  }

  private static void assertBad(java.util.function.Consumer<SearchParameters> set, String message) {
    SearchParameters p = new SearchParameters();
    set.accept(p);
    ArchiveException e = catchThrowableOfType(p::toQuery, ArchiveException.class);
    assertThat(e).as(message).isNotNull();
    assertThat(e.code().id()).isEqualTo("ACCESS-004");
    assertThat(e).hasMessageContaining(message);
  }
}
