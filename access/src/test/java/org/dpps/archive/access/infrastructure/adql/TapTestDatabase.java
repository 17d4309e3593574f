package org.dpps.archive.access.infrastructure.adql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.dpps.archive.access.domain.tap.CompiledQuery;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapSchema;
import org.dpps.archive.access.domain.tap.TapTable;

/**
 * A small published schema and an in-memory H2 database holding it (and two tables that are not
 * published), for running compiled ADQL.
 *
 * <p>{@code ivoa.obscore} has 20 rows {@code obs-01..obs-20}: for row i, {@code s_ra = 10 i},
 * {@code s_dec = i - 10}, {@code t_min = 60000 + i}, {@code calib_level = i % 4}, {@code
 * dataproduct_type} event (even i) or image (odd i), {@code access_estsize = 100 i}, and {@code
 * target_name} by {@code i % 5}: 0 Crab, 1 Vela, 2 O'Brien, 3 PKS 2155-304, 4 NULL. {@code
 * ctao.observation} (physically {@code ctao.obs_table}, its columns renamed) has obs-01..obs-10
 * with {@code zenith = 5 i}, {@code array} north (even i) or south (odd i), {@code n_tels = i}, and
 * obs-99 (zenith 70, south, 4).
 */
final class TapTestDatabase implements AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();

  static final TapSchema SCHEMA =
      new TapSchema(
          List.of(
              new TapSchema.Schema(
                  "ivoa",
                  "IVOA",
                  null,
                  List.of(
                      new TapTable(
                          "ivoa",
                          "obscore",
                          "table",
                          "ObsCore",
                          null,
                          List.of(
                              column("obs_id", "char", "*", "", "meta.id", "obs_id"),
                              column("s_ra", "double", "", "deg", "pos.eq.ra", "s_ra"),
                              column("s_dec", "double", "", "deg", "pos.eq.dec", "s_dec"),
                              column("t_min", "double", "", "d", "time.start", "t_min"),
                              column("calib_level", "short", "", "", "meta.code", "calib_level"),
                              column("dataproduct_type", "char", "*", "", "meta.code", "dp_type"),
                              column("access_estsize", "long", "", "kbyte", "", "access_estsize"),
                              column("target_name", "char", "*", "", "meta.id", "target_name")),
                          "ivoa.obscore"),
                      notes("ivoa"))),
              new TapSchema.Schema(
                  "ctao",
                  "CTAO",
                  null,
                  List.of(
                      new TapTable(
                          "ctao",
                          "observation",
                          "table",
                          "Observations",
                          null,
                          List.of(
                              column("obs_id", "char", "*", "", "meta.id", "obs_id"),
                              column("zenith", "double", "", "deg", "pos.az.zd", "zenith_deg"),
                              column("array", "char", "*", "", "", "array_name"),
                              column("n_tels", "int", "", "", "", "n_tels")),
                          "ctao.obs_table"),
                      notes("ctao")))),
          List.of());

  private static TapTable notes(String schema) {
    return new TapTable(
        schema,
        "notes",
        "table",
        "",
        null,
        List.of(column("id", "int", "", "", "", "id"), column("note", "char", "*", "", "", "note")),
        schema + ".notes");
  }

  static TapColumn column(
      String name, String datatype, String arraysize, String unit, String ucd, String physical) {
    return new TapColumn(
        name,
        datatype,
        arraysize,
        "",
        unit,
        ucd,
        "",
        name + " description",
        true,
        false,
        true,
        physical);
  }

  static String target(int i) {
    return switch (i % 5) {
      case 0 -> "Crab";
      case 1 -> "Vela";
      case 2 -> "O'Brien";
      case 3 -> "PKS 2155-304";
      default -> null;
    };
  }

  final Connection connection;

  TapTestDatabase() throws SQLException {
    connection =
        DriverManager.getConnection(
            "jdbc:h2:mem:adql" + COUNT.incrementAndGet() + ";DB_CLOSE_DELAY=0");
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE SCHEMA ivoa");
      s.execute("CREATE SCHEMA ctao");
      s.execute(
          "CREATE TABLE ivoa.obscore (obs_id VARCHAR(32), s_ra DOUBLE PRECISION,"
              + " s_dec DOUBLE PRECISION, t_min DOUBLE PRECISION, calib_level SMALLINT,"
              + " dp_type VARCHAR(16), access_estsize BIGINT, target_name VARCHAR(64))");
      s.execute(
          "CREATE TABLE ctao.obs_table (obs_id VARCHAR(32), zenith_deg DOUBLE PRECISION,"
              + " array_name VARCHAR(16), n_tels INTEGER)");
      s.execute("CREATE TABLE ivoa.notes (id INTEGER, note VARCHAR(16))");
      s.execute("CREATE TABLE ctao.notes (id INTEGER, note VARCHAR(16))");
      s.execute("INSERT INTO ivoa.notes VALUES (1, 'a')");
      s.execute("INSERT INTO ctao.notes VALUES (2, 'b')");
      s.execute("CREATE TABLE public.job (id INTEGER, owner VARCHAR(16))");
      s.execute("CREATE TABLE public.catalogue_entry (id INTEGER, secret VARCHAR(16))");
      s.execute("INSERT INTO public.job VALUES (1, 'alice')");
      s.execute("INSERT INTO public.catalogue_entry VALUES (1, 'embargoed')");
    }
    try (PreparedStatement p =
        connection.prepareStatement("INSERT INTO ivoa.obscore VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 1; i <= 20; i++) {
        p.setString(1, String.format("obs-%02d", i));
        p.setDouble(2, 10.0 * i);
        p.setDouble(3, i - 10.0);
        p.setDouble(4, 60000.0 + i);
        p.setShort(5, (short) (i % 4));
        p.setString(6, i % 2 == 0 ? "event" : "image");
        p.setLong(7, 100L * i);
        p.setString(8, target(i));
        p.executeUpdate();
      }
    }
    try (PreparedStatement p =
        connection.prepareStatement("INSERT INTO ctao.obs_table VALUES (?, ?, ?, ?)")) {
      for (int i = 1; i <= 11; i++) {
        int n = i == 11 ? 99 : i;
        p.setString(1, String.format("obs-%02d", n));
        p.setDouble(2, i == 11 ? 70.0 : 5.0 * i);
        p.setString(3, i == 11 || i % 2 == 1 ? "south" : "north");
        p.setInt(4, i == 11 ? 4 : i);
        p.executeUpdate();
      }
    }
  }

  /** Runs a compiled query with its parameters; every row as a list of values. */
  List<List<Object>> run(CompiledQuery q) throws SQLException {
    try (PreparedStatement p = connection.prepareStatement(q.sql())) {
      for (int i = 0; i < q.parameters().size(); i++) {
        p.setObject(i + 1, q.parameters().get(i));
      }
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        int n = r.getMetaData().getColumnCount();
        while (r.next()) {
          Object[] row = new Object[n];
          for (int i = 0; i < n; i++) {
            row[i] = r.getObject(i + 1);
          }
          rows.add(Arrays.asList(row));
        }
      }
      return rows;
    }
  }

  long count(String sqlTable) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + sqlTable)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
