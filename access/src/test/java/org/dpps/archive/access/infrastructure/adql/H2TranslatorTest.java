package org.dpps.archive.access.infrastructure.adql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.dpps.archive.access.domain.tap.CompiledQuery;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** ADQL compiled by {@link H2Translator} and run against an in-memory H2 database. */
class H2TranslatorTest {
  static final H2Translator TRANSLATOR = new H2Translator();

  TapTestDatabase db;

  @BeforeEach
  void open() throws SQLException {
    db = new TapTestDatabase();
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  static CompiledQuery compile(String adql) {
    return TRANSLATOR.compile(adql, TapTestDatabase.SCHEMA, 1000);
  }

  List<List<Object>> rows(String adql) throws SQLException {
    return db.run(compile(adql));
  }

  List<Object> first(String adql) throws SQLException {
    return rows(adql).stream().map(r -> r.get(0)).toList();
  }

  Object single(String adql) throws SQLException {
    List<List<Object>> rows = rows(adql);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).hasSize(1);
    return rows.get(0).get(0);
  }

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  static double number(Object value) {
    return ((Number) value).doubleValue();
  }

  static List<String> names(CompiledQuery q) {
    return q.columns().stream().map(TapColumn::name).toList();
  }

  @Nested
  class SelectAndWhere {
    @Test
    void selectsWhereAndOrdersDescending() throws SQLException {
      assertThat(rows("SELECT obs_id, s_ra FROM ivoa.obscore WHERE s_ra < 35 ORDER BY s_ra DESC"))
          .containsExactly(row("obs-03", 30.0), row("obs-02", 20.0), row("obs-01", 10.0));
    }

    @Test
    void unqualifiedTableName() throws SQLException {
      assertThat(single("SELECT COUNT(*) FROM obscore")).isEqualTo(20L);
    }

    @Test
    void regularIdentifiersIgnoreCase() throws SQLException {
      CompiledQuery q = compile("SELECT OBS_ID FROM IVOA.ObsCore WHERE S_RA = 10");
      assertThat(db.run(q)).containsExactly(row("obs-01"));
      assertThat(names(q)).containsExactly("obs_id");
    }

    @Test
    void delimitedIdentifiersInTheirPublishedCase() throws SQLException {
      assertThat(first("SELECT \"obs_id\" FROM \"ivoa\".\"obscore\" WHERE \"s_ra\" = 20"))
          .containsExactly("obs-02");
    }

    @Test
    void distinct() throws SQLException {
      assertThat(
              first("SELECT DISTINCT dataproduct_type FROM ivoa.obscore ORDER BY dataproduct_type"))
          .containsExactly("event", "image");
    }

    @Test
    void betweenAndNotBetween() throws SQLException {
      assertThat(single("SELECT COUNT(*) FROM ivoa.obscore WHERE s_dec BETWEEN -2 AND 2"))
          .isEqualTo(5L);
      assertThat(single("SELECT COUNT(*) FROM ivoa.obscore WHERE s_dec NOT BETWEEN -2 AND 2"))
          .isEqualTo(15L);
    }

    @Test
    void likeIsCaseSensitiveAndUnderscoreIsOneCharacter() throws SQLException {
      assertThat(first("SELECT obs_id FROM ivoa.obscore WHERE target_name LIKE 'PKS%' ORDER BY 1"))
          .containsExactly("obs-03", "obs-08", "obs-13", "obs-18");
      assertThat(single("SELECT COUNT(*) FROM ivoa.obscore WHERE target_name LIKE 'crab'"))
          .isEqualTo(0L);
      assertThat(single("SELECT COUNT(*) FROM ivoa.obscore WHERE obs_id LIKE 'obs-1_'"))
          .isEqualTo(10L);
      assertThat(single("SELECT COUNT(*) FROM ivoa.obscore WHERE obs_id NOT LIKE 'obs-1_'"))
          .isEqualTo(10L);
    }

    @Test
    void backslashIsNotAnEscapeInLike() throws SQLException {
      // H2's default escape is the backslash; ADQL has none: 'obs\-01' matches nothing
      assertThat(single("SELECT COUNT(*) FROM ivoa.obscore WHERE obs_id LIKE 'obs\\-01'"))
          .isEqualTo(0L);
    }

    @Test
    void ilike() throws SQLException {
      assertThat(single("SELECT COUNT(*) FROM ivoa.obscore WHERE target_name ILIKE 'crab'"))
          .isEqualTo(4L);
    }

    @Test
    void isNullAndIsNotNull() throws SQLException {
      assertThat(single("SELECT COUNT(*) FROM ivoa.obscore WHERE target_name IS NULL"))
          .isEqualTo(4L);
      assertThat(single("SELECT COUNT(*) FROM ivoa.obscore WHERE target_name IS NOT NULL"))
          .isEqualTo(16L);
    }

    @Test
    void inListAndNotInList() throws SQLException {
      assertThat(single("SELECT COUNT(*) FROM ivoa.obscore WHERE calib_level NOT IN (0, 1)"))
          .isEqualTo(10L);
      assertThat(first("SELECT obs_id FROM ivoa.obscore WHERE obs_id IN ('obs-02', 'obs-07')"))
          .containsExactlyInAnyOrder("obs-02", "obs-07");
    }

    @Test
    void andOrNot() throws SQLException {
      assertThat(
              single(
                  "SELECT COUNT(*) FROM ivoa.obscore WHERE (s_ra < 30 OR s_ra > 180)"
                      + " AND NOT dataproduct_type = 'event'"))
          .isEqualTo(2L); // obs-01, obs-19
    }

    @Test
    void quotedStringLiteral() throws SQLException {
      CompiledQuery q = compile("SELECT COUNT(*) FROM ivoa.obscore WHERE target_name = 'O''Brien'");
      assertThat(db.run(q)).containsExactly(row(4L));
      assertThat(q.parameters()).containsExactly("O'Brien");
    }

    @Test
    void hexadecimalAndNegativeNumbers() throws SQLException {
      assertThat(first("SELECT obs_id FROM ivoa.obscore WHERE access_estsize = 0x64"))
          .containsExactly("obs-01");
      assertThat(first("SELECT obs_id FROM ivoa.obscore WHERE s_dec = -9"))
          .containsExactly("obs-01");
      assertThat(rows("SELECT -s_dec, +s_ra FROM ivoa.obscore WHERE obs_id = 'obs-01'"))
          .containsExactly(row(9.0, 10.0));
    }
  }

  @Nested
  class LimitsAndOrder {
    @Test
    void topLimitsTheRows() throws SQLException {
      CompiledQuery q = compile("SELECT TOP 3 obs_id FROM ivoa.obscore ORDER BY obs_id");
      assertThat(q.fetchLimit()).isEqualTo(3);
      List<List<Object>> rows = db.run(q);
      assertThat(rows).containsExactly(row("obs-01"), row("obs-02"), row("obs-03"));
      assertThat(q.overflowed(rows.size())).isFalse();
    }

    @Test
    void maxRecFetchesOneMoreRowToDetectTheOverflow() throws SQLException {
      CompiledQuery q =
          TRANSLATOR.compile("SELECT obs_id FROM ivoa.obscore", TapTestDatabase.SCHEMA, 5);
      assertThat(q.fetchLimit()).isEqualTo(6);
      assertThat(q.maxRec()).isEqualTo(5);
      List<List<Object>> rows = db.run(q);
      assertThat(rows).hasSize(6);
      assertThat(q.overflowed(rows.size())).isTrue();
    }

    @Test
    void topAboveMaxRecIsCutAtMaxRecPlusOne() throws SQLException {
      CompiledQuery q =
          TRANSLATOR.compile("SELECT TOP 10 obs_id FROM ivoa.obscore", TapTestDatabase.SCHEMA, 4);
      assertThat(q.fetchLimit()).isEqualTo(5);
      assertThat(q.overflowed(db.run(q).size())).isTrue();
    }

    @Test
    void topBelowMaxRecNeverOverflows() throws SQLException {
      CompiledQuery q =
          TRANSLATOR.compile("SELECT TOP 3 obs_id FROM ivoa.obscore", TapTestDatabase.SCHEMA, 10);
      assertThat(q.fetchLimit()).isEqualTo(3);
      assertThat(q.overflowed(db.run(q).size())).isFalse();
    }

    @Test
    void maxRecZeroFetchesOneRowForTheOverflowMarker() throws SQLException {
      CompiledQuery q =
          TRANSLATOR.compile("SELECT obs_id FROM ivoa.obscore", TapTestDatabase.SCHEMA, 0);
      assertThat(q.fetchLimit()).isEqualTo(1);
      assertThat(q.sql()).contains("FETCH FIRST 1 ROWS ONLY");
      assertThat(q.overflowed(db.run(q).size())).isTrue();
      assertThat(names(q)).containsExactly("obs_id");
    }

    @Test
    void maxRecOnAUnion() throws SQLException {
      CompiledQuery q =
          TRANSLATOR.compile(
              "SELECT obs_id FROM ivoa.obscore UNION SELECT obs_id FROM ctao.observation",
              TapTestDatabase.SCHEMA,
              2);
      assertThat(q.fetchLimit()).isEqualTo(3);
      assertThat(db.run(q)).hasSize(3);
    }

    @Test
    void offset() throws SQLException {
      assertThat(first("SELECT obs_id FROM ivoa.obscore ORDER BY s_ra OFFSET 17"))
          .containsExactly("obs-18", "obs-19", "obs-20");
    }

    @Test
    void topAppliesAfterOffset() throws SQLException {
      assertThat(first("SELECT TOP 2 obs_id FROM ivoa.obscore ORDER BY s_ra OFFSET 5"))
          .containsExactly("obs-06", "obs-07");
    }

    @Test
    void orderByPosition() throws SQLException {
      assertThat(first("SELECT obs_id, s_dec FROM ivoa.obscore WHERE s_ra <= 30 ORDER BY 2 DESC"))
          .containsExactly("obs-03", "obs-02", "obs-01");
    }

    @Test
    void orderByOutputAlias() throws SQLException {
      assertThat(
              rows(
                  "SELECT obs_id AS id, s_ra * 2 AS twice FROM ivoa.obscore WHERE s_ra <= 30"
                      + " ORDER BY twice DESC"))
          .containsExactly(row("obs-03", 60.0), row("obs-02", 40.0), row("obs-01", 20.0));
    }

    @Test
    void orderByExpressionNotSelected() throws SQLException {
      assertThat(first("SELECT TOP 2 obs_id FROM ivoa.obscore ORDER BY s_dec * -1, obs_id"))
          .containsExactly("obs-20", "obs-19");
    }

    @Test
    void orderBySeveralKeys() throws SQLException {
      assertThat(
              first(
                  "SELECT TOP 3 obs_id FROM ivoa.obscore ORDER BY dataproduct_type ASC, s_ra"
                      + " DESC"))
          .containsExactly("obs-20", "obs-18", "obs-16");
    }
  }

  @Nested
  class Aggregates {
    @Test
    void groupByAndHaving() throws SQLException {
      assertThat(
              rows(
                  "SELECT calib_level, COUNT(*) AS n FROM ivoa.obscore WHERE s_ra > 30"
                      + " GROUP BY calib_level HAVING COUNT(*) > 4 ORDER BY calib_level"))
          .hasSize(1)
          .allSatisfy(
              r -> {
                assertThat(number(r.get(0))).isEqualTo(0);
                assertThat(r.get(1)).isEqualTo(5L);
              });
    }

    @Test
    void groupByOutputAlias() throws SQLException {
      assertThat(
              rows(
                  "SELECT dataproduct_type AS dp, COUNT(*) FROM ivoa.obscore GROUP BY dp"
                      + " ORDER BY dp"))
          .containsExactly(row("event", 10L), row("image", 10L));
    }

    @Test
    void aggregateFunctions() throws SQLException {
      assertThat(
              rows(
                  "SELECT AVG(s_ra), SUM(access_estsize), SUM(s_dec), MIN(obs_id),"
                      + " MAX(calib_level), COUNT(DISTINCT target_name), AVG(calib_level)"
                      + " FROM ivoa.obscore"))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.get(0)).isEqualTo(105.0);
                assertThat(r.get(1)).isEqualTo(21000L);
                assertThat(r.get(2)).isEqualTo(10.0);
                assertThat(r.get(3)).isEqualTo("obs-01");
                assertThat(number(r.get(4))).isEqualTo(3);
                assertThat(r.get(5)).isEqualTo(4L);
                assertThat(r.get(6)).isEqualTo(1.5); // a double, not an integer average
              });
    }
  }

  @Nested
  class Joins {
    @Test
    void innerJoinOn() throws SQLException {
      assertThat(
              rows(
                  "SELECT o.obs_id, x.zenith FROM ivoa.obscore AS o JOIN ctao.observation AS x"
                      + " ON o.obs_id = x.obs_id WHERE x.zenith > 40 ORDER BY o.obs_id"))
          .containsExactly(row("obs-09", 45.0), row("obs-10", 50.0));
    }

    @Test
    void leftOuterJoin() throws SQLException {
      List<List<Object>> rows =
          rows(
              "SELECT o.obs_id, x.array FROM ivoa.obscore o LEFT OUTER JOIN ctao.observation x"
                  + " ON o.obs_id = x.obs_id WHERE o.s_ra >= 100 ORDER BY o.obs_id");
      assertThat(rows).hasSize(11);
      assertThat(rows.subList(0, 2)).containsExactly(row("obs-10", "north"), row("obs-11", null));
    }

    @Test
    void rightOuterJoin() throws SQLException {
      assertThat(
              rows(
                  "SELECT x.obs_id, o.s_ra FROM ivoa.obscore o RIGHT OUTER JOIN ctao.observation x"
                      + " ON o.obs_id = x.obs_id WHERE x.zenith >= 50 ORDER BY x.obs_id"))
          .containsExactly(row("obs-10", 100.0), row("obs-99", null));
    }

    @Test
    void joinUsingMergesTheColumn() throws SQLException {
      assertThat(
              rows(
                  "SELECT obs_id, zenith, s_ra FROM ivoa.obscore JOIN ctao.observation"
                      + " USING (obs_id) WHERE zenith < 12 ORDER BY obs_id"))
          .containsExactly(row("obs-01", 5.0, 10.0), row("obs-02", 10.0, 20.0));
    }

    @Test
    void rightJoinUsingTakesTheJoinColumnFromTheRight() throws SQLException {
      assertThat(
              first(
                  "SELECT obs_id FROM ivoa.obscore RIGHT JOIN ctao.observation USING (obs_id)"
                      + " WHERE s_ra IS NULL"))
          .containsExactly("obs-99");
    }

    @Test
    void naturalJoinShowsTheCommonColumnOnce() throws SQLException {
      CompiledQuery q =
          compile("SELECT * FROM ivoa.obscore NATURAL JOIN ctao.observation WHERE n_tels = 3");
      assertThat(names(q))
          .containsExactly(
              "obs_id",
              "s_ra",
              "s_dec",
              "t_min",
              "calib_level",
              "dataproduct_type",
              "access_estsize",
              "target_name",
              "zenith",
              "array",
              "n_tels");
      List<List<Object>> rows = db.run(q);
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).get(0)).isEqualTo("obs-03");
      assertThat(rows.get(0).get(9)).isEqualTo("south");
    }

    @Test
    void crossJoinByComma() throws SQLException {
      assertThat(single("SELECT COUNT(*) FROM ivoa.obscore, ctao.observation")).isEqualTo(220L);
    }

    @Test
    void selfJoinWithAliasesAndUniqueOutputNames() throws SQLException {
      CompiledQuery q =
          compile(
              "SELECT a.obs_id, b.obs_id FROM ivoa.obscore a JOIN ivoa.obscore b"
                  + " ON a.s_dec = -b.s_dec WHERE a.s_dec > 8 ORDER BY a.obs_id");
      assertThat(db.run(q)).containsExactly(row("obs-19", "obs-01"));
      assertThat(names(q)).containsExactly("obs_id", "obs_id_2");
    }

    @Test
    void threeTablesJoined() throws SQLException {
      assertThat(
              single(
                  "SELECT COUNT(*) FROM ivoa.obscore o JOIN ctao.observation x"
                      + " ON o.obs_id = x.obs_id JOIN ivoa.obscore p ON p.s_ra = x.zenith"))
          .isEqualTo(5L); // zenith 10, 20, 30, 40, 50
    }
  }

  @Nested
  class Subqueries {
    @Test
    void derivedTable() throws SQLException {
      List<List<Object>> rows =
          rows(
              "SELECT t.lvl, t.n FROM (SELECT calib_level AS lvl, COUNT(*) AS n"
                  + " FROM ivoa.obscore GROUP BY calib_level) AS t WHERE t.n = 5"
                  + " ORDER BY t.lvl DESC");
      assertThat(rows.stream().map(r -> number(r.get(0))).toList())
          .containsExactly(3.0, 2.0, 1.0, 0.0);
      assertThat(rows.stream().map(r -> r.get(1)).toList()).containsOnly(5L);
    }

    @Test
    void topInsideADerivedTableAppliesThere() throws SQLException {
      CompiledQuery q =
          compile(
              "SELECT COUNT(*) FROM (SELECT TOP 4 obs_id FROM ivoa.obscore ORDER BY s_ra) AS t");
      assertThat(db.run(q)).containsExactly(row(4L));
      assertThat(q.fetchLimit()).isEqualTo(1001);
    }

    @Test
    void inSubquery() throws SQLException {
      assertThat(
              first(
                  "SELECT obs_id FROM ivoa.obscore WHERE obs_id IN"
                      + " (SELECT obs_id FROM ctao.observation WHERE array = 'north')"
                      + " ORDER BY obs_id"))
          .containsExactly("obs-02", "obs-04", "obs-06", "obs-08", "obs-10");
    }

    @Test
    void notInSubquery() throws SQLException {
      assertThat(
              single(
                  "SELECT COUNT(*) FROM ivoa.obscore WHERE obs_id NOT IN"
                      + " (SELECT obs_id FROM ctao.observation)"))
          .isEqualTo(10L);
    }

    @Test
    void correlatedExists() throws SQLException {
      assertThat(
              first(
                  "SELECT o.obs_id FROM ivoa.obscore o WHERE EXISTS (SELECT 1 FROM"
                      + " ctao.observation x WHERE x.obs_id = o.obs_id AND x.n_tels > 8)"
                      + " ORDER BY 1"))
          .containsExactly("obs-09", "obs-10");
    }

    @Test
    void correlatedComparisonWithAnOuterColumnUnqualified() throws SQLException {
      assertThat(
              single(
                  "SELECT COUNT(*) FROM ctao.observation x WHERE NOT EXISTS"
                      + " (SELECT obs_id FROM ivoa.obscore o WHERE o.obs_id = x.obs_id)"))
          .isEqualTo(1L);
    }
  }
}
