package org.dpps.archive.tests.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.dpps.archive.access.domain.tap.CompiledQuery;
import org.dpps.archive.access.domain.tap.ObsCorePublication;
import org.dpps.archive.access.domain.tap.TapSchema;
import org.dpps.archive.access.infrastructure.adql.H2Translator;
import org.dpps.archive.access.infrastructure.jdbc.H2GeometryFunctions;
import org.dpps.archive.access.infrastructure.tap.TapSchemaDescriptor;
import org.dpps.archive.platform.config.PlatformSettings;

/**
 * The load of the TAP benchmark ({@code tests/benchmarks/tap-benchmark.sh}) over the rows {@link
 * ObsCoreGenerator} wrote: closed-loop clients, each sending its next query as soon as the previous
 * answer is read. Three kinds of query with random parameters (the same sequence on every side for
 * the same seed): {@code cone} (centre uniform on the sphere, radius 0.5-2 degrees), {@code time}
 * ({@code t_min} in a 30-day window), {@code cone+time} (both).
 *
 * <ul>
 *   <li>{@code --mode http --url U}: the ADQL queries via {@code POST /tap/sync} (CSV), and {@code
 *       GET /tap/availability} as the floor of the HTTP stack;
 *   <li>{@code --mode sql --home H}: with the server stopped, over JDBC on the same H2 file: the
 *       same queries written by hand in SQL (zone/RA prefilter and haversine), and the ADQL
 *       translated in this process by the server's {@link H2Translator} (without HTTP, TAP
 *       parameters and CSV).
 * </ul>
 *
 * <p>Each prints {@code RESULT side case requests p50 p90 p99 max rows/request errors} lines and
 * {@code COUNT side cone rows} for fixed cones; the script joins them.
 */
public final class TapLoad {
  static final String COLUMNS = "obs_id, s_ra, s_dec, t_min";
  static final long MAXREC = 10_000; // the server's default MAXREC
  static final double[][] FIXED_CONES = {
    {83.6331, 22.0145, 2.0},
    {0.3, -12.0, 1.5},
    {359.8, 45.0, 2.0},
    {180.0, 88.9, 1.5},
    {270.0, -89.5, 1.0},
    {10.0, 0.0, 0.5}
  };

  /** One query's parameters. */
  record Params(double ra, double dec, double r, double t) {
    static Params draw(Random random) {
      double[] c = CatalogueGenerator.uniformOnSphere(random);
      double r = 0.5 + 1.5 * random.nextDouble();
      double t =
          ObsCoreGenerator.MJD_START + random.nextDouble() * (ObsCoreGenerator.MJD_SPAN - 30);
      return new Params(c[0], c[1], r, t);
    }
  }

  static String adql(String kind, Params p) {
    String cone =
        String.format(
            Locale.ROOT,
            "1=CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', %.6f, %.6f, %.6f))",
            p.ra(),
            p.dec(),
            p.r());
    String time = String.format(Locale.ROOT, "t_min BETWEEN %.6f AND %.6f", p.t(), p.t() + 30);
    String where =
        switch (kind) {
          case "cone" -> cone;
          case "time" -> time;
          default -> cone + " AND " + time;
        };
    return "SELECT " + COLUMNS + " FROM ivoa.obscore WHERE " + where;
  }

  /** A query and its bind values. */
  record Sql(String sql, List<Object> values) {}

  /**
   * The query written by hand: the zone algorithm, one branch per 0.5-degree zone ({@code s_zone =
   * z AND s_ra BETWEEN ...}, both columns of the index bounded) or, with {@code zoneRange}, one
   * {@code s_zone BETWEEN} range as the translator writes it; then the exact haversine distance.
   */
  static Sql handSql(String kind, Params p, boolean zoneRange) {
    List<Object> values = new ArrayList<>();
    String time = "t_min BETWEEN ? AND ?";
    if (kind.equals("time")) {
      return new Sql(
          "SELECT " + COLUMNS + " FROM ivoa.obscore WHERE " + time, List.of(p.t(), p.t() + 30));
    }
    String haversine =
        "2 * ASIN(SQRT(POWER(SIN(RADIANS(s_dec - ?) / 2), 2) + COS(RADIANS(s_dec)) *"
            + " COS(RADIANS(?)) * POWER(SIN(RADIANS(s_ra - ?) / 2), 2))) <= RADIANS(?)";
    int zLow = ObsCorePublication.zone(Math.max(-90, p.dec() - p.r() - 1e-8));
    int zHigh = Math.min(359, ObsCorePublication.zone(Math.min(90, p.dec() + p.r() + 1e-8)));
    double edge = Math.abs(p.dec()) + p.r();
    double delta =
        edge >= 89.999
            ? 180
            : Math.toDegrees(
                    Math.asin(
                        Math.min(
                            1,
                            Math.sin(Math.toRadians(p.r()))
                                / Math.cos(Math.toRadians(Math.abs(p.dec()) + p.r())))))
                + 1e-8;
    List<double[]> raRanges = new ArrayList<>();
    if (delta < 180) {
      double lo = p.ra() - delta;
      double hi = p.ra() + delta;
      if (lo < 0) {
        raRanges.add(new double[] {lo + 360, 360});
        raRanges.add(new double[] {0, hi});
      } else if (hi >= 360) {
        raRanges.add(new double[] {lo, 360});
        raRanges.add(new double[] {0, hi - 360});
      } else {
        raRanges.add(new double[] {lo, hi});
      }
    } else {
      raRanges.add(new double[] {0, 360});
    }
    StringBuilder sql = new StringBuilder();
    List<int[]> zones = new ArrayList<>();
    if (zoneRange) {
      zones.add(new int[] {zLow, zHigh});
    } else {
      for (int z = zLow; z <= zHigh; z++) {
        zones.add(new int[] {z, z});
      }
    }
    for (int[] zone : zones) {
      for (double[] ra : raRanges) {
        if (sql.length() > 0) {
          sql.append(" UNION ALL ");
        }
        sql.append("SELECT ")
            .append(COLUMNS)
            .append(" FROM ivoa.obscore WHERE ")
            .append(zone[0] == zone[1] ? "s_zone = ?" : "s_zone BETWEEN ? AND ?")
            .append(" AND s_ra BETWEEN ? AND ? AND ")
            .append(haversine);
        values.add(zone[0]);
        if (zone[0] != zone[1]) {
          values.add(zone[1]);
        }
        values.add(ra[0]);
        values.add(ra[1]);
        values.addAll(List.of(p.dec(), p.dec(), p.ra(), p.r()));
        if (kind.equals("cone+time")) {
          sql.append(" AND ").append(time);
          values.add(p.t());
          values.add(p.t() + 30);
        }
      }
    }
    return new Sql(sql.toString(), values);
  }

  /** A kind of request, run by one client; answers the rows it returned. */
  interface Client extends AutoCloseable {
    long request(Random random) throws Exception;

    @Override
    default void close() throws Exception {}
  }

  /** A named case and how to make its clients. */
  record Case(String name, ClientFactory factory) {}

  interface ClientFactory {
    Client open() throws Exception;
  }

  record Result(String name, long[] nanos, long rows, long errors, String firstError) {
    double ms(double p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(p / 100.0 * nanos.length);
      return nanos[Math.max(0, Math.min(nanos.length, rank) - 1)] / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].substring(2), args[i + 1]);
    }
    int clients = Integer.parseInt(o.getOrDefault("clients", "8"));
    int seconds = Integer.parseInt(o.getOrDefault("seconds", "20"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "10"));
    long seed = Long.parseLong(o.getOrDefault("seed", "1"));
    List<Case> cases = new ArrayList<>();
    String side;
    if (o.get("mode").equals("http")) {
      side = "http";
      String url = o.get("url");
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      cases.add(new Case("availability", () -> r -> availability(http, url)));
      for (String kind : List.of("cone", "time", "cone+time")) {
        cases.add(new Case(kind, () -> r -> sync(http, url, adql(kind, Params.draw(r)))));
      }
      for (double[] c : FIXED_CONES) {
        Params p = new Params(c[0], c[1], c[2], 0);
        System.out.println("COUNT http " + label(c) + " " + sync(http, url, adql("cone", p)));
      }
    } else {
      side = "sql";
      PlatformSettings platform = PlatformSettings.embedded(Path.of(o.get("home")));
      TapSchema schema = TapSchemaDescriptor.load();
      H2Translator translator = new H2Translator(TapSchemaDescriptor.loadSpatialIndex());
      ClientFactory connect =
          () -> {
            Connection c =
                DriverManager.getConnection(
                    platform.dbUrl(), platform.dbUser(), platform.dbPassword());
            H2GeometryFunctions.install(c);
            return new JdbcClient(c);
          };
      try (JdbcClient c = (JdbcClient) connect.open()) {
        Params p = new Params(83.6331, 22.0145, 2.0, 60000);
        for (String kind : List.of("cone", "time", "cone+time")) {
          CompiledQuery q = translator.compile(adql(kind, p), schema, MAXREC);
          System.out.println("TRANSLATED " + kind + ": " + q.sql() + " -- " + q.parameters());
          System.out.println(
              "EXPLAIN translated " + kind + ": " + c.explain(q.sql(), q.parameters()));
          Sql h = handSql(kind, p, false);
          System.out.println("EXPLAIN hand " + kind + ": " + c.explain(h.sql(), h.values()));
        }
        Sql h = handSql("cone", p, true);
        System.out.println("EXPLAIN hand cone (zone range): " + c.explain(h.sql(), h.values()));
        for (double[] f : FIXED_CONES) {
          Params fp = new Params(f[0], f[1], f[2], 0);
          Sql s = handSql("cone", fp, false);
          CompiledQuery q = translator.compile(adql("cone", fp), schema, MAXREC);
          System.out.println(
              "COUNT sql "
                  + label(f)
                  + " "
                  + c.run(s.sql(), s.values())
                  + " translated "
                  + c.run(q.sql(), q.parameters()));
        }
      }
      for (String kind : List.of("cone", "time", "cone+time")) {
        cases.add(
            new Case(
                kind,
                () -> {
                  JdbcClient c = (JdbcClient) connect.open();
                  return new Client() {
                    @Override
                    public long request(Random r) throws Exception {
                      Sql s = handSql(kind, Params.draw(r), false);
                      return c.run(s.sql(), s.values());
                    }

                    @Override
                    public void close() throws Exception {
                      c.close();
                    }
                  };
                }));
      }
      cases.add(
          new Case(
              "cone (zone range)",
              () -> {
                JdbcClient c = (JdbcClient) connect.open();
                return new Client() {
                  @Override
                  public long request(Random r) throws Exception {
                    Sql s = handSql("cone", Params.draw(r), true);
                    return c.run(s.sql(), s.values());
                  }

                  @Override
                  public void close() throws Exception {
                    c.close();
                  }
                };
              }));
      for (String kind : List.of("cone", "time", "cone+time")) {
        cases.add(
            new Case(
                "translated " + kind,
                () -> {
                  JdbcClient c = (JdbcClient) connect.open();
                  return new Client() {
                    @Override
                    public long request(Random r) throws Exception {
                      CompiledQuery q =
                          translator.compile(adql(kind, Params.draw(r)), schema, MAXREC);
                      return c.run(q.sql(), q.parameters());
                    }

                    @Override
                    public void close() throws Exception {
                      c.close();
                    }
                  };
                }));
      }
    }
    if (warmup > 0) {
      for (Case c : cases) {
        run(c, clients, Duration.ofSeconds(Math.max(1, warmup / cases.size())), seed - 1);
      }
    }
    int n = 0;
    for (Case c : cases) {
      // the same seed for a kind on every side: the same query sequence
      String kind = c.name().replace("translated ", "").replace(" (zone range)", "");
      Result r = run(c, clients, Duration.ofSeconds(seconds), seed + kind.hashCode());
      System.out.printf(
          Locale.ROOT,
          "RESULT %s %s|%d|%.2f|%.2f|%.2f|%.1f|%.0f|%d%n",
          side,
          c.name(),
          r.nanos().length,
          r.ms(50),
          r.ms(90),
          r.ms(99),
          r.ms(100),
          r.nanos().length == 0 ? 0.0 : (double) r.rows() / r.nanos().length,
          r.errors());
      if (r.firstError() != null) {
        System.out.println("ERROR " + side + " " + c.name() + ": " + r.firstError());
      }
      System.out.flush();
      n++;
    }
  }

  private static String label(double[] c) {
    return String.format(Locale.ROOT, "(%.4f,%.4f,r=%.1f)", c[0], c[1], c[2]);
  }

  static Result run(Case c, int clients, Duration duration, long seed) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    long[][] nanos = new long[clients][];
    int[] counts = new int[clients];
    long[] rows = new long[clients];
    long[] errors = new long[clients];
    String[] firstError = new String[1];
    List<Thread> threads = new ArrayList<>();
    long[] deadline = new long[1];
    for (int i = 0; i < clients; i++) {
      int k = i;
      Client client = c.factory().open();
      Random random = new Random(seed * 1000 + i);
      nanos[k] = new long[4096];
      Thread t =
          new Thread(
              () -> {
                try (client) {
                  start.await();
                  while (System.nanoTime() < deadline[0]) {
                    long t0 = System.nanoTime();
                    try {
                      long n = client.request(random);
                      long elapsed = System.nanoTime() - t0;
                      if (counts[k] == nanos[k].length) {
                        nanos[k] = Arrays.copyOf(nanos[k], counts[k] * 2);
                      }
                      nanos[k][counts[k]++] = elapsed;
                      rows[k] += n;
                    } catch (Exception e) {
                      errors[k]++;
                      synchronized (firstError) {
                        if (firstError[0] == null) {
                          firstError[0] = String.valueOf(e.getMessage());
                        }
                      }
                    }
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              "client-" + i);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    deadline[0] = System.nanoTime() + duration.toNanos();
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int i = 0; i < clients; i++) {
      System.arraycopy(nanos[i], 0, all, at, counts[i]);
      at += counts[i];
    }
    Arrays.sort(all);
    return new Result(
        c.name(), all, Arrays.stream(rows).sum(), Arrays.stream(errors).sum(), firstError[0]);
  }

  static long availability(HttpClient http, String url) throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/tap/availability")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException("availability: HTTP " + r.statusCode());
    }
    return 0;
  }

  /** POST /tap/sync; the number of CSV rows (lines less the header). */
  static long sync(HttpClient http, String url, String adql)
      throws IOException, InterruptedException {
    String form =
        "REQUEST=doQuery&LANG=ADQL&RESPONSEFORMAT=csv&QUERY="
            + URLEncoder.encode(adql, StandardCharsets.UTF_8);
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/tap/sync"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long lines = 0;
    byte[] buffer = new byte[65536];
    StringBuilder head = new StringBuilder();
    try (InputStream in = r.body()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
        if (r.statusCode() != 200 && head.length() < 400) {
          head.append(new String(buffer, 0, Math.min(n, 400), StandardCharsets.UTF_8));
        }
      }
    }
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode() + ": " + head.toString().strip());
    }
    return Math.max(0, lines - 1);
  }

  /** One JDBC connection; a query's rows are read as the server's executor reads them. */
  static final class JdbcClient implements Client {
    private final Connection connection;

    JdbcClient(Connection connection) {
      this.connection = connection;
    }

    long run(String sql, List<Object> values) throws SQLException {
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        s.setMaxRows((int) MAXREC + 1);
        s.setFetchSize(1000);
        bind(s, values);
        long n = 0;
        try (ResultSet rs = s.executeQuery()) {
          int width = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int c = 1; c <= width; c++) {
              rs.getObject(c);
            }
            n++;
          }
        }
        return n;
      }
    }

    String explain(String sql, List<Object> values) throws SQLException {
      try (PreparedStatement s = connection.prepareStatement("EXPLAIN " + sql)) {
        bind(s, values);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getString(1).replaceAll("\\s+", " ");
        }
      }
    }

    private static void bind(PreparedStatement s, List<Object> values) throws SQLException {
      int i = 1;
      for (Object v : values) {
        s.setObject(i++, v);
      }
    }

    @Override
    public long request(Random random) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }
}
