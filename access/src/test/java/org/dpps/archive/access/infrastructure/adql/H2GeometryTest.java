package org.dpps.archive.access.infrastructure.adql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.dpps.archive.access.domain.tap.CompiledQuery;
import org.dpps.archive.access.domain.tap.SpatialIndex;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.dpps.archive.access.domain.tap.TapSchema;
import org.dpps.archive.access.domain.tap.TapTable;
import org.dpps.archive.access.infrastructure.jdbc.H2GeometryFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ADQL geometry compiled for H2 and run on 2,000 random rows, against oracles computed here. */
class H2GeometryTest {
  static final int ROWS = 2_000;
  static final TapSchema SCHEMA =
      new TapSchema(
          List.of(
              new TapSchema.Schema(
                  "ivoa",
                  "",
                  null,
                  List.of(
                      new TapTable(
                          "ivoa",
                          "obscore",
                          "table",
                          "",
                          null,
                          List.of(
                              column("obs_id", "char", "*", ""),
                              column("s_ra", "double", "", ""),
                              column("s_dec", "double", "", ""),
                              column("s_fov", "double", "", ""),
                              column("s_region", "char", "*", "adql:REGION")),
                          "ivoa.obscore")))),
          List.of());
  static final SpatialIndex INDEX =
      new SpatialIndex(Map.of("ivoa.obscore", new SpatialIndex.Columns("s_ra", "s_dec", "s_zone")));
  static final H2Translator TRANSLATOR = new H2Translator(INDEX);

  static Connection connection;
  static final double[][] rows = new double[ROWS][];

  static TapColumn column(String name, String datatype, String arraysize, String xtype) {
    return new TapColumn(name, datatype, arraysize, xtype, "", "", "", "", true, false, true, name);
  }

  @BeforeAll
  static void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:geometry;DB_CLOSE_DELAY=-1");
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE SCHEMA ivoa");
      s.execute(
          "CREATE TABLE ivoa.obscore (obs_id VARCHAR(16) PRIMARY KEY, s_ra DOUBLE PRECISION,"
              + " s_dec DOUBLE PRECISION, s_fov DOUBLE PRECISION, s_region VARCHAR(200),"
              + " s_zone INTEGER)");
      s.execute("CREATE INDEX obscore_zone_ra ON ivoa.obscore (s_zone, s_ra)");
    }
    assertThat(H2GeometryFunctions.install(connection)).isEqualTo(13);
    assertThat(H2GeometryFunctions.install(connection)).as("idempotent").isEqualTo(13);
    Random random = new Random(42);
    try (PreparedStatement p =
        connection.prepareStatement("INSERT INTO ivoa.obscore VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < ROWS; i++) {
        double ra;
        double dec;
        switch (i % 4) {
          case 0 -> {
            ra = random.nextDouble() * 360;
            dec = 80 + random.nextDouble() * 10;
          }
          case 1 -> {
            ra = (random.nextDouble() * 10 + 355) % 360;
            dec = random.nextDouble() * 20 - 10;
          }
          default -> {
            ra = random.nextDouble() * 360;
            dec = Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
          }
        }
        double fov = 0.5 + random.nextDouble() * 9;
        rows[i] = new double[] {ra, dec, fov};
        p.setString(1, id(i));
        p.setDouble(2, ra);
        p.setDouble(3, dec);
        p.setDouble(4, fov);
        p.setString(5, String.format(Locale.ROOT, "CIRCLE ICRS %.6f %.6f %.6f", ra, dec, fov / 2));
        p.setInt(6, (int) Math.floor((dec + 90) / 0.5));
        p.executeUpdate();
      }
    }
  }

  @AfterAll
  static void close() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }

  static String id(int i) {
    return String.format("r%04d", i);
  }

  static CompiledQuery compile(String adql) {
    return TRANSLATOR.compile(adql, SCHEMA, 100_000);
  }

  static List<List<Object>> run(CompiledQuery q) throws SQLException {
    try (PreparedStatement p = connection.prepareStatement(q.sql())) {
      for (int i = 0; i < q.parameters().size(); i++) {
        p.setObject(i + 1, q.parameters().get(i));
      }
      List<List<Object>> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        int n = r.getMetaData().getColumnCount();
        while (r.next()) {
          List<Object> row = new ArrayList<>();
          for (int c = 1; c <= n; c++) {
            Object v = r.getObject(c);
            row.add(v instanceof java.sql.Array a ? a.getArray() : v);
          }
          out.add(row);
        }
      }
      return out;
    }
  }

  static Set<String> ids(String adql) throws SQLException {
    Set<String> out = new TreeSet<>();
    for (List<Object> row : run(compile(adql))) {
      out.add((String) row.get(0));
    }
    return out;
  }

  /** Oracle: the angle between unit vectors from their dot product. */
  static double distance(double ra1, double dec1, double ra2, double dec2) {
    double[] a = SphereOracle.vector(ra1, dec1);
    double[] b = SphereOracle.vector(ra2, dec2);
    double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
  }

  static final class SphereOracle {
    static double[] vector(double ra, double dec) {
      double r = Math.toRadians(ra);
      double d = Math.toRadians(dec);
      return new double[] {Math.cos(d) * Math.cos(r), Math.cos(d) * Math.sin(r), Math.sin(d)};
    }
  }

  @Test
  void randomConesReturnTheRowsTheOracleSelects() throws SQLException {
    Random random = new Random(7);
    int nonEmpty = 0;
    for (int k = 0; k < 150; k++) {
      double a;
      double b;
      switch (k % 3) {
        case 0 -> {
          a = random.nextDouble() * 360;
          b = 85 + random.nextDouble() * 5; // around the north pole
        }
        case 1 -> {
          a = random.nextBoolean() ? random.nextDouble() * 2 : 358 + random.nextDouble() * 2;
          b = random.nextDouble() * 10 - 5; // across RA 0/360
        }
        default -> {
          a = random.nextDouble() * 360;
          b = random.nextDouble() * 180 - 90;
        }
      }
      double r = k % 10 == 0 ? 0 : random.nextDouble() * 15;
      Set<String> expected = new TreeSet<>();
      for (int i = 0; i < ROWS; i++) {
        double d = distance(rows[i][0], rows[i][1], a, b);
        if (Math.abs(d - r) < 1e-9) {
          throw new IllegalStateException("a row on the boundary: pick another seed");
        }
        if (d <= r) {
          expected.add(id(i));
        }
      }
      String circle = String.format(Locale.ROOT, "%.17g, %.17g, %.17g", a, b, r);
      String adql =
          switch (k % 4) {
            case 0 ->
                "SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT('ICRS', s_ra, s_dec),"
                    + " CIRCLE('ICRS', "
                    + circle
                    + "))";
            case 1 ->
                "SELECT obs_id FROM ivoa.obscore WHERE CONTAINS(POINT(s_ra, s_dec), CIRCLE("
                    + circle
                    + ")) = 1";
            case 2 ->
                "SELECT o.obs_id FROM ivoa.obscore AS o WHERE 1 = CONTAINS(POINT('', o.s_ra,"
                    + " o.s_dec), CIRCLE('', POINT("
                    + String.format(Locale.ROOT, "%.17g, %.17g), %.17g", a, b, r)
                    + "))";
            default ->
                "SELECT obs_id FROM ivoa.obscore WHERE 1 = INTERSECTS(CIRCLE("
                    + circle
                    + "), POINT(s_ra, s_dec))";
          };
      assertThat(compile(adql).sql())
          .contains("s_zone BETWEEN")
          .contains("adql_contains_point_circle");
      assertThat(ids(adql)).as(adql).isEqualTo(expected);
      nonEmpty += expected.isEmpty() ? 0 : 1;
      String not = adql.replace("1 = ", "0 = ").replace(")) = 1", ")) = 0");
      Set<String> complement = new TreeSet<>();
      for (int i = 0; i < ROWS; i++) {
        if (!expected.contains(id(i))) {
          complement.add(id(i));
        }
      }
      assertThat(ids(not)).as(not).isEqualTo(complement);
    }
    assertThat(nonEmpty).isGreaterThan(60);
  }

  @Test
  void wholeSkyCone() throws SQLException {
    assertThat(
            ids(
                "SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT(s_ra, s_dec), CIRCLE(12, -40, 180))"))
        .hasSize(ROWS);
  }

  @Test
  void aConeUsesTheZoneIndex() throws SQLException {
    CompiledQuery q =
        compile(
            "SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT('ICRS', s_ra, s_dec),"
                + " CIRCLE('ICRS', 83.63, 22.01, 1))");
    try (PreparedStatement p = connection.prepareStatement("EXPLAIN " + q.sql())) {
      for (int i = 0; i < q.parameters().size(); i++) {
        p.setObject(i + 1, q.parameters().get(i));
      }
      try (ResultSet r = p.executeQuery()) {
        r.next();
        String plan = r.getString(1);
        assertThat(plan).as(plan).containsIgnoringCase("OBSCORE_ZONE_RA");
      }
    }
  }

  @Test
  void polygonsAndBoxesReturnTheRowsTheOracleSelects() throws SQLException {
    Random random = new Random(11);
    for (int k = 0; k < 60; k++) {
      double a = k % 3 == 0 ? 359 + random.nextDouble() * 2 : random.nextDouble() * 360;
      a = a % 360;
      double b = k % 5 == 0 ? 84 + random.nextDouble() * 4 : random.nextDouble() * 140 - 70;
      double h = 1 + random.nextDouble() * 10;
      List<double[]> vertices = new ArrayList<>();
      int n = 3 + random.nextInt(5);
      for (int v = 0; v < n; v++) {
        double bearing = 2 * Math.PI * (v + random.nextDouble() * 0.8) / n;
        vertices.add(offset(a, b, h, bearing));
      }
      StringBuilder coords = new StringBuilder();
      for (double[] v : vertices) {
        coords
            .append(coords.length() == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "%.17g, %.17g", v[0], v[1]));
      }
      Set<String> expected = new TreeSet<>();
      for (int i = 0; i < ROWS; i++) {
        if (insideConvex(vertices, rows[i][0], rows[i][1])) {
          expected.add(id(i));
        }
      }
      String adql =
          "SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT(s_ra, s_dec), POLYGON('ICRS', "
              + coords
              + "))";
      assertThat(ids(adql)).as(adql).isEqualTo(expected);
      if (k % 2 == 0) {
        assertThat(compile(adql).sql()).contains("s_zone BETWEEN");
      }
    }
  }

  @Test
  void boxesContainTheRowsInsideTheirGreatCircleSides() throws SQLException {
    // BOX(10, 20, 6, 4): its sides are the great circles through (10 ± 3, 20) and (10, 20 ± 2)
    Set<String> expected = new TreeSet<>();
    double[] centre = SphereOracle.vector(10, 20);
    double[] east = {-Math.sin(Math.toRadians(10)), Math.cos(Math.toRadians(10)), 0};
    double[] north = cross(centre, east);
    for (int i = 0; i < ROWS; i++) {
      double[] x = SphereOracle.vector(rows[i][0], rows[i][1]);
      double cx = dot(x, centre);
      double ex = dot(x, east);
      double nx = dot(x, north);
      // in the local frame, inside = within the two pairs of planes
      if (cx > 0
          && Math.abs(Math.atan2(ex, cx)) <= Math.toRadians(3)
          && Math.abs(Math.atan2(nx, cx)) <= Math.toRadians(2)) {
        expected.add(id(i));
      }
    }
    assertThat(
            ids(
                "SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT(s_ra, s_dec), BOX('ICRS', 10, 20, 6, 4))"))
        .isEqualTo(expected);
  }

  @Test
  void intersectsWithTheRegionColumn() throws SQLException {
    Random random = new Random(3);
    for (int k = 0; k < 30; k++) {
      double a = random.nextDouble() * 360;
      double b = random.nextDouble() * 160 - 80;
      double r = random.nextDouble() * 5;
      Set<String> expected = new TreeSet<>();
      for (int i = 0; i < ROWS; i++) {
        double d = distance(rows[i][0], rows[i][1], a, b);
        double regionRadius =
            Double.parseDouble(String.format(Locale.ROOT, "%.6f", rows[i][2] / 2));
        if (d <= r + regionRadius) {
          expected.add(id(i));
        }
      }
      String circle = String.format(Locale.ROOT, "CIRCLE(%.17g, %.17g, %.17g)", a, b, r);
      assertThat(
              ids("SELECT obs_id FROM ivoa.obscore WHERE 1 = INTERSECTS(" + circle + ", s_region)"))
          .isEqualTo(expected);
      assertThat(
              ids("SELECT obs_id FROM ivoa.obscore WHERE INTERSECTS(s_region, " + circle + ") = 1"))
          .isEqualTo(expected);
    }
  }

  @Test
  void distanceValues() throws SQLException {
    List<List<Object>> result =
        run(
            compile(
                "SELECT obs_id, DISTANCE(POINT('ICRS', s_ra, s_dec), POINT('ICRS', 83.63, 22.01)),"
                    + " DISTANCE(s_ra, s_dec, 0, 90) FROM ivoa.obscore"));
    assertThat(result).hasSize(ROWS);
    for (List<Object> row : result) {
      int i = Integer.parseInt(((String) row.get(0)).substring(1));
      assertThat((Double) row.get(1))
          .isCloseTo(distance(rows[i][0], rows[i][1], 83.63, 22.01), within(1e-6));
      assertThat((Double) row.get(2)).isCloseTo(90 - rows[i][1], within(1e-6));
    }
    assertThat(
            ids(
                "SELECT obs_id FROM ivoa.obscore WHERE DISTANCE(POINT(s_ra, s_dec), POINT(0, 90)) < 5"))
        .hasSize((int) java.util.Arrays.stream(rows).filter(r -> r[1] > 85).count());
  }

  @Test
  void shapesInTheSelectList() throws SQLException {
    CompiledQuery q =
        compile(
            "SELECT TOP 1 POINT('ICRS', s_ra, s_dec) AS p, CIRCLE(s_ra, s_dec, 1) AS c,"
                + " POLYGON(1, 2, 3, 2, 2, 4) AS poly, BOX(10, 0, 2, 2) AS b, COORD1(POINT(s_ra,"
                + " s_dec)) AS ra, COORD2(POINT(s_ra, s_dec)) AS de, AREA(CIRCLE(0, 0, 1)) AS"
                + " ar, CENTROID(POLYGON(0, 0, 90, 0, 0, 90)) AS centre, COORDSYS(POINT(1, 2))"
                + " AS cs FROM ivoa.obscore ORDER BY obs_id");
    assertThat(q.columns())
        .extracting(c -> c.datatype() + "[" + c.arraysize() + "]" + c.xtype())
        .startsWith("double[2]point", "double[3]circle", "double[*]polygon", "double[*]polygon");
    List<Object> row = run(q).get(0);
    assertThat((Object[]) row.get(0)).containsExactly(rows[0][0], rows[0][1]);
    assertThat((Object[]) row.get(1)).containsExactly(rows[0][0], rows[0][1], 1.0);
    assertThat((Object[]) row.get(2)).containsExactly(1.0, 2.0, 3.0, 2.0, 2.0, 4.0);
    assertThat(((Object[]) row.get(3)).length).isEqualTo(8);
    assertThat(row.get(4)).isEqualTo(rows[0][0]);
    assertThat(row.get(5)).isEqualTo(rows[0][1]);
    assertThat((Double) row.get(6)).isCloseTo(Math.PI, within(1e-3));
    Object[] centre = (Object[]) row.get(7);
    assertThat((Double) centre[0]).isCloseTo(45, within(1e-9));
    assertThat(row.get(8)).isEqualTo("ICRS");
  }

  @Test
  void otherCoordinateSystemsAreUnsupported() {
    for (String system : List.of("GALACTIC", "FK5", "ECLIPTIC")) {
      assertThatThrownBy(
              () ->
                  compile(
                      "SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT('"
                          + system
                          + "', s_ra, s_dec), CIRCLE('ICRS', 1, 2, 3))"))
          .isInstanceOfSatisfying(
              TapException.class, e -> assertThat(e.error()).isEqualTo(TapError.UNSUPPORTED))
          .hasMessageContaining(system);
    }
  }

  @Test
  void badShapesAndConstructsAreRefused() {
    assertThatThrownBy(() -> compile("SELECT POLYGON(0, 0, 1, 0, 2, 0) FROM ivoa.obscore"))
        .isInstanceOfSatisfying(
            TapException.class, e -> assertThat(e.error()).isEqualTo(TapError.INVALID_QUERY))
        .hasMessageContaining("great circle");
    assertThatThrownBy(() -> compile("SELECT CIRCLE(0, 95, 1) FROM ivoa.obscore"))
        .hasMessageContaining("declination");
    assertThatThrownBy(() -> compile("SELECT REGION('CIRCLE ICRS 1 2 3') FROM ivoa.obscore"))
        .isInstanceOfSatisfying(
            TapException.class, e -> assertThat(e.error()).isEqualTo(TapError.UNSUPPORTED));
    assertThatThrownBy(() -> compile("SELECT CAST(obs_id AS POINT) FROM ivoa.obscore"))
        .isInstanceOfSatisfying(
            TapException.class, e -> assertThat(e.error()).isEqualTo(TapError.UNSUPPORTED));
    assertThatThrownBy(
            () -> compile("SELECT DISTANCE(CIRCLE(1, 2, 3), POINT(1, 2)) FROM ivoa.obscore"))
        .isInstanceOfSatisfying(
            TapException.class, e -> assertThat(e.error()).isEqualTo(TapError.INVALID_QUERY));
    assertThatThrownBy(
            () -> compile("SELECT obs_id FROM ivoa.obscore WHERE POINT(1, 2) = POINT(1, 2)"))
        .isInstanceOfSatisfying(
            TapException.class, e -> assertThat(e.error()).isEqualTo(TapError.UNSUPPORTED));
  }

  @Test
  void aNonGeometricQueryIsUnchanged() {
    CompiledQuery q = compile("SELECT obs_id FROM ivoa.obscore WHERE s_dec > 10");
    assertThat(q.sql()).doesNotContain("adql_").doesNotContain("s_zone");
    assertThat(
            new H2Translator()
                .compile("SELECT obs_id FROM ivoa.obscore WHERE s_dec > 10", SCHEMA, 100_000)
                .sql())
        .isEqualTo(q.sql());
  }

  @Test
  void withoutTheSpatialIndexTheConeIsExactButNotPrefiltered() throws SQLException {
    String adql =
        "SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT(s_ra, s_dec), CIRCLE(0, 88, 3))";
    CompiledQuery plain = new H2Translator().compile(adql, SCHEMA, 100_000);
    assertThat(plain.sql()).doesNotContain("s_zone");
    Set<String> viaPlain = new TreeSet<>();
    run(plain).forEach(r -> viaPlain.add((String) r.get(0)));
    assertThat(viaPlain).isEqualTo(ids(adql)).isNotEmpty();
  }

  // ------------------------------------------------------------------ oracles

  static double[] offset(double ra, double dec, double distanceDeg, double bearing) {
    double[] c = SphereOracle.vector(ra, dec);
    double[] east = {-Math.sin(Math.toRadians(ra)), Math.cos(Math.toRadians(ra)), 0};
    double[] north = cross(c, east);
    double t = Math.toRadians(distanceDeg);
    double[] v = new double[3];
    for (int k = 0; k < 3; k++) {
      v[k] =
          c[k] * Math.cos(t)
              + (north[k] * Math.cos(bearing) + east[k] * Math.sin(bearing)) * Math.sin(t);
    }
    double r = Math.toDegrees(Math.atan2(v[1], v[0]));
    return new double[] {r < 0 ? r + 360 : r, Math.toDegrees(Math.asin(v[2]))};
  }

  /** Convex polygon oracle: on the centre's side of every edge plane. */
  static boolean insideConvex(List<double[]> vertices, double ra, double dec) {
    double[] mean = new double[3];
    for (double[] v : vertices) {
      double[] u = SphereOracle.vector(v[0], v[1]);
      for (int k = 0; k < 3; k++) {
        mean[k] += u[k];
      }
    }
    double[] x = SphereOracle.vector(ra, dec);
    for (int i = 0; i < vertices.size(); i++) {
      double[] a = SphereOracle.vector(vertices.get(i)[0], vertices.get(i)[1]);
      double[] b =
          SphereOracle.vector(
              vertices.get((i + 1) % vertices.size())[0],
              vertices.get((i + 1) % vertices.size())[1]);
      double[] n = cross(a, b);
      if (Math.signum(dot(n, x)) == -Math.signum(dot(n, mean))) {
        return false;
      }
    }
    return true;
  }

  static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }
}
