package org.dpps.archive.tests.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The load of the search benchmark ({@code tests/benchmarks/search-benchmark.sh}): closed-loop
 * clients, each sending its next request as soon as the previous answer is read, against a running
 * archive whose catalogue {@link CatalogueGenerator} filled. For each case it prints the number of
 * requests, the throughput, the latency percentiles (nearest rank over every request of the case)
 * and the CPU the server, this driver and everything else used meanwhile (from {@code /proc}; "ms
 * CPU/req" is the server's CPU time per request, which other load on the machine hardly changes):
 * each case on standard error as it ends, then the table of all on standard output.
 *
 * <p>Cases, in this order: two baselines over the same HTTP client and concurrency (a static file,
 * {@code /index.html}, from Payara's default servlet; {@code /health}, MicroProfile Health), then
 * searches with random parameters: {@code free-text} (one or two description words, or a target
 * name), {@code faceted} (level and target filters; every answer carries the facet counts), {@code
 * cone} (a random centre uniform on the sphere, radius 0.5-5 degrees), {@code cone+time} (the same
 * with a time window of 30-365 days). A warm-up of mixed requests runs first and is not measured.
 *
 * <p>Only the JDK is needed: {@code java -cp tests/target/test-classes
 * org.dpps.archive.tests.benchmarks.SearchLoad --url http://localhost:8080 [--clients 8] [--seconds
 * 20] [--warmup 15] [--size 20] [--server-pid N] [--cases free-text,cone] [--seed 1]}.
 */
public final class SearchLoad {
  private static final Instant EPOCH = Instant.parse("2021-01-01T00:00:00Z");

  /** A kind of request: its name and how to draw its path and query. */
  record Case(String name, boolean search, Function<Random, String> request) {}

  /** What one case measured. */
  record Result(
      Case kase,
      long[] nanos,
      long errors,
      double seconds,
      double meanTotal,
      double serverCores,
      double driverCores,
      double otherCores) {

    double percentileMillis(double p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(p / 100.0 * nanos.length);
      return nanos[Math.max(0, Math.min(nanos.length, rank) - 1)] / 1e6;
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;
  private final int clients;
  private final long serverPid;

  SearchLoad(String base, int clients, long serverPid) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.clients = clients;
    this.serverPid = serverPid;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    SearchLoad load =
        new SearchLoad(
            required(options, "url"),
            Integer.parseInt(options.getOrDefault("clients", "8")),
            Long.parseLong(options.getOrDefault("server-pid", "0")));
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "15"));
    int size = Integer.parseInt(options.getOrDefault("size", "20"));
    long seed = Long.parseLong(options.getOrDefault("seed", "1"));
    List<Case> cases = cases(size);
    if (options.containsKey("cases")) {
      List<String> wanted = List.of(options.get("cases").split(","));
      cases = cases.stream().filter(c -> wanted.contains(c.name())).toList();
    }
    for (Case c : cases) {
      load.check(c, new Random(seed));
    }
    if (warmup > 0) {
      List<Case> all = cases;
      Case mixed =
          new Case("warm-up", false, r -> all.get(r.nextInt(all.size())).request().apply(r));
      Result w = load.run(mixed, Duration.ofSeconds(warmup), seed - 1);
      System.err.printf(
          Locale.ROOT,
          "warm-up: %d mixed requests in %d s (%d errors), not measured%n",
          w.nanos().length,
          warmup,
          w.errors());
    }
    List<Result> results = new ArrayList<>();
    for (Case c : cases) {
      Result r = load.run(c, Duration.ofSeconds(seconds), seed + results.size());
      results.add(r);
      System.err.println(line(r));
    }
    System.out.println(header());
    results.forEach(r -> System.out.println(line(r)));
    if (results.stream().anyMatch(r -> r.errors() > 0)) {
      System.exit(1);
    }
  }

  /** The cases of the benchmark; searches ask for {@code size} hits per page. */
  static List<Case> cases(int size) {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("static /index.html", false, r -> "/index.html"));
    cases.add(new Case("GET /health", false, r -> "/health"));
    cases.add(new Case("free-text", true, r -> search(size, "q", freeText(r))));
    cases.add(
        new Case(
            "faceted",
            true,
            r ->
                search(
                    size,
                    "level",
                    pick(r, CatalogueGenerator.LEVELS),
                    "target",
                    pick(r, CatalogueGenerator.TARGETS))));
    cases.add(new Case("cone", true, r -> search(size, cone(r))));
    cases.add(new Case("cone+time", true, r -> search(size, concat(cone(r), timeWindow(r)))));
    return cases;
  }

  private static String freeText(Random r) {
    int kind = r.nextInt(10);
    if (kind < 4) {
      return pick(r, CatalogueGenerator.WORDS);
    }
    if (kind < 7) {
      return pick(r, CatalogueGenerator.WORDS) + " " + pick(r, CatalogueGenerator.WORDS);
    }
    return pick(r, CatalogueGenerator.KNOWN_TARGETS);
  }

  private static String[] cone(Random r) {
    double[] centre = CatalogueGenerator.uniformOnSphere(r);
    double radius = 0.5 + 4.5 * r.nextDouble();
    return new String[] {
      "ra", fmt(centre[0]), "dec", fmt(centre[1]), "radius", fmt(radius),
    };
  }

  private static String[] timeWindow(Random r) {
    Instant from =
        EPOCH.plusSeconds((long) (r.nextDouble() * Duration.ofDays(5 * 365).toSeconds()));
    Instant to = from.plus(Duration.ofDays(30 + r.nextInt(336)));
    return new String[] {"from", from.toString(), "to", to.toString()};
  }

  private static String search(int size, String... pairs) {
    StringBuilder url = new StringBuilder("/api/v1/search?size=").append(size);
    for (int i = 0; i < pairs.length; i += 2) {
      url.append('&')
          .append(pairs[i])
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return url.toString();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static String pick(Random r, List<String> values) {
    return values.get(r.nextInt(values.size()));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** One request of the case, which must answer 200 (and, for searches, carry facets). */
  void check(Case c, Random random) throws IOException, InterruptedException {
    String path = c.request().apply(random);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200
        || (c.search()
            && !(response.body().contains("\"facets\"") && total(response.body()) >= 0))) {
      throw new IllegalStateException(
          c.name()
              + ": GET "
              + path
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }

  /** Runs {@code clients} closed-loop workers for {@code duration} and collects their timings. */
  Result run(Case c, Duration duration, long seed) throws InterruptedException {
    List<Worker> workers = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Worker w = new Worker(c, new Random(seed * 1000 + i), start);
      workers.add(w);
      Thread t = new Thread(w, "client-" + i);
      threads.add(t);
      t.start();
    }
    CpuSample before = CpuSample.now(serverPid);
    long t0 = System.nanoTime();
    long deadline = t0 + duration.toNanos();
    workers.forEach(w -> w.deadline = deadline);
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    CpuSample after = CpuSample.now(serverPid);
    long count = workers.stream().mapToLong(w -> w.count).sum();
    long[] all = new long[(int) count];
    int at = 0;
    long errors = 0;
    long totals = 0;
    for (Worker w : workers) {
      System.arraycopy(w.nanos, 0, all, at, w.count);
      at += w.count;
      errors += w.errors;
      totals += w.totals;
    }
    Arrays.sort(all);
    double[] cores = before.coresUntil(after, seconds);
    return new Result(
        c,
        all,
        errors,
        seconds,
        count == 0 ? 0 : (double) totals / count,
        cores[0],
        cores[1],
        cores[2]);
  }

  /** One closed-loop client. */
  private final class Worker implements Runnable {
    private final Case kase;
    private final Random random;
    private final CountDownLatch start;
    volatile long deadline;
    long[] nanos = new long[4096];
    int count;
    long errors;
    long totals;

    Worker(Case kase, Random random, CountDownLatch start) {
      this.kase = kase;
      this.random = random;
      this.start = start;
    }

    @Override
    public void run() {
      try {
        start.await();
      } catch (InterruptedException e) {
        return;
      }
      while (System.nanoTime() < deadline) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(base + kase.request().apply(random)))
                .timeout(Duration.ofSeconds(30))
                .build();
        long t0 = System.nanoTime();
        try {
          HttpResponse<byte[]> response =
              http.send(request, HttpResponse.BodyHandlers.ofByteArray());
          long elapsed = System.nanoTime() - t0;
          if (response.statusCode() != 200) {
            errors++;
            continue;
          }
          if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, nanos.length * 2);
          }
          nanos[count++] = elapsed;
          if (kase.search()) {
            totals += total(new String(response.body(), StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          errors++;
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** The {@code total} of a search answer, or -1. */
  static long total(String json) {
    int at = json.indexOf("\"total\":");
    if (at < 0) {
      return -1;
    }
    int i = at + 8;
    while (i < json.length() && json.charAt(i) == ' ') {
      i++;
    }
    int end = i;
    while (end < json.length() && Character.isDigit(json.charAt(end))) {
      end++;
    }
    return end == i ? -1 : Long.parseLong(json.substring(i, end));
  }

  /** CPU time of the server process, of this JVM, and of the whole machine, from {@code /proc}. */
  private record CpuSample(long serverTicks, long driverNanos, long busyTicks) {
    static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    static CpuSample now(long serverPid) {
      long server = 0;
      long busy = 0;
      try {
        if (serverPid > 0) {
          String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          server = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
        }
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        for (int i = 1; i < cpu.length && i <= 8; i++) {
          if (i != 4 && i != 5) { // all but idle and iowait
            busy += Long.parseLong(cpu[i]);
          }
        }
      } catch (IOException | RuntimeException e) {
        // no /proc: cores are reported as 0
      }
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      return new CpuSample(server, os.getProcessCpuTime(), busy);
    }

    /** {server, driver, everything else} in cores over {@code seconds}. */
    double[] coresUntil(CpuSample after, double seconds) {
      double server = (after.serverTicks - serverTicks) / TICKS_PER_SECOND / seconds;
      double driver = (after.driverNanos - driverNanos) / 1e9 / seconds;
      double machine = (after.busyTicks - busyTicks) / TICKS_PER_SECOND / seconds;
      return new double[] {server, driver, Math.max(0, machine - server - driver)};
    }
  }

  static String header() {
    return String.format(
        Locale.ROOT,
        "%-20s %8s %8s %8s %8s %8s %8s %6s %9s %7s %7s %7s %9s",
        "case",
        "requests",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "errors",
        "mean hits",
        "server",
        "driver",
        "other",
        "ms CPU/req");
  }

  static String line(Result r) {
    return String.format(
        Locale.ROOT,
        "%-20s %8d %8.1f %8.2f %8.2f %8.2f %8.1f %6d %9s %7.2f %7.2f %7.2f %9.2f",
        r.kase().name(),
        r.nanos().length,
        r.nanos().length / r.seconds(),
        r.percentileMillis(50),
        r.percentileMillis(95),
        r.percentileMillis(99),
        r.percentileMillis(100),
        r.errors(),
        r.kase().search() ? String.format(Locale.ROOT, "%.0f", r.meanTotal()) : "",
        r.serverCores(),
        r.driverCores(),
        r.otherCores(),
        r.nanos().length == 0 ? 0 : r.serverCores() * r.seconds() * 1000 / r.nanos().length);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }
}
