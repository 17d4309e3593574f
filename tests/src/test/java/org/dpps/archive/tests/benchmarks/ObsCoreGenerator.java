package org.dpps.archive.tests.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.dpps.archive.access.domain.tap.ObsCorePublication;
import org.dpps.archive.platform.config.PlatformSettings;
import org.dpps.archive.platform.database.Database;
import org.dpps.archive.storage.application.StorageSettings;

/**
 * Fills {@code ivoa.obscore}, {@code ivoa.obscore_hea} and {@code ctao.observation} of a fresh
 * archive data directory with synthetic rows for the TAP benchmark ({@code
 * tests/benchmarks/tap-benchmark.sh}). The database is opened where and as the server opens it
 * (Flyway migrations), then rows are written with batched JDBC inserts, {@value #BATCH} rows per
 * transaction. No catalogue entry is written: the rows are published data only (the start-up
 * reconciliation compares catalogue and storage and leaves these tables alone).
 *
 * <p>The rows: positions uniform on the sphere ({@code s_zone} as {@link ObsCorePublication#zone}),
 * {@code t_min} uniform over ten years of MJD from 2021-01-01, 30-minute observations, safe energy
 * range within 0.02-300 TeV (as wavelengths: {@code em_min} from the highest energy). One seeded
 * {@link Random}: the same arguments give the same rows.
 *
 * <pre>{@code
 * java -cp <test classpath> org.dpps.archive.tests.benchmarks.ObsCoreGenerator <home> 1000000 [seed]
 * }</pre>
 */
public final class ObsCoreGenerator {
  static final double MJD_START = 59215.0; // 2021-01-01
  static final double MJD_SPAN = 3652.5; // ten years
  private static final int BATCH = 10_000;
  private static final List<String> INSTRUMENTS = List.of("LST", "MST", "SST");
  private static final List<String> LEVELS = List.of("DL1", "DL2", "DL3");

  /** The secondary indexes of V7__tap_obscore.sql ({@code !}: unique), built after the rows. */
  private static final List<String> INDEXES =
      List.of(
          "ivoa.obscore_did! ivoa.obscore (obs_publisher_did)",
          "ivoa.obscore_obs_id ivoa.obscore (obs_id)",
          "ivoa.obscore_zone_ra ivoa.obscore (s_zone, s_ra)",
          "ivoa.obscore_t_min ivoa.obscore (t_min)",
          "ivoa.obscore_t_max ivoa.obscore (t_max)",
          "ivoa.obscore_em_min ivoa.obscore (em_min)",
          "ivoa.obscore_target ivoa.obscore (target_name)",
          "ivoa.obscore_hea_product ivoa.obscore_hea (product_id)",
          "ctao.ctao_observation_product! ctao.observation (product_id)",
          "ctao.ctao_observation_obs_id ctao.observation (obs_id)");

  private ObsCoreGenerator() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ObsCoreGenerator <archive-home> <rows> [seed]");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath().normalize();
    int rows = Integer.parseInt(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261203L;
    if (Files.exists(home.resolve("db"))) {
      throw new IllegalStateException(home + " already has a database: use a fresh home");
    }
    Files.createDirectories(home);
    StorageSettings settings = StorageSettings.embedded(home);
    PlatformSettings platform = PlatformSettings.embedded(home);
    // Flyway creates the schema, as at the server's start
    try (Database database =
        Database.open(
            platform.dbUrl(),
            platform.dbUser(),
            platform.dbPassword(),
            List.of(CatalogueGenerator.catalogueTypes(settings.searchIndex())))) {
      database.fromTransaction(em -> null);
    }
    long t0 = System.nanoTime();
    Random random = new Random(seed);
    // a larger page cache than the server's for the load, and the secondary indexes built after
    // it: inserts into seven random-key B-trees under a 128 MB cache slowed to 1,000 rows/s
    try (Connection c =
        DriverManager.getConnection(platform.dbUrl(), platform.dbUser(), platform.dbPassword())) {
      try (Statement s = c.createStatement()) {
        s.execute("SET CACHE_SIZE 524288");
        for (String index : INDEXES) {
          s.execute("DROP INDEX " + index.split(" ")[0].replace("!", ""));
        }
      }
      c.setAutoCommit(false);
      try (PreparedStatement o =
              c.prepareStatement(
                  "INSERT INTO ivoa.obscore (product_id, dataproduct_type, dataproduct_subtype,"
                      + " calib_level, obs_collection, obs_id, obs_title, obs_publisher_did,"
                      + " obs_creator_name, obs_release_date, access_url, access_format,"
                      + " access_estsize, target_name, s_ra, s_dec, s_fov, s_region, t_min, t_max,"
                      + " t_exptime, em_min, em_max, em_ucd, o_ucd, facility_name,"
                      + " instrument_name, s_zone, catalogue_version) VALUES (?, 'event', ?, ?, ?,"
                      + " ?, ?, ?, 'pyirf', ?, ?, ?, ?, ?, ?, ?, 10.0, ?, ?, ?, ?, ?, ?,"
                      + " 'em.energy', 'phot.count', 'CTAO', ?, ?, 1)");
          PreparedStatement h =
              c.prepareStatement(
                  "INSERT INTO ivoa.obscore_hea (obs_publisher_did, product_id, energy_min,"
                      + " energy_max, tracking_mode, obs_mode, messenger) VALUES (?, ?, ?, ?,"
                      + " 'POINTING', 'POINTING', 'photon')");
          PreparedStatement b =
              c.prepareStatement(
                  "INSERT INTO ctao.observation (obs_publisher_did, product_id, obs_id,"
                      + " data_levels, process_type, software_name, software_version, site,"
                      + " telescope, instrument, n_tels, obs_mode, ontime, livetime, deadc,"
                      + " hdu_classes, version) VALUES (?, ?, ?, ?, 'dl3-processing', 'pyirf',"
                      + " '0.10', ?, 'CTAO', ?, ?, 'POINTING', 1800.0, ?, ?, ?, 1)")) {
        for (int n = 0; n < rows; n++) {
          String productId = new UUID(random.nextLong(), random.nextLong()).toString();
          String did = "ivo://ctao.bench/products?" + productId;
          String level = LEVELS.get(random.nextInt(3));
          String instrument = INSTRUMENTS.get(random.nextInt(3));
          String site = instrument.equals("SST") ? "CTAO-South" : "CTAO-North";
          double[] p = CatalogueGenerator.uniformOnSphere(random);
          double tMin = MJD_START + random.nextDouble() * MJD_SPAN;
          double tMax = tMin + 30.0 / 1440.0;
          // safe energy range: low threshold 0.02-2 TeV, high 10-300 TeV (log-uniform)
          double eLo = 0.02 * Math.pow(100, random.nextDouble());
          double eHi = 10 * Math.pow(30, random.nextDouble());
          double deadc = 0.9 + 0.09 * random.nextDouble();
          long obsId = 1_000_000L + n;
          int i = 1;
          o.setString(i++, productId);
          o.setString(i++, level);
          o.setShort(i++, (short) (level.equals("DL3") ? 2 : 1));
          o.setString(i++, "CTAO/" + level);
          o.setString(i++, Long.toString(obsId));
          o.setString(i++, level + " data of run " + obsId + " observed with " + instrument);
          o.setString(i++, did);
          o.setTimestamp(
              i++, Timestamp.from(Instant.ofEpochSecond((long) ((tMax - 40587.0 + 365) * 86400))));
          o.setString(i++, "https://archive.invalid/datalink/links?ID=" + did);
          o.setString(i++, ObsCorePublication.DATALINK_FORMAT);
          o.setLong(i++, 1000 + random.nextInt(20000));
          o.setString(i++, "Target " + random.nextInt(2000));
          o.setDouble(i++, p[0]);
          o.setDouble(i++, p[1]);
          o.setString(
              i++, String.format(Locale.ROOT, "CIRCLE ICRS %.6f %.6f 5.000000", p[0], p[1]));
          o.setDouble(i++, tMin);
          o.setDouble(i++, tMax);
          o.setDouble(i++, 1800.0 * deadc);
          o.setDouble(i++, ObsCorePublication.HC_EV_M / (eHi * 1e12));
          o.setDouble(i++, ObsCorePublication.HC_EV_M / (eLo * 1e12));
          o.setString(i++, instrument);
          o.setInt(i++, ObsCorePublication.zone(p[1]));
          o.addBatch();
          h.setString(1, did);
          h.setString(2, productId);
          h.setDouble(3, eLo);
          h.setDouble(4, eHi);
          h.addBatch();
          i = 1;
          b.setString(i++, did);
          b.setString(i++, productId);
          b.setLong(i++, obsId);
          b.setString(i++, level);
          b.setString(i++, site);
          b.setString(i++, instrument);
          b.setInt(i++, instrument.equals("LST") ? 4 : 2 + random.nextInt(20));
          b.setDouble(i++, 1800.0 * deadc);
          b.setDouble(i++, deadc);
          if (level.equals("DL3")) {
            b.setString(i++, "EVENTS,GTI,AEFF_2D,EDISP_2D");
          } else {
            b.setNull(i++, Types.VARCHAR);
          }
          b.addBatch();
          if ((n + 1) % BATCH == 0 || n + 1 == rows) {
            o.executeBatch();
            h.executeBatch();
            b.executeBatch();
            c.commit();
            if ((n + 1) % 100_000 == 0 || n + 1 == rows) {
              double seconds = (System.nanoTime() - t0) / 1e9;
              System.out.printf(
                  Locale.ROOT,
                  "obscore-generator: %d rows in %.1f s (%.0f/s)%n",
                  n + 1,
                  seconds,
                  (n + 1) / seconds);
            }
          }
        }
      }
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT COUNT(*) FROM ivoa.obscore")) {
        r.next();
        System.out.printf(
            Locale.ROOT, "obscore-generator: ivoa.obscore holds %d rows%n", r.getLong(1));
      }
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        long i0 = System.nanoTime();
        for (String index : INDEXES) {
          String[] f = index.split(" ", 2);
          s.execute(
              "CREATE "
                  + (f[0].endsWith("!") ? "UNIQUE " : "")
                  + "INDEX "
                  + f[0].replace("!", "")
                  + " ON "
                  + f[1]);
        }
        System.out.printf(
            Locale.ROOT,
            "obscore-generator: secondary indexes built in %.1f s%n",
            (System.nanoTime() - i0) / 1e9);
        s.execute("ANALYZE");
        s.execute("SHUTDOWN COMPACT");
      }
    }
    System.out.printf(
        Locale.ROOT,
        "obscore-generator: done in %.1f s; database %.0f MB%n",
        (System.nanoTime() - t0) / 1e9,
        Files.size(home.resolve("db/archive.mv.db")) / 1e6);
  }
}
