package org.dpps.archive.tests.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dpps.archive.access.infrastructure.jpa.AccessPersistentTypes;
import org.dpps.archive.access.infrastructure.jpa.CatalogueEntryEntity;
import org.dpps.archive.access.infrastructure.jpa.CatalogueRows;
import org.dpps.archive.platform.config.PlatformSettings;
import org.dpps.archive.platform.database.Database;
import org.dpps.archive.platform.database.PersistentTypes;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.model.DescriptiveRecord.FileEntry;
import org.dpps.archive.storage.application.StorageSettings;
import org.hibernate.search.mapper.orm.Search;

/**
 * Fills the catalogue of a fresh archive data directory with synthetic products for the search
 * benchmark ({@code tests/benchmarks/search-benchmark.sh}), without ingest: the database is opened
 * where the server opens it ({@link StorageSettings#embedded}: {@code <home>/db/archive}, Flyway
 * migrations), and rows are written with the application's own {@link CatalogueRows#upsert}, so
 * Hibernate Search writes the Lucene documents into {@code <home>/index} as the server would. No
 * AIP is stored: the products exist in the catalogue and the index only. The H2 file is compacted
 * after every {@value #COMPACT_EVERY} products (see {@link #compact}). The Lucene index keeps the
 * segments its merge policy leaves, as the server's would; {@code -Dcatalogue.merge=true} merges it
 * into one segment at the end.
 *
 * <p>The records: {@value #TARGET_COUNT} targets (well-known sources first), pointings uniform on
 * the sphere, observation starts over five years, one data level of DL1/DL2/DL3 each, three
 * instruments on two sites, descriptions of a dozen words from {@link #WORDS}. Everything is drawn
 * from one seeded {@link Random}: the same arguments give the same catalogue.
 *
 * <pre>{@code
 * java [-Dcatalogue.merge=true] -cp <test classpath> \
 *     org.dpps.archive.tests.benchmarks.CatalogueGenerator <home> 100000 [seed]
 * }</pre>
 */
public final class CatalogueGenerator {
  static final int TARGET_COUNT = 200;

  /** Well-known very-high-energy sources; synthetic catalogue names complete the list. */
  static final List<String> KNOWN_TARGETS =
      List.of(
          "Crab Nebula",
          "PKS 2155-304",
          "Mrk 421",
          "Mrk 501",
          "1ES 1959+650",
          "1ES 0229+200",
          "PG 1553+113",
          "PKS 1510-089",
          "3C 279",
          "BL Lacertae",
          "M87",
          "NGC 253",
          "M82",
          "Cas A",
          "Tycho",
          "SN 1006",
          "Vela X",
          "Vela Junior",
          "RX J1713.7-3946",
          "HESS J1745-290",
          "Galactic Center",
          "Geminga",
          "IC 443",
          "W51C",
          "W28",
          "LS 5039",
          "LS I +61 303",
          "PSR B1259-63",
          "Cygnus X-3",
          "Cygnus Cocoon",
          "Westerlund 1",
          "Westerlund 2",
          "MSH 15-52",
          "HESS J1825-137",
          "HESS J1303-631",
          "PKS 0735+178",
          "OJ 287",
          "S5 0716+714",
          "1ES 1011+496",
          "1ES 2344+514",
          "H 1426+428",
          "RGB J0152+017",
          "PKS 0625-354",
          "Centaurus A",
          "NGC 1275",
          "IC 310",
          "Sculptor Dwarf",
          "Draco Dwarf",
          "LMC N 157B",
          "30 Dor C");

  /** Every target: the known ones, then 4FGL-like names. */
  static final List<String> TARGETS = targets();

  static final List<String> LEVELS = List.of("DL1", "DL2", "DL3");
  static final List<String> INSTRUMENTS = List.of("LST", "MST", "SST");
  static final List<String> SITES = List.of("CTAO-North", "CTAO-South");

  /** Words of the descriptions; the free-text queries of the load are drawn from them. */
  static final List<String> WORDS =
      List.of(
          """
          wobble pointing tracking moon dark twilight zenith azimuth calibrated reconstructed
          gammaness hadronness cleaning tailcuts stereo mono trigger subarray camera pixels pedestal
          flatfield muon efficiency atmosphere lidar aerosol clouds humidity wind transparency
          nominal degraded excellent marginal flare outburst quiescent variability spectrum
          lightcurve morphology extended pointlike blazar pulsar nebula remnant binary galaxy
          cluster starburst dwarf transient alert followup neutrino gravitational multiwavelength
          campaign monitoring survey scan plane halo diffuse background offset ring reflected
          exposure acceptance energy threshold resolution migration bias psf aeff edisp irf cuts
          selection quality dqm reprocessed production prod6 prod7 simulation montecarlo corsika
          simtel ctapipe lstchain pyirf gammapy gadf dl3 events gti hdu fits interpolated merged run
          night season cycle schedule proposal priority target opportunity source field catalogue
          mask exclusion region template likelihood significance excess counts flux index cutoff
          curvature redshift ebl absorption cosmic electron proton hadronic leptonic inverse compton
          synchrotron jet core lobe shell plerion magnetar microquasar periastron orbit eclipse
          interstellar cloud molecular star forming association globular dark-matter annihilation
          decay axion lorentz invariance timing phase folding ephemeris burst grb afterglow prompt
          delay latency realtime onsite offsite archive release public internal
          """
              .split("\\s+"));

  private static final Instant EPOCH = Instant.parse("2021-01-01T00:00:00Z");
  private static final long FIVE_YEARS_SECONDS = Duration.ofDays(5 * 365 + 1).toSeconds();
  private static final int BATCH = 1000;
  private static final int COMPACT_EVERY = 20_000;

  private final Random random;

  CatalogueGenerator(long seed) {
    this.random = new Random(seed);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: CatalogueGenerator <archive-home> <products> [seed]");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath().normalize();
    int products = Integer.parseInt(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261124L;
    if (Files.exists(home.resolve("db")) || Files.exists(home.resolve("index"))) {
      throw new IllegalStateException(
          home + " already has a database or an index: use a fresh home");
    }
    Files.createDirectories(home);
    StorageSettings settings = StorageSettings.embedded(home);
    CatalogueGenerator generator = new CatalogueGenerator(seed);
    long t0 = System.nanoTime();
    for (int from = 0; from < products; from += COMPACT_EVERY) {
      generator.write(settings, from, Math.min(products, from + COMPACT_EVERY));
      String grown = megabytes(home.resolve("db"));
      compact(settings);
      double seconds = (System.nanoTime() - t0) / 1e9;
      int done = Math.min(products, from + COMPACT_EVERY);
      System.out.printf(
          Locale.ROOT,
          "catalogue-generator: %d products in %.1f s (%.0f/s); database %s, compacted %s%n",
          done,
          seconds,
          done / seconds,
          grown,
          megabytes(home.resolve("db")));
    }
    try (Database database = open(settings)) {
      if (Boolean.getBoolean("catalogue.merge")) {
        // as an explicit merge would leave the index: one segment (the server does not merge)
        Search.mapping(database.entityManagerFactory())
            .scope(CatalogueEntryEntity.class)
            .workspace()
            .mergeSegments();
      }
      long[] counts = database.fromTransaction(CatalogueRows::counts);
      System.out.printf(
          Locale.ROOT,
          "catalogue-generator: catalogue holds %d products, %d files; index %s%n",
          counts[0],
          counts[1],
          megabytes(settings.searchIndex()));
      if (counts[0] != products) {
        throw new IllegalStateException("expected " + products + " rows, found " + counts[0]);
      }
    }
    compact(settings);
  }

  /** Opens the database (migrating it) as the server does, with only the catalogue's entity. */
  private static Database open(StorageSettings settings) {
    return Database.open(
        PlatformSettings.embedded(settings.home()).dbUrl(),
        PlatformSettings.embedded(settings.home()).dbUser(),
        PlatformSettings.embedded(settings.home()).dbPassword(),
        List.of(catalogueTypes(settings.searchIndex())));
  }

  /** Writes products {@code from} (inclusive) to {@code to} in transactions of {@value #BATCH}. */
  private void write(StorageSettings settings, int from, int to) {
    try (Database database = open(settings)) {
      for (int start = from; start < to; start += BATCH) {
        List<DescriptiveRecord> batch =
            IntStream.range(start, Math.min(to, start + BATCH)).mapToObj(this::record).toList();
        database.inTransaction(em -> batch.forEach(r -> CatalogueRows.upsert(em, r, 1)));
      }
    }
  }

  /**
   * Compacts the H2 file ({@code SHUTDOWN COMPACT}): bulk inserts with the {@code record} CLOB
   * leave it about 8 to 16 times larger than its data (2.6 GB for 100,000 products written at once,
   * 0.16 GB compacted), so the generator compacts every {@value #COMPACT_EVERY} products.
   */
  private static void compact(StorageSettings settings) throws SQLException {
    if (!PlatformSettings.embedded(settings.home()).dbUrl().startsWith("jdbc:h2:")) {
      return;
    }
    try (Connection c =
            DriverManager.getConnection(
                PlatformSettings.embedded(settings.home()).dbUrl(),
                PlatformSettings.embedded(settings.home()).dbUser(),
                PlatformSettings.embedded(settings.home()).dbPassword());
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    }
  }

  /**
   * The catalogue entity with the server's Hibernate Search settings, index under {@code
   * indexDirectory}.
   */
  static PersistentTypes catalogueTypes(Path indexDirectory) {
    return new PersistentTypes() {
      @Override
      public List<Class<?>> entityClasses() {
        return List.of(CatalogueEntryEntity.class);
      }

      @Override
      public Map<String, String> properties() {
        return AccessPersistentTypes.searchProperties(indexDirectory.toString());
      }
    };
  }

  /**
   * The {@code n}-th synthetic product; call in order of {@code n} for a reproducible catalogue.
   */
  DescriptiveRecord record(int n) {
    int t = skewedTarget();
    String target = TARGETS.get(t);
    String level = LEVELS.get(weighted(new int[] {3, 3, 4}));
    String instrument = INSTRUMENTS.get(random.nextInt(INSTRUMENTS.size()));
    String site = instrument.equals("SST") ? "CTAO-South" : SITES.get(random.nextInt(2));
    double[] pointing = uniformOnSphere(random);
    Instant start = EPOCH.plusSeconds((long) (random.nextDouble() * FIVE_YEARS_SECONDS));
    long durationSeconds = 1200 + random.nextInt(600);
    Instant stop = start.plusSeconds(durationSeconds);
    long obsId = 1_000_000L + n;
    String productId = new UUID(random.nextLong(), random.nextLong()).toString();
    String fileName =
        String.format(
            Locale.ROOT,
            "%s_%s_run%07d.%s",
            level.toLowerCase(Locale.ROOT),
            instrument.toLowerCase(Locale.ROOT),
            obsId,
            level.equals("DL1") ? "h5" : "fits.gz");
    long size =
        switch (level) {
          case "DL1" -> 500_000_000L + random.nextInt(1_500_000_000);
          case "DL2" -> 50_000_000L + random.nextInt(200_000_000);
          default -> 1_000_000L + random.nextInt(20_000_000);
        };
    FileEntry file =
        new FileEntry(
            fileName,
            size,
            level.equals("DL1") ? "application/x-hdf5" : "application/fits",
            level.equals("DL1") ? "Hierarchical Data Format 5" : "Flexible Image Transport System",
            level.equals("DL1") ? "fmt/807" : "x-fmt/383",
            hex(64),
            hex(32),
            hex(4));
    Instant deposited = stop.plus(1 + random.nextInt(30), ChronoUnit.DAYS);
    return new DescriptiveRecord(
        DescriptiveRecord.FORMAT,
        productId,
        1,
        "bench-" + (n / BATCH),
        deposited.toString(),
        description(level, target, instrument),
        List.of(level),
        "A",
        "observation",
        level.toLowerCase(Locale.ROOT) + "-processing",
        null,
        level.equals("DL1") ? "ctapipe" : "pyirf",
        "0.2" + random.nextInt(5),
        site,
        obsId,
        target,
        pointing[0],
        pointing[1],
        start.toString(),
        stop.toString(),
        (double) durationSeconds,
        durationSeconds * 0.95,
        "CTAO",
        instrument,
        level.equals("DL3") ? List.of("EVENTS", "GTI", "AEFF_2D", "EDISP_2D") : List.of(),
        "dpps-bench",
        "1.0",
        List.of(),
        stop.plus(365, ChronoUnit.DAYS).toString(),
        "ctao",
        List.of(file),
        Map.of());
  }

  private String description(String level, String target, String instrument) {
    StringBuilder text =
        new StringBuilder()
            .append(level)
            .append(" data of ")
            .append(target)
            .append(" observed with ")
            .append(instrument)
            .append(':');
    int words = 8 + random.nextInt(8);
    for (int i = 0; i < words; i++) {
      text.append(' ').append(WORDS.get(random.nextInt(WORDS.size())));
    }
    return text.toString();
  }

  /** A target index, the well-known sources observed more often than the catalogue names. */
  private int skewedTarget() {
    return random.nextInt(4) == 0
        ? random.nextInt(KNOWN_TARGETS.size())
        : random.nextInt(TARGETS.size());
  }

  private int weighted(int[] weights) {
    int total = IntStream.of(weights).sum();
    int r = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** {ra, dec} in degrees, uniform on the sphere. */
  static double[] uniformOnSphere(Random random) {
    double ra = random.nextDouble() * 360;
    double dec = Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
    return new double[] {ra, dec};
  }

  private static List<String> targets() {
    Random names = new Random(4);
    List<String> all = new ArrayList<>(KNOWN_TARGETS);
    while (all.size() < TARGET_COUNT) {
      String name =
          String.format(
              Locale.ROOT,
              "4FGL J%02d%02d.%d%c%02d%02d",
              names.nextInt(24),
              names.nextInt(60),
              names.nextInt(10),
              names.nextBoolean() ? '+' : '-',
              names.nextInt(90),
              names.nextInt(60));
      if (!all.contains(name)) {
        all.add(name);
      }
    }
    return List.copyOf(all);
  }

  private static String megabytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    } catch (IOException e) {
      return "?";
    }
  }
}
