package org.dpps.archive.storage.application;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.UnsatisfiedResolutionException;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.dpps.archive.platform.config.PlatformSettings;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.platform.database.Database;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.platform.internal.jpa.PlatformPersistentTypes;
import org.dpps.archive.platform.jobs.HelperExecutor;
import org.dpps.archive.platform.jobs.JobRunner;
import org.dpps.archive.platform.jobs.JobSettings;
import org.dpps.archive.platform.signing.ArchiveKeys;
import org.dpps.archive.platform.signing.Seal;
import org.dpps.archive.schemas.model.MultiDigest;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipFile;
import org.dpps.archive.storage.domain.AipVersionsCommitted;
import org.dpps.archive.storage.domain.Audit;
import org.dpps.archive.storage.domain.CatalogueListing;
import org.dpps.archive.storage.domain.DerivedStores;
import org.dpps.archive.storage.domain.StorageEvent;
import org.dpps.archive.storage.infrastructure.jpa.JpaAuditRepository;
import org.dpps.archive.storage.infrastructure.jpa.JpaStorageLedger;
import org.dpps.archive.storage.infrastructure.jpa.StoragePersistentTypes;
import org.dpps.archive.storage.infrastructure.ocfl.OcflReplicaStores;

/**
 * Archival storage wired by hand for tests: an H2 file database with the storage entities, two
 * replicas ({@code r1=ocfl}, {@code r2=ocfl-r2}) under a temporary home, the archive key, the event
 * log, {@link ArchivalStorage}, {@link AuditService} with a real {@link JobRunner} that runs the
 * audits (started by the first {@link #awaitAudit}); and real sealed BagIt AIPs to commit.
 */
final class StorageFixture implements AutoCloseable {
  final Path home;
  final MutableClock clock;
  final Database database;
  final ArchiveDatabase archiveDatabase;
  final StorageSettings settings;
  final ArchiveKeys keys;
  final EventLog events;
  final RecordingEvent<AipVersionsCommitted> committed = new RecordingEvent<>();
  final ArchivalStorage storage;
  final JpaAuditRepository auditRepository;
  final ExecutorService executor = Executors.newCachedThreadPool();
  final JobRunner jobs;

  /** How often the audits asked the derived stores to reconcile (after each quick audit). */
  final java.util.concurrent.atomic.AtomicInteger reconciliations =
      new java.util.concurrent.atomic.AtomicInteger();

  final AuditService audits;

  StorageFixture(Path home) {
    this(home, 100, null, new MutableClock(Instant.now()));
  }

  /**
   * @param catalogue what the catalogue lists, or null for no catalogue (unresolvable instance)
   */
  StorageFixture(Path home, int checkpointEvery, CatalogueListing catalogue, MutableClock clock) {
    this(
        home,
        checkpointEvery,
        catalogue,
        clock,
        Database.open(
            "jdbc:h2:file:" + home.resolve("db/archive") + ";WRITE_DELAY=0",
            "sa",
            "",
            List.of(
                () -> StoragePersistentTypes.ENTITIES, () -> PlatformPersistentTypes.ENTITIES)));
  }

  /** The same over an already open database (PostgreSQL in {@code StorageOnPostgresTest}). */
  StorageFixture(
      Path home,
      int checkpointEvery,
      CatalogueListing catalogue,
      MutableClock clock,
      Database database) {
    this.home = home;
    this.clock = clock;
    this.database = database;
    this.archiveDatabase = ArchiveDatabase.wrapping(database);
    this.settings = StorageSettings.withReplicas(home, "r1=ocfl,r2=ocfl-r2");
    this.keys = new ArchiveKeys(PlatformSettings.embedded(home));
    this.events = new EventLog(archiveDatabase, keys, clock, checkpointEvery);
    this.storage =
        new ArchivalStorage(
            settings,
            committed,
            keys,
            new JpaStorageLedger(archiveDatabase),
            new OcflReplicaStores(),
            events,
            HelperExecutor.over(executor),
            clock);
    this.auditRepository = new JpaAuditRepository(archiveDatabase);
    AuditSettings auditSettings = AuditSettings.manual(0, 1);
    AuditJobs auditJobs =
        new AuditJobs(
            storage,
            auditRepository,
            auditSettings,
            new FixedInstance<>(catalogue),
            new FixedInstance<DerivedStores>(reconciliations::incrementAndGet),
            events,
            HelperExecutor.over(executor),
            clock);
    this.jobs =
        new JobRunner(
            List.of(auditJobs),
            archiveDatabase,
            new JobSettings("test-node", Duration.ofSeconds(30), Duration.ofMillis(50)),
            clock,
            executor);
    this.audits =
        new AuditService(
            storage,
            auditRepository,
            auditSettings,
            new FixedInstance<>(catalogue),
            events,
            jobs,
            clock);
  }

  /**
   * Starts the job runner (if it is not running yet) and waits until the audit has finished; its
   * report, with up to 1000 failures.
   */
  Audit.Report awaitAudit(String id) {
    jobs.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (audits.report(id, 0).state().unfinished()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Audit " + id + " still unfinished after 120 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return audits.report(id, 1000);
  }

  Replica replica(String name) {
    return storage.replica(name).orElseThrow();
  }

  /**
   * The directory of the product's object on the named replica (computed from r1's layout, so it
   * can be named while that replica's root is away).
   */
  Path objectRoot(String replica, ProductId productId) {
    Replica r1 = replica("r1");
    Path relative = r1.root().relativize(storage.open(r1).objectRoot(productId));
    return replica(replica).root().resolve(relative);
  }

  /** A sealed AIP with one payload file {@code data/events.txt}. */
  AipCommit aip(ProductId productId, String payload) {
    return aip(productId, Map.of("data/events.txt", payload));
  }

  /**
   * A complete sealed BagIt 1.0 AIP staged under the home directory: the payload files, both
   * payload manifests, bag-info.txt, both tag manifests and {@code metadata/seal.ed25519} signed
   * with the archive's key over {@code tagmanifest-sha512.txt}.
   */
  AipCommit aip(ProductId productId, Map<String, String> payload) {
    try {
      Path bag = Files.createDirectories(home.resolve("staging").resolve(UUID.randomUUID() + ""));
      StringBuilder m512 = new StringBuilder();
      StringBuilder m256 = new StringBuilder();
      long bytes = 0;
      for (Map.Entry<String, String> e : new TreeMap<>(payload).entrySet()) {
        if (!e.getKey().startsWith("data/")) {
          throw new IllegalArgumentException("payload paths start with data/: " + e.getKey());
        }
        write(bag, e.getKey(), e.getValue());
        MultiDigest.Result d = digest(e.getValue());
        m512.append(d.digests().sha512()).append("  ").append(e.getKey()).append('\n');
        m256.append(d.digests().sha256()).append("  ").append(e.getKey()).append('\n');
        bytes += d.size();
      }
      write(bag, "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
      write(
          bag,
          "bag-info.txt",
          "External-Identifier: "
              + productId.value()
              + "\nPayload-Oxum: "
              + bytes
              + "."
              + payload.size()
              + "\n");
      write(bag, "manifest-sha512.txt", m512.toString());
      write(bag, "manifest-sha256.txt", m256.toString());
      StringBuilder t512 = new StringBuilder();
      StringBuilder t256 = new StringBuilder();
      for (String tag :
          List.of("bag-info.txt", "bagit.txt", "manifest-sha256.txt", "manifest-sha512.txt")) {
        MultiDigest.Result d = MultiDigest.of(bag.resolve(tag), List.of());
        t512.append(d.digests().sha512()).append("  ").append(tag).append('\n');
        t256.append(d.digests().sha256()).append("  ").append(tag).append('\n');
      }
      write(bag, "tagmanifest-sha512.txt", t512.toString());
      write(bag, "tagmanifest-sha256.txt", t256.toString());
      Seal seal =
          keys.sealer()
              .seal(
                  "tagmanifest-sha512.txt",
                  Files.readAllBytes(bag.resolve("tagmanifest-sha512.txt")));
      Files.createDirectories(bag.resolve(Seal.FILE_NAME).getParent());
      Files.write(bag.resolve(Seal.FILE_NAME), seal.toBytes());
      List<AipFile> files = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(bag)) {
        for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
          MultiDigest.Result d = MultiDigest.of(p, List.of());
          String logical = bag.relativize(p).toString().replace('\\', '/');
          files.add(new AipFile(logical, p, d.size(), d.digests()));
        }
      }
      return new AipCommit(productId, files, "test AIP of " + productId.value(), "test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits a sealed AIP of the product and returns the version written. */
  int store(ProductId productId, String payload) {
    return storage.commit(aip(productId, payload));
  }

  /** Types of the product's events, oldest first. */
  List<StorageEvent> eventTypes(ProductId productId) {
    return events.forProduct(productId.value()).stream()
        .map(e -> StorageEvent.valueOf(e.type().name()))
        .toList();
  }

  /** Every regular file under {@code dir} by relative path ('/'-separated), with its sha512. */
  static Map<String, String> tree(Path dir) {
    Map<String, String> tree = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return tree;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        tree.put(
            dir.relativize(p).toString().replace('\\', '/'),
            MultiDigest.of(p, List.of()).digests().sha512());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tree;
  }

  static MultiDigest.Result digest(String content) {
    return digest(content.getBytes(StandardCharsets.UTF_8));
  }

  static MultiDigest.Result digest(byte[] bytes) {
    MultiDigest d = new MultiDigest();
    d.update(bytes, 0, bytes.length);
    return d.finish();
  }

  static void write(Path root, String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    jobs.stop(Duration.ofSeconds(30));
    executor.shutdown();
    storage.close();
    database.close();
  }

  /** A clock that runs with real time from an instant the test sets (or moves). */
  static final class MutableClock extends Clock {
    private volatile Instant origin;
    private volatile long originNanos;

    MutableClock(Instant start) {
      set(start);
    }

    void set(Instant instant) {
      origin = instant;
      originNanos = System.nanoTime();
    }

    void advance(Duration d) {
      set(instant().plus(d));
    }

    @Override
    public Instant instant() {
      return origin.plusNanos(System.nanoTime() - originNanos);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      MutableClock self = this;
      return new Clock() {
        @Override
        public Instant instant() {
          return self.instant();
        }

        @Override
        public ZoneId getZone() {
          return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
          return self.withZone(z);
        }
      };
    }
  }

  /** CDI's {@link Event}, recording what is fired. */
  static final class RecordingEvent<T> implements Event<T> {
    final List<T> fired = new CopyOnWriteArrayList<>();

    @Override
    public void fire(T event) {
      fired.add(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event) {
      fired.add(event);
      return CompletableFuture.completedFuture(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
      return fireAsync(event);
    }

    @Override
    public Event<T> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }
  }

  /** CDI's {@link Instance} of one given bean, or of none (unresolvable) when it is null. */
  static final class FixedInstance<T> implements Instance<T> {
    private final T bean;

    FixedInstance(T bean) {
      this.bean = bean;
    }

    @Override
    public T get() {
      if (bean == null) {
        throw new UnsatisfiedResolutionException("no bean in this test");
      }
      return bean;
    }

    @Override
    public Iterator<T> iterator() {
      return bean == null ? List.<T>of().iterator() : List.of(bean).iterator();
    }

    @Override
    public boolean isUnsatisfied() {
      return bean == null;
    }

    @Override
    public boolean isAmbiguous() {
      return false;
    }

    @Override
    public void destroy(T instance) {}

    @Override
    public Instance<T> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    public <U extends T> Instance<U> select(Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends T> Instance<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Handle<T> getHandle() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Iterable<? extends Handle<T>> handles() {
      throw new UnsupportedOperationException();
    }
  }

  /** A catalogue listing exactly the given products. */
  static CatalogueListing catalogueOf(List<ProductId> products) {
    Map<String, ProductId> byValue = new LinkedHashMap<>();
    products.forEach(p -> byValue.put(p.value(), p));
    return new CatalogueListing() {
      @Override
      public Stream<ProductId> catalogued() {
        return byValue.values().stream();
      }

      @Override
      public boolean isCatalogued(ProductId productId) {
        return byValue.containsKey(productId.value());
      }
    };
  }
}
