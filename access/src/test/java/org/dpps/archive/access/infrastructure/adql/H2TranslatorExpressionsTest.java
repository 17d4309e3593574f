package org.dpps.archive.access.infrastructure.adql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dpps.archive.access.infrastructure.adql.H2TranslatorTest.compile;
import static org.dpps.archive.access.infrastructure.adql.H2TranslatorTest.names;
import static org.dpps.archive.access.infrastructure.adql.H2TranslatorTest.number;
import static org.dpps.archive.access.infrastructure.adql.H2TranslatorTest.row;

import java.sql.SQLException;
import java.util.List;
import org.dpps.archive.access.domain.tap.CompiledQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Functions, CASE, CAST, set operations and WITH, run against H2. */
class H2TranslatorExpressionsTest {
  private static final double EPS = 1e-12;

  TapTestDatabase db;

  @BeforeEach
  void open() throws SQLException {
    db = new TapTestDatabase();
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  List<List<Object>> rows(String adql) throws SQLException {
    return db.run(compile(adql));
  }

  List<Object> one(String adql) throws SQLException {
    List<List<Object>> rows = rows(adql);
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void mathFunctions() throws SQLException {
    List<Object> r =
        one(
            "SELECT ABS(s_dec), CEILING(s_ra / 7), FLOOR(s_ra / 7), ROUND(s_ra / 7, 2),"
                + " TRUNCATE(s_ra / 7, 1), MOD(s_ra, 7), POWER(2, 3), SQRT(s_ra * 10), EXP(0),"
                + " LOG(EXP(1)), LOG10(1000), PI(), ROUND(s_ra / 7), TRUNCATE(-1.7)"
                + " FROM ivoa.obscore WHERE obs_id = 'obs-01'");
    assertThat(r)
        .containsExactly(
            9.0, 2.0, 1.0, 1.43, 1.4, 3.0, 8.0, 10.0, 1.0, 1.0, 3.0, Math.PI, 1.0, -1.0);
  }

  @Test
  void modOfDoublesKeepsTheFraction() throws SQLException {
    // H2's MOD takes the divisor's type: MOD(15.5, 1) would be 1 with an integer divisor
    assertThat(
            one(
                "SELECT MOD(s_ra + 0.5, 1), MOD(access_estsize, 7) FROM ivoa.obscore"
                    + " WHERE obs_id = 'obs-01'"))
        .containsExactly(0.5, 2L);
  }

  @Test
  void trigonometricFunctions() throws SQLException {
    List<Object> r =
        one(
            "SELECT DEGREES(PI()), RADIANS(180), SIN(0), COS(0), TAN(0), ASIN(1), ACOS(1),"
                + " ATAN(1), ATAN2(1, 1), COT(PI() / 4) FROM ivoa.obscore WHERE s_ra = 10");
    double[] expected = {180, Math.PI, 0, 1, 0, Math.PI / 2, 0, Math.PI / 4, Math.PI / 4, 1};
    for (int i = 0; i < expected.length; i++) {
      assertThat(number(r.get(i))).as("column %d", i + 1).isCloseTo(expected[i], within(EPS));
    }
  }

  @Test
  void rand() throws SQLException {
    List<Object> r = one("SELECT RAND(), RAND(42) FROM ivoa.obscore WHERE s_ra = 10");
    assertThat(number(r.get(0))).isBetween(0.0, 1.0);
    assertThat(number(r.get(1))).isBetween(0.0, 1.0);
  }

  @Test
  void integerArithmetic() throws SQLException {
    assertThat(
            one(
                "SELECT calib_level + calib_level, n_tels * 2, access_estsize - 1, n_tels / 2"
                    + " FROM ctao.observation x JOIN ivoa.obscore o USING (obs_id)"
                    + " WHERE obs_id = 'obs-07'"))
        .containsExactly(6, 14L, 699L, 3L);
  }

  @Test
  void bitwiseOperators() throws SQLException {
    assertThat(
            one(
                "SELECT n_tels & 1, n_tels | 4, n_tels ^ 3, ~n_tels FROM ctao.observation"
                    + " WHERE obs_id = 'obs-03'"))
        .containsExactly(1L, 7L, 0L, -4);
  }

  @Test
  void stringFunctionsAndConcatenation() throws SQLException {
    assertThat(
            one(
                "SELECT LOWER(target_name), UPPER(dataproduct_type),"
                    + " obs_id || '/' || dataproduct_type FROM ivoa.obscore"
                    + " WHERE obs_id = 'obs-03'"))
        .containsExactly("pks 2155-304", "IMAGE", "obs-03/image");
  }

  @Test
  void coalesce() throws SQLException {
    CompiledQuery q =
        compile(
            "SELECT COALESCE(target_name, 'none') FROM ivoa.obscore WHERE s_ra IN (40, 50)"
                + " ORDER BY s_ra");
    assertThat(db.run(q)).containsExactly(row("none"), row("Crab"));
    assertThat(names(q)).containsExactly("coalesce");
  }

  @Test
  void searchedCase() throws SQLException {
    assertThat(
            rows(
                "SELECT obs_id, CASE WHEN s_ra < 50 THEN 'low' WHEN s_ra < 150 THEN 'mid'"
                    + " ELSE 'high' END AS band FROM ivoa.obscore"
                    + " WHERE obs_id IN ('obs-01', 'obs-10', 'obs-20') ORDER BY obs_id"))
        .containsExactly(row("obs-01", "low"), row("obs-10", "mid"), row("obs-20", "high"));
  }

  @Test
  void simpleCaseWithNull() throws SQLException {
    assertThat(
            rows(
                "SELECT CASE calib_level WHEN 0 THEN 'zero' WHEN 1 THEN 'one' ELSE NULL END"
                    + " FROM ivoa.obscore WHERE s_ra <= 30 ORDER BY s_ra"))
        .containsExactly(row("one"), row((Object) null), row((Object) null));
  }

  @Test
  void casts() throws SQLException {
    List<Object> r =
        one(
            "SELECT CAST(s_ra AS INTEGER), CAST(calib_level AS CHAR(3)),"
                + " CAST(access_estsize AS REAL), CAST(s_dec AS BIGINT),"
                + " CAST(s_ra AS SMALLINT), CAST(obs_id AS VARCHAR(3)),"
                + " CAST(calib_level AS DOUBLE PRECISION)"
                + " FROM ivoa.obscore WHERE obs_id = 'obs-05'");
    assertThat(r.get(0)).isEqualTo(50);
    assertThat(r.get(1)).isEqualTo("1  ");
    assertThat(r.get(2)).isEqualTo(500.0f);
    assertThat(r.get(3)).isEqualTo(-5L);
    assertThat(number(r.get(4))).isEqualTo(50);
    assertThat(r.get(5)).isEqualTo("obs");
    assertThat(r.get(6)).isEqualTo(1.0);
  }

  @Test
  void castToTimestamp() throws SQLException {
    List<Object> r =
        one(
            "SELECT CAST('2024-01-02T03:04:05' AS TIMESTAMP) FROM ivoa.obscore"
                + " WHERE obs_id = 'obs-01'");
    assertThat(r.get(0).toString()).startsWith("2024-01-02").contains("03:04:05");
  }

  @Test
  void union() throws SQLException {
    assertThat(
            rows(
                "SELECT obs_id FROM ivoa.obscore WHERE s_ra <= 20 UNION"
                    + " SELECT obs_id FROM ctao.observation WHERE zenith >= 50 ORDER BY obs_id"))
        .containsExactly(row("obs-01"), row("obs-02"), row("obs-10"), row("obs-99"));
  }

  @Test
  void unionAllKeepsDuplicates() throws SQLException {
    assertThat(
            rows(
                "SELECT dataproduct_type FROM ivoa.obscore WHERE s_ra <= 20 UNION ALL"
                    + " SELECT dataproduct_type FROM ivoa.obscore WHERE s_ra <= 20 ORDER BY 1"))
        .containsExactly(row("event"), row("event"), row("image"), row("image"));
  }

  @Test
  void intersectAndExcept() throws SQLException {
    assertThat(
            rows("SELECT obs_id FROM ivoa.obscore INTERSECT SELECT obs_id FROM ctao.observation"))
        .hasSize(10);
    assertThat(rows("SELECT obs_id FROM ctao.observation EXCEPT SELECT obs_id FROM ivoa.obscore"))
        .containsExactly(row("obs-99"));
  }

  @Test
  void topInEachOperandOfASetOperation() throws SQLException {
    assertThat(
            rows(
                "SELECT COUNT(*) FROM (SELECT TOP 3 obs_id FROM ivoa.obscore UNION ALL"
                    + " SELECT TOP 2 obs_id FROM ctao.observation) AS u"))
        .containsExactly(row(5L));
  }

  @Test
  void nestedSetOperations() throws SQLException {
    assertThat(
            rows(
                "SELECT obs_id FROM ivoa.obscore WHERE s_ra = 10 UNION (SELECT obs_id FROM"
                    + " ctao.observation EXCEPT SELECT obs_id FROM ctao.observation"
                    + " WHERE n_tels > 1) ORDER BY obs_id DESC"))
        .containsExactly(row("obs-01"));
  }

  @Test
  void withClause() throws SQLException {
    assertThat(
            rows(
                "WITH north AS (SELECT obs_id, zenith FROM ctao.observation"
                    + " WHERE array = 'north') SELECT TOP 2 o.obs_id, n.zenith"
                    + " FROM ivoa.obscore AS o JOIN north AS n ON o.obs_id = n.obs_id"
                    + " ORDER BY n.zenith DESC"))
        .containsExactly(row("obs-10", 50.0), row("obs-08", 40.0));
  }

  @Test
  void withNameShadowsThePublishedTable() throws SQLException {
    CompiledQuery q =
        compile(
            "WITH obscore AS (SELECT obs_id FROM ivoa.obscore WHERE s_ra = 10)"
                + " SELECT * FROM obscore");
    assertThat(db.run(q)).containsExactly(row("obs-01"));
    assertThat(names(q)).containsExactly("obs_id");
    assertThat(
            rows(
                "WITH obscore AS (SELECT obs_id FROM ivoa.obscore WHERE s_ra = 10)"
                    + " SELECT COUNT(*) FROM ivoa.obscore"))
        .containsExactly(row(20L));
  }

  @Test
  void withColumnNamesAndTwoExpressions() throws SQLException {
    CompiledQuery q =
        compile(
            "WITH c(id, dec) AS (SELECT obs_id, s_dec FROM ivoa.obscore),"
                + " d AS (SELECT id FROM c WHERE dec = 0) SELECT id FROM d");
    assertThat(db.run(q)).containsExactly(row("obs-10"));
    assertThat(names(q)).containsExactly("id");
  }

  @Test
  void withInsideASubquery() throws SQLException {
    assertThat(
            rows(
                "SELECT COUNT(*) FROM ivoa.obscore WHERE obs_id IN (WITH s AS (SELECT obs_id"
                    + " FROM ctao.observation WHERE array = 'south') SELECT obs_id FROM s)"))
        .containsExactly(row(5L));
  }
}
