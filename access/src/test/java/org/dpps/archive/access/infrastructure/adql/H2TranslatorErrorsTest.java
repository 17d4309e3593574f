package org.dpps.archive.access.infrastructure.adql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.dpps.archive.access.infrastructure.adql.H2TranslatorTest.compile;
import static org.dpps.archive.access.infrastructure.adql.H2TranslatorTest.names;
import static org.dpps.archive.access.infrastructure.adql.H2TranslatorTest.row;

import java.sql.SQLException;
import org.dpps.archive.access.domain.adql.Position;
import org.dpps.archive.access.domain.tap.CompiledQuery;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names that do not resolve, constructs not supported, bad queries, and injection attempts. */
class H2TranslatorErrorsTest {
  TapTestDatabase db;

  @BeforeEach
  void open() throws SQLException {
    db = new TapTestDatabase();
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  static TapException error(String adql) {
    TapException e = catchThrowableOfType(() -> compile(adql), TapException.class);
    assertThat(e).as("an error for %s", adql).isNotNull();
    return e;
  }

  static void assertError(String adql, TapError code, String messagePart) {
    TapException e = error(adql);
    assertThat(e.error()).isEqualTo(code);
    assertThat(e.getMessage()).contains(messagePart);
  }

  @Test
  void unpublishedDatabaseTablesAreUnknown() {
    TapException e = error("SELECT * FROM public.job");
    assertThat(e.error()).isEqualTo(TapError.UNKNOWN_TABLE);
    assertThat(e.getMessage()).contains("public.job");
    assertThat(e.position()).contains(new Position(1, 15));
    assertError("SELECT secret FROM catalogue_entry", TapError.UNKNOWN_TABLE, "catalogue_entry");
    assertError("SELECT id FROM job", TapError.UNKNOWN_TABLE, "job");
    assertError("SELECT * FROM cat.ivoa.obscore", TapError.UNKNOWN_TABLE, "catalog");
  }

  @Test
  void unknownColumnWithPosition() {
    TapException e = error("SELECT obs_id,\n  foo FROM ivoa.obscore");
    assertThat(e.error()).isEqualTo(TapError.UNKNOWN_COLUMN);
    assertThat(e.getMessage()).contains("foo");
    assertThat(e.position()).contains(new Position(2, 3));
    assertError("SELECT o.foo FROM ivoa.obscore AS o", TapError.UNKNOWN_COLUMN, "foo");
    assertError("SELECT obs_id FROM ivoa.obscore ORDER BY bar", TapError.UNKNOWN_COLUMN, "bar");
  }

  @Test
  void unknownQualifierIsAnUnknownTable() {
    assertError("SELECT x.obs_id FROM ivoa.obscore", TapError.UNKNOWN_TABLE, "x");
    // once aliased, a table is known by its alias only
    assertError("SELECT obscore.obs_id FROM ivoa.obscore AS o", TapError.UNKNOWN_TABLE, "obscore");
  }

  @Test
  void ambiguousColumnInAJoin() {
    TapException e =
        error("SELECT obs_id FROM ivoa.obscore o JOIN ctao.observation x ON o.obs_id = x.obs_id");
    assertThat(e.error()).isEqualTo(TapError.AMBIGUOUS_NAME);
    assertThat(e.getMessage()).contains("obs_id");
    assertThat(e.position()).contains(new Position(1, 8));
  }

  @Test
  void ambiguousTableNames() throws SQLException {
    assertError("SELECT * FROM notes", TapError.AMBIGUOUS_NAME, "ivoa, ctao");
    assertThat(db.run(compile("SELECT * FROM ctao.notes"))).containsExactly(row(2, "b"));
    assertError(
        "SELECT COUNT(*) FROM ivoa.obscore, ivoa.obscore", TapError.AMBIGUOUS_NAME, "obscore");
    assertError(
        "SELECT o.obs_id FROM ivoa.obscore o, ctao.observation o", TapError.AMBIGUOUS_NAME, "o");
  }

  @Test
  void delimitedIdentifiersAreCaseSensitive() throws SQLException {
    assertError("SELECT \"OBS_ID\" FROM ivoa.obscore", TapError.UNKNOWN_COLUMN, "\"OBS_ID\"");
    assertError("SELECT obs_id FROM ivoa.\"ObsCore\"", TapError.UNKNOWN_TABLE, "ObsCore");
    assertThat(db.run(compile("SELECT \"obs_id\" FROM ivoa.obscore WHERE s_ra = 10")))
        .containsExactly(row("obs-01"));
  }

  @Test
  void geometryOutsideIcrsAndGeometricCastsAreUnsupported() {
    String adql =
        "SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT('GALACTIC', s_ra, s_dec),"
            + " CIRCLE('ICRS', 10, 0, 1))";
    TapException e = error(adql);
    assertThat(e.error()).isEqualTo(TapError.UNSUPPORTED);
    assertThat(e.getMessage()).contains("GALACTIC");
    assertError("SELECT CAST(obs_id AS POINT) FROM ivoa.obscore", TapError.UNSUPPORTED, "POINT");
  }

  @Test
  void unsupportedConstructs() {
    assertError("SELECT my_udf(s_ra) FROM ivoa.obscore", TapError.UNSUPPORTED, "my_udf");
    assertError("SELECT IN_UNIT(s_ra, 'rad') FROM ivoa.obscore", TapError.UNSUPPORTED, "IN_UNIT");
    assertError(
        "SELECT obs_id FROM ivoa.obscore INTERSECT ALL SELECT obs_id FROM ctao.observation",
        TapError.UNSUPPORTED,
        "INTERSECT ALL");
    assertError(
        "SELECT obs_id FROM ivoa.obscore EXCEPT ALL SELECT obs_id FROM ctao.observation",
        TapError.UNSUPPORTED,
        "EXCEPT ALL");
    assertError(
        "SELECT o.obs_id FROM ivoa.obscore o FULL OUTER JOIN ctao.observation x"
            + " ON o.obs_id = x.obs_id",
        TapError.UNSUPPORTED,
        "FULL OUTER JOIN");
  }

  @Test
  void syntaxErrorsHaveLineAndColumn() {
    TapException e = error("SELECT obs_id\nFROM ivoa.obscore\nWHERE s_ra >");
    assertThat(e.error()).isEqualTo(TapError.SYNTAX);
    assertThat(e.position()).isPresent();
    assertThat(e.position().get().line()).isEqualTo(3);
    assertThat(error("SELECT obs_id FROM ivoa.obscore LIMIT 5").error()).isEqualTo(TapError.SYNTAX);
    assertThat(error("").error()).isEqualTo(TapError.SYNTAX);
    assertThat(error("SELECT ROUND() FROM ivoa.obscore").error()).isEqualTo(TapError.SYNTAX);
  }

  @Test
  void invalidQueries() {
    assertError(
        "SELECT obs_id, s_ra FROM ivoa.obscore UNION SELECT obs_id FROM ctao.observation",
        TapError.INVALID_QUERY,
        "2 and 1");
    assertError("SELECT obs_id, s_ra FROM ivoa.obscore ORDER BY 3", TapError.INVALID_QUERY, "3");
    assertError("SELECT obs_id FROM ivoa.obscore ORDER BY 0", TapError.INVALID_QUERY, "0");
    assertError(
        "SELECT obs_id FROM ivoa.obscore WHERE obs_id IN (SELECT obs_id, zenith"
            + " FROM ctao.observation)",
        TapError.INVALID_QUERY,
        "one column");
    assertError(
        "WITH c(a, b) AS (SELECT obs_id FROM ivoa.obscore) SELECT a FROM c",
        TapError.INVALID_QUERY,
        "2 columns");
    assertError(
        "SELECT obs_id FROM ivoa.obscore UNION SELECT obs_id FROM ctao.observation"
            + " ORDER BY LOWER(obs_id)",
        TapError.INVALID_QUERY,
        "ORDER BY");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT SQRT(obs_id) FROM ivoa.obscore",
        "SELECT s_ra + obs_id FROM ivoa.obscore",
        "SELECT AVG(target_name) FROM ivoa.obscore",
        "SELECT UPPER(s_ra) FROM ivoa.obscore",
        "SELECT obs_id FROM ivoa.obscore WHERE obs_id = 3",
        "SELECT obs_id FROM ivoa.obscore WHERE s_ra LIKE '1%'",
        "SELECT s_ra & 1 FROM ivoa.obscore"
      })
  void wrongArgumentTypesAreInvalid(String adql) {
    assertThat(error(adql).error()).isEqualTo(TapError.INVALID_QUERY);
  }

  @Test
  void joinColumnsMustExistOnBothSides() {
    assertError(
        "SELECT * FROM ivoa.obscore JOIN ctao.observation USING (s_ra)",
        TapError.UNKNOWN_COLUMN,
        "s_ra");
  }

  @Test
  void negativeMaxRecIsABadParameter() {
    TapException e =
        catchThrowableOfType(
            () ->
                new H2Translator()
                    .compile("SELECT obs_id FROM ivoa.obscore", TapTestDatabase.SCHEMA, -1),
            TapException.class);
    assertThat(e.error()).isEqualTo(TapError.BAD_PARAMETER);
  }

  @Test
  void injectionInAStringIsALiteral() throws SQLException {
    CompiledQuery q =
        compile(
            "SELECT obs_id FROM ivoa.obscore WHERE target_name = 'x'';DROP TABLE ivoa.obscore;--'");
    assertThat(q.parameters()).containsExactly("x';DROP TABLE ivoa.obscore;--");
    assertThat(q.sql()).doesNotContain("DROP");
    assertThat(db.run(q)).isEmpty();
    assertThat(db.count("ivoa.obscore")).isEqualTo(20);
    assertThat(
            db.run(
                compile(
                    "SELECT COUNT(*) FROM ivoa.obscore WHERE target_name = 'O''Brien'' OR"
                        + " ''1''=''1'")))
        .containsExactly(row(0L));
  }

  @Test
  void injectionInDelimitedIdentifiersIsAnUnknownName() throws SQLException {
    assertError(
        "SELECT \"obs_id\"\"; drop table ivoa.obscore; --\" FROM ivoa.obscore",
        TapError.UNKNOWN_COLUMN,
        "drop");
    assertError(
        "SELECT obs_id FROM \"ivoa.obscore; DROP TABLE ivoa.obscore\"",
        TapError.UNKNOWN_TABLE,
        "DROP");
    assertThat(db.count("ivoa.obscore")).isEqualTo(20);
  }

  @Test
  void delimitedTableAliasesNeverReachTheSql() throws SQLException {
    CompiledQuery q =
        compile(
            "SELECT \"weird; alias\".obs_id FROM ivoa.obscore AS \"weird; alias\""
                + " WHERE \"weird; alias\".s_ra = 10");
    assertThat(q.sql()).doesNotContain("weird").doesNotContain(";");
    assertThat(db.run(q)).containsExactly(row("obs-01"));
  }

  @Test
  void aliasesAreReplacedByGeneratedNames() throws SQLException {
    CompiledQuery q =
        compile(
            "WITH mine AS (SELECT zenith FROM ctao.observation) SELECT m.zenith AS"
                + " \"x\"\" FROM ivoa.obscore; --\" FROM mine AS m WHERE m.zenith = 5");
    assertThat(q.sql()).doesNotContain("mine").doesNotContain("--").doesNotContain("\"");
    assertThat(q.sql()).contains("zenith_deg").contains("ctao.obs_table");
    assertThat(names(q)).containsExactly("x\" FROM ivoa.obscore; --");
    assertThat(db.run(q)).containsExactly(row(5.0));
  }

  @Test
  void literalsAreBindParameters() {
    CompiledQuery q =
        compile(
            "SELECT obs_id FROM ivoa.obscore WHERE s_ra > 15.5 AND target_name = 'Vela'"
                + " AND calib_level < 3 AND t_min < 1E9");
    assertThat(q.parameters()).containsExactly(new java.math.BigDecimal("15.5"), "Vela", 3L, 1e9);
    assertThat(q.sql()).doesNotContain("Vela").doesNotContain("15.5").doesNotContain("1E9");
  }

  @Test
  void theSqlUsesPhysicalNames() {
    CompiledQuery q =
        compile(
            "SELECT zenith, array, dataproduct_type FROM ctao.observation"
                + " NATURAL JOIN ivoa.obscore");
    assertThat(q.sql())
        .contains("ctao.obs_table")
        .contains("zenith_deg")
        .contains("array_name")
        .contains("dp_type")
        .doesNotContain("observation")
        .doesNotContain("dataproduct_type");
  }
}
