package org.dpps.archive.access.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.dpps.archive.access.domain.SearchQuery.Cone;
import org.dpps.archive.access.domain.SearchQuery.Sort;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;

class SearchQueryTest {
  static final Instant T1 = Instant.parse("2024-01-01T00:00:00Z");
  static final Instant T2 = Instant.parse("2024-02-01T00:00:00Z");

  @Test
  void aConeAcceptsTheEdgesOfTheSky() {
    assertThat(new Cone(0, -90, 180).radius()).isEqualTo(180);
    assertThat(new Cone(360, 90, 0.001).ra()).isEqualTo(360);
  }

  @Test
  void aConeRejectsImpossibleCoordinates() {
    assertBad(() -> new Cone(361, 0, 1), "ra");
    assertBad(() -> new Cone(-0.1, 0, 1), "ra");
    assertBad(() -> new Cone(Double.NaN, 0, 1), "ra");
    assertBad(() -> new Cone(10, 91, 1), "dec");
    assertBad(() -> new Cone(10, -90.5, 1), "dec");
    assertBad(() -> new Cone(10, 0, 0), "radius");
    assertBad(() -> new Cone(10, 0, -1), "radius");
    assertBad(() -> new Cone(10, 0, 180.1), "radius");
  }

  @Test
  void pagesStartAtOneAndHoldAtMost500() {
    assertThat(query(1, 500, Optional.empty(), Optional.empty()).size()).isEqualTo(500);
    assertBad(() -> query(0, 10, Optional.empty(), Optional.empty()), "page");
    assertBad(() -> query(1, 0, Optional.empty(), Optional.empty()), "size");
    assertBad(() -> query(1, 501, Optional.empty(), Optional.empty()), "size");
  }

  @Test
  void fromMustNotBeAfterTo() {
    assertThat(query(1, 10, Optional.of(T1), Optional.of(T1)).from()).contains(T1);
    assertThat(query(1, 10, Optional.of(T1), Optional.of(T2)).to()).contains(T2);
    assertBad(() -> query(1, 10, Optional.of(T2), Optional.of(T1)), "from is after to");
  }

  @Test
  void freeTextIsAtMost1000Characters() {
    SearchQuery ok = text("x".repeat(1000));
    assertThat(ok.text().orElseThrow()).hasSize(1000);
    assertBad(() -> text("x".repeat(1001)), "1000 characters");
  }

  @Test
  void sortOrdersAreParsedByTheirApiNames() {
    assertThat(Sort.parse("relevance")).isEqualTo(Sort.RELEVANCE);
    assertThat(Sort.parse("time")).isEqualTo(new Sort(Sort.Key.TIME, false));
    assertThat(Sort.parse("-time")).isEqualTo(new Sort(Sort.Key.TIME, true));
    assertThat(Sort.parse(" obsid ")).isEqualTo(new Sort(Sort.Key.OBS_ID, false));
    assertThat(Sort.parse("-deposited")).isEqualTo(new Sort(Sort.Key.DEPOSITED, true));
    assertThat(Sort.parse("target").toString()).isEqualTo("target");
    assertThat(Sort.parse("-obsId").toString()).isEqualTo("-obsId");
    assertBad(() -> Sort.parse("size"), "sort must be one of");
    assertBad(() -> Sort.parse("-relevance"), "-relevance");
  }

  @Test
  void theYearIsAYearOfTheCalendar() {
    assertThat(withYear(2024).year()).contains(2024);
    assertBad(() -> withYear(0), "year");
    assertBad(() -> withYear(10_000), "year");
  }

  @Test
  void theFirstVersionsQueryIsInRelevanceOrderWithoutTheNewFilters() {
    SearchQuery q = text("crab");

    assertThat(q.sort()).isEqualTo(Sort.RELEVANCE);
    assertThat(q.site()).isEmpty();
    assertThat(q.year()).isEmpty();
    assertThat(q.format()).isEmpty();
    assertThat(q.eventListsOnly()).isFalse();
  }

  @Test
  void derivedQueriesChangeOnlyWhatTheySay() {
    SearchQuery q = text("crab");

    assertThat(q.page(3, 50))
        .isEqualTo(
            new SearchQuery(
                q.text(),
                q.level(),
                q.target(),
                q.instrument(),
                q.from(),
                q.to(),
                q.cone(),
                3,
                50));
    assertThat(q.sortedBy(Sort.PRODUCT_ID).sort()).isEqualTo(Sort.PRODUCT_ID);
    assertThat(q.sortedBy(Sort.PRODUCT_ID).text()).contains("crab");
    assertThat(q.onlyEventLists().eventListsOnly()).isTrue();
    assertThat(q.onlyEventLists().text()).contains("crab");
  }

  private static SearchQuery withYear(int year) {
    return new SearchQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(year),
        Optional.empty(),
        false,
        Sort.RELEVANCE,
        1,
        10);
  }

  private static SearchQuery text(String q) {
    return new SearchQuery(
        Optional.of(q),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        1,
        10);
  }

  private static SearchQuery query(
      int page, int size, Optional<Instant> from, Optional<Instant> to) {
    return new SearchQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        from,
        to,
        Optional.empty(),
        page,
        size);
  }

  private static void assertBad(ThrowingCallable call, String message) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(ArchiveException.class).hasMessageContaining(message);
    assertThat(((ArchiveException) thrown).code()).isEqualTo(ErrorCode.BAD_SEARCH_PARAMETER);
    assertThat(((ArchiveException) thrown).code().id()).isEqualTo("ACCESS-004");
  }
}
