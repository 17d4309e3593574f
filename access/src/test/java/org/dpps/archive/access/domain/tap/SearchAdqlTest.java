package org.dpps.archive.access.domain.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.access.fixtures.QueryBuilder.aQuery;

import org.dpps.archive.access.domain.adql.Query;
import org.dpps.archive.access.infrastructure.adql.AdqlParser;
import org.junit.jupiter.api.Test;

class SearchAdqlTest {

  @Test
  void everyStructuredFilterBecomesAnExactCondition() {
    SearchAdql adql =
        SearchAdql.of(
            aQuery()
                .target("Crab Nebula")
                .level("DL3")
                .instrument("LST-1")
                .site("CTAO-North")
                .between("2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z")
                .cone(83.63, 22.01, 1.5)
                .year(2020)
                .build());

    assertThat(adql.exact()).isTrue();
    assertThat(adql.adql())
        .contains("JOIN ctao.observation AS c ON c.obs_publisher_did = o.obs_publisher_did")
        .contains("LOWER(o.target_name) = 'crab nebula'")
        .contains("(',' || c.data_levels || ',') LIKE '%,DL3,%'")
        .contains("o.instrument_name = 'LST-1'")
        .contains("c.site = 'CTAO-North'")
        .contains("o.t_max >= 58849.0")
        .contains("o.t_min <= 58850.0")
        .contains("o.t_min >= 58849.0 AND o.t_min < 59215.0")
        .contains("1 = CONTAINS(POINT('ICRS', o.s_ra, o.s_dec), CIRCLE('ICRS', 83.63, 22.01, 1.5))")
        .endsWith("ORDER BY o.t_min");
    Query parsed = AdqlParser.parse(adql.adql());
    assertThat(parsed.select().from()).hasSize(1);
  }

  @Test
  void freeTextAndFormatAreNamedAsLeftOutAnObservationIdIsKept() {
    SearchAdql words =
        SearchAdql.of(aQuery().text("crab flare").format("application/fits").build());
    assertThat(words.exact()).isFalse();
    assertThat(words.notExpressed())
        .containsExactly(
            "the free text \"crab flare\" (ADQL has no full-text search)",
            "the file format application/fits (not in ObsCore)");
    assertThat(words.adql()).doesNotContain("crab").doesNotContain("WHERE");

    SearchAdql obsId = SearchAdql.of(aQuery().text("5002").build());
    assertThat(obsId.exact()).isTrue();
    assertThat(obsId.adql()).contains("WHERE o.obs_id = '5002'").doesNotContain("JOIN");
  }

  @Test
  void aQuoteInAValueCannotEndItsLiteral() {
    SearchAdql adql = SearchAdql.of(aQuery().target("x' OR 1=1 --").build());

    assertThat(adql.adql()).contains("LOWER(o.target_name) = 'x'' or 1=1 --'");
    assertThat(AdqlParser.parse(adql.adql()).select().where()).isPresent();
  }
}
