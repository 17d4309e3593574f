package org.dpps.archive.access.infrastructure.adql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.junit.jupiter.api.Test;

/** The result columns the checker computes: names, published metadata, inferred types. */
class AdqlCheckerTest {

  static List<TapColumn> check(String adql) {
    return AdqlChecker.check(adql, TapTestDatabase.SCHEMA);
  }

  static List<String> names(List<TapColumn> columns) {
    return columns.stream().map(TapColumn::name).toList();
  }

  static List<String> types(List<TapColumn> columns) {
    return columns.stream()
        .map(c -> c.arraysize().isEmpty() ? c.datatype() : c.datatype() + "[" + c.arraysize() + "]")
        .toList();
  }

  @Test
  void starExpandsToThePublishedColumnsInOrder() {
    List<TapColumn> columns = check("SELECT * FROM ivoa.obscore");
    assertThat(columns)
        .isEqualTo(TapTestDatabase.SCHEMA.table("ivoa.obscore").orElseThrow().columns());
    assertThat(columns.get(1).unit()).isEqualTo("deg");
    assertThat(columns.get(1).ucd()).isEqualTo("pos.eq.ra");
  }

  @Test
  void qualifiedStarExpandsOneTable() {
    List<TapColumn> columns =
        check(
            "SELECT x.*, o.s_ra FROM ivoa.obscore o JOIN ctao.observation x"
                + " ON o.obs_id = x.obs_id");
    assertThat(names(columns)).containsExactly("obs_id", "zenith", "array", "n_tels", "s_ra");
    assertThat(columns.get(1).physicalName()).isEqualTo("zenith_deg");
  }

  @Test
  void anAliasRenamesAndKeepsTheMetadata() {
    TapColumn ra = check("SELECT s_ra AS ra FROM ivoa.obscore").get(0);
    assertThat(ra.name()).isEqualTo("ra");
    assertThat(ra.unit()).isEqualTo("deg");
    assertThat(ra.ucd()).isEqualTo("pos.eq.ra");
    assertThat(ra.datatype()).isEqualTo("double");
    assertThat(check("SELECT s_ra AS \"RA\" FROM ivoa.obscore").get(0).name()).isEqualTo("RA");
  }

  @Test
  void derivedTablesAndWithKeepTheMetadata() {
    TapColumn ra = check("SELECT t.ra FROM (SELECT s_ra AS ra FROM ivoa.obscore) AS t").get(0);
    assertThat(ra.name()).isEqualTo("ra");
    assertThat(ra.unit()).isEqualTo("deg");
    TapColumn z =
        check("WITH w(z) AS (SELECT zenith FROM ctao.observation) SELECT z FROM w").get(0);
    assertThat(z.name()).isEqualTo("z");
    assertThat(z.ucd()).isEqualTo("pos.az.zd");
  }

  @Test
  void aggregateTypesAndNames() {
    List<TapColumn> columns =
        check(
            "SELECT COUNT(*), AVG(calib_level), SUM(access_estsize), SUM(s_ra),"
                + " SUM(calib_level), MIN(calib_level), MAX(obs_id) FROM ivoa.obscore");
    assertThat(names(columns))
        .containsExactly("count", "avg", "sum", "sum_2", "sum_3", "min", "max");
    assertThat(types(columns))
        .containsExactly("long", "double", "long", "double", "long", "short", "char[*]");
    assertThat(columns.get(0).unit()).isEmpty();
    assertThat(columns.get(0).physicalName()).isEmpty();
  }

  @Test
  void arithmeticTakesTheWidestType() {
    assertThat(
            types(
                check(
                    "SELECT calib_level + calib_level, n_tels * n_tels, access_estsize - n_tels,"
                        + " s_ra + 1, calib_level + 1, n_tels / 2.5, -n_tels"
                        + " FROM ivoa.obscore, ctao.observation")))
        .containsExactly("int", "int", "long", "double", "long", "double", "int");
  }

  @Test
  void stringFunctionsAndConcatenationAreStrings() {
    assertThat(
            types(
                check(
                    "SELECT LOWER(obs_id), UPPER(target_name), obs_id || s_ra,"
                        + " COALESCE(target_name, obs_id) FROM ivoa.obscore")))
        .containsExactly("char[*]", "char[*]", "char[*]", "char[*]");
  }

  @Test
  void castTakesTheTargetType() {
    List<TapColumn> columns =
        check(
            "SELECT CAST(s_ra AS SMALLINT), CAST(s_ra AS INTEGER), CAST(s_ra AS BIGINT),"
                + " CAST(s_ra AS REAL), CAST(calib_level AS DOUBLE PRECISION),"
                + " CAST(s_ra AS CHAR(8)), CAST(s_ra AS VARCHAR(8)), CAST(s_ra AS VARCHAR),"
                + " CAST(obs_id AS TIMESTAMP) FROM ivoa.obscore");
    assertThat(types(columns))
        .containsExactly(
            "short", "int", "long", "float", "double", "char[8]", "char[8*]", "char[*]", "char[*]");
    assertThat(columns.get(8).xtype()).isEqualTo("timestamp");
  }

  @Test
  void caseTakesTheFirstNonNullBranch() {
    assertThat(
            types(
                check(
                    "SELECT CASE WHEN s_ra > 1 THEN NULL ELSE s_ra END,"
                        + " CASE calib_level WHEN 1 THEN 'one' ELSE obs_id END"
                        + " FROM ivoa.obscore")))
        .containsExactly("double", "char[*]");
  }

  @Test
  void mathFunctionTypes() {
    assertThat(
            types(
                check(
                    "SELECT ABS(calib_level), ROUND(s_ra, 1), FLOOR(access_estsize), SQRT(n_tels),"
                        + " MOD(n_tels, n_tels), PI(), RAND(), n_tels & 3, ~n_tels"
                        + " FROM ivoa.obscore, ctao.observation")))
        .containsExactly(
            "short", "double", "long", "double", "int", "double", "double", "long", "int");
  }

  @Test
  void defaultNamesAreUniqueAndStable() {
    assertThat(
            names(
                check(
                    "SELECT COUNT(*), COUNT(obs_id), s_ra + 1, s_ra + 2, LOWER(obs_id),"
                        + " obs_id, obs_id FROM ivoa.obscore GROUP BY obs_id, s_ra")))
        .containsExactly("count", "count_2", "col_3", "col_4", "lower", "obs_id", "obs_id_2");
  }

  @Test
  void aSetOperationHasTheColumnsOfItsFirstOperand() {
    List<TapColumn> columns =
        check("SELECT s_ra AS v FROM ivoa.obscore UNION SELECT zenith FROM ctao.observation");
    assertThat(names(columns)).containsExactly("v");
    assertThat(columns.get(0).ucd()).isEqualTo("pos.eq.ra");
  }

  @Test
  void usingJoinShowsTheJoinColumnOnce() {
    assertThat(
            names(
                check(
                    "SELECT * FROM ctao.observation JOIN ivoa.obscore USING (obs_id)"
                        + " WHERE obs_id = 'obs-01'")))
        .containsExactly(
            "obs_id",
            "zenith",
            "array",
            "n_tels",
            "s_ra",
            "s_dec",
            "t_min",
            "calib_level",
            "dataproduct_type",
            "access_estsize",
            "target_name");
  }
}
