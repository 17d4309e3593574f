package org.dpps.archive.planning.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.dpps.archive.planning.domain.FormatEntry;
import org.dpps.archive.planning.domain.MigrationAction;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.files.FileTrees;
import org.dpps.archive.platform.signing.Seal;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.model.FileDigests;
import org.dpps.archive.schemas.model.MultiDigest;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.schemas.rdf.PremisEvents;
import org.dpps.archive.schemas.rdf.ProvenanceGraph;
import org.dpps.archive.schemas.rdf.Vocab;
import org.dpps.archive.storage.api.AipWriter;
import org.dpps.archive.storage.api.Storage;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipFile;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.StoredFile;

/**
 * Migrates one product under a plan: finds the head's files in the plan's source format, runs the
 * action on each into a work directory, accepts a result only if its significant properties equal
 * the original's and it is identified as the target format ({@link MigrationCheck}), and then
 * commits a new AIP version (the original version stays in OCFL) whose PREMIS record and PROV-O
 * graph continue the previous ones with the migration. Nothing is stored unless every file of the
 * product passed.
 */
public final class Migrator {
  /** bag-info.txt field naming the plan that wrote a version: the idempotence marker. */
  public static final String PLAN_FIELD = "Migration-Plan";

  private final Storage storage;
  private final AipWriter writer;
  private final Clock clock;
  private final MigrationCheck check;

  public Migrator(Storage storage, AipWriter writer, Clock clock, MigrationCheck check) {
    this.writer = writer;
    this.storage = storage;
    this.clock = clock;
    this.check = check;
  }

  /** What a plan needs to migrate a product. */
  public record Plan(
      String id,
      String name,
      String sourceFormat,
      String targetFormat,
      MigrationAction action,
      List<FormatEntry> registry) {}

  /** The result for one product. */
  public record Outcome(
      String state,
      Integer fromVersion,
      Integer toVersion,
      int files,
      long bytesBefore,
      long bytesAfter,
      Map<String, Object> detail) {
    static Outcome skipped(Integer version, String why) {
      return new Outcome("SKIPPED", version, null, 0, 0, 0, Map.of("reason", why));
    }

    static Outcome failed(
        int version, ErrorCode code, String path, String message, List<String> differences) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("code", code.id());
      d.put("path", path);
      d.put("message", message);
      if (!differences.isEmpty()) {
        d.put("differences", differences.subList(0, Math.min(differences.size(), 50)));
      }
      return new Outcome("FAILED", version, null, 0, 0, 0, d);
    }
  }

  /** One file the plan migrates: the stored original and the accepted result. */
  private record Migrated(
      DescriptiveRecord.FileEntry original, Path result, MultiDigest.Result digests) {}

  /** Migrates the product's head; {@code work} is emptied and used for this product only. */
  public Outcome migrate(Plan plan, ProductId productId, Path work) {
    AipVersion head = storage.head(productId).orElse(null);
    if (head == null) {
      return Outcome.skipped(null, "The product is not in storage");
    }
    if (writtenBy(head, plan.id())) {
      return new Outcome(
          "MIGRATED",
          head.version() - 1,
          head.version(),
          0,
          0,
          0,
          Map.of("note", "Version " + head.version() + " was already written by this plan"));
    }
    DescriptiveRecord record = DescriptiveRecord.fromJson(read(head, "metadata/descriptive.json"));
    List<DescriptiveRecord.FileEntry> files = check.affected(head, record, plan);
    if (files.isEmpty()) {
      return Outcome.skipped(
          head.version(), "Version " + head.version() + " has no file in " + plan.sourceFormat());
    }
    Instant started = clock.instant();
    try {
      deleteTree(work);
      Files.createDirectories(work);
      List<Migrated> migrated = new ArrayList<>();
      int i = 0;
      for (DescriptiveRecord.FileEntry f : files) {
        Path original = head.payload().get(f.path()).location();
        Path out = work.resolve("result").resolve(String.valueOf(i)).resolve("migrated");
        List<String> differences =
            check.migrateAndCheck(plan, original, f.path(), out, work.resolve("action-" + i));
        if (!differences.isEmpty()) {
          return Outcome.failed(
              head.version(),
              ErrorCode.MIGRATION_NOT_EQUIVALENT,
              f.path(),
              "Rejected by the check of significant properties: the product is unchanged",
              differences);
        }
        migrated.add(new Migrated(f, out, MultiDigest.of(out, List.of())));
        i++;
      }
      int version = head.version() + 1;
      AipCommit commit =
          assemble(plan, head, record, migrated, version, started, work.resolve("bag"));
      int written = storage.commit(commit);
      long before = migrated.stream().mapToLong(m -> m.original().size()).sum();
      long after = migrated.stream().mapToLong(m -> m.digests().size()).sum();
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put(
          "files",
          migrated.stream()
              .map(
                  m ->
                      Map.of(
                          "path", m.original().path(),
                          "sha512Before", m.original().sha512(),
                          "sha512After", m.digests().digests().sha512(),
                          "bytesBefore", m.original().size(),
                          "bytesAfter", m.digests().size()))
              .toList());
      return new Outcome(
          "MIGRATED", head.version(), written, migrated.size(), before, after, detail);
    } catch (ArchiveException e) {
      if (e.code() == ErrorCode.MIGRATION_ACTION_FAILED) {
        return Outcome.failed(
            head.version(), e.code(), e.path().orElse(null), e.getMessage(), List.of());
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        deleteTree(work);
      } catch (IOException e) {
        // left for the next start-up, which empties the work area
      }
    }
  }

  private AipCommit assemble(
      Plan plan,
      AipVersion head,
      DescriptiveRecord record,
      List<Migrated> migrated,
      int version,
      Instant started,
      Path bag)
      throws IOException {
    Files.createDirectories(bag.resolve("data"));
    Map<String, Migrated> byPath = new LinkedHashMap<>();
    migrated.forEach(m -> byPath.put(m.original().path(), m));
    List<AipFile> payload = new ArrayList<>();
    List<DescriptiveRecord.FileEntry> entries = new ArrayList<>();
    for (DescriptiveRecord.FileEntry f : record.files()) {
      Path target = bag.resolve("data").resolve(f.path()).normalize();
      if (!target.startsWith(bag.resolve("data"))) {
        throw new IllegalStateException("Stored file name escapes the bag: " + f.path());
      }
      Files.createDirectories(target.getParent());
      Migrated m = byPath.get(f.path());
      if (m != null) {
        Files.move(m.result(), target, StandardCopyOption.REPLACE_EXISTING);
        FileDigests d = m.digests().digests();
        payload.add(new AipFile("data/" + f.path(), target, m.digests().size(), d));
        entries.add(
            new DescriptiveRecord.FileEntry(
                f.path(),
                m.digests().size(),
                f.mediaType(),
                f.formatName(),
                f.pronom(),
                d.sha512(),
                d.sha256(),
                d.adler32()));
      } else {
        linkOrCopy(head.payload().get(f.path()).location(), target);
        payload.add(
            new AipFile(
                "data/" + f.path(),
                target,
                f.size(),
                new FileDigests(f.sha512(), f.sha256(), f.adler32())));
        entries.add(f);
      }
    }
    String productId = head.productId().value();
    Instant ended = clock.instant();
    DescriptiveRecord next = record.withVersion(version, entries);
    write(bag, "metadata/descriptive.json", next.toJson());

    MigrationAction.Tool tool = plan.action().tool();
    String toolIri = Vocab.softwareIri(tool.name(), tool.version());
    String planIri = Vocab.planIri(plan.id());
    List<String> used = new ArrayList<>();
    List<String> generated = new ArrayList<>();
    Map<String, String> derived = new LinkedHashMap<>();
    for (Migrated m : migrated) {
      used.add(Vocab.fileIri(productId, head.version(), m.original().path()));
      generated.add(Vocab.fileIri(productId, version, m.original().path()));
      derived.put(m.original().path(), m.original().path());
    }
    PremisEvents premis = new PremisEvents(productId, version, model(head, "metadata/premis.ttl"));
    for (DescriptiveRecord.FileEntry e : entries) {
      premis.file(e.path(), e.size(), e.mediaType(), e.pronom(), e.sha512());
    }
    String how = tool.name() + " " + tool.version() + " (" + tool.runner() + ")";
    premis.migration(
        ended,
        true,
        "Plan '"
            + plan.name()
            + "' ("
            + plan.id()
            + "): "
            + plan.sourceFormat()
            + " -> "
            + plan.targetFormat()
            + " with "
            + how
            + "; version "
            + head.version()
            + " kept unchanged",
        used,
        generated,
        toolIri,
        planIri);
    premis.event(
        "val",
        ended,
        true,
        "Significant properties of "
            + migrated.size()
            + " migrated file(s) equal the originals': same HDUs, same header values except"
            + " compression and checksum keywords, same decoded data (sha256); identified as "
            + plan.targetFormat());
    premis.event("ipc", ended, true, "BagIt 1.0 AIP version " + version + ", sealed with Ed25519");
    write(bag, "metadata/premis.ttl", premis.toTurtle());

    ProvenanceGraph prov =
        new ProvenanceGraph(productId, version, model(head, "metadata/provenance.ttl"));
    prov.migration(
        "urn:ctao:migration:"
            + plan.id()
            + ":"
            + java.net.URLEncoder.encode(productId, StandardCharsets.UTF_8)
            + ":v"
            + version,
        "Migration of " + productId + " to " + plan.targetFormat() + " (" + plan.name() + ")",
        started,
        ended,
        tool.name(),
        tool.version(),
        planIri,
        plan.name(),
        derived);
    for (DescriptiveRecord.FileEntry e : entries) {
      prov.file(e.path(), e.sha512());
    }
    write(bag, "metadata/provenance.ttl", prov.toTurtle());

    for (String path : head.files().keySet()) {
      if (path.startsWith("metadata/")
          && !List.of(
                  "metadata/descriptive.json",
                  "metadata/premis.ttl",
                  "metadata/provenance.ttl",
                  Seal.FILE_NAME)
              .contains(path)) {
        Path target = bag.resolve(path);
        Files.createDirectories(target.getParent());
        Files.copy(head.files().get(path).location(), target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    List<Map.Entry<String, String>> info =
        List.of(
            Map.entry("Source-Organization", "CTAO"),
            Map.entry("Bag-Software-Agent", "DPPS preservation archive"),
            Map.entry("External-Identifier", productId),
            Map.entry("External-Description", "AIP of CTAO data product " + productId),
            Map.entry("Bagging-Date", LocalDate.ofInstant(ended, ZoneOffset.UTC).toString()),
            Map.entry("Payload-Oxum", AipWriter.payloadOxum(payload)),
            Map.entry("Internal-Sender-Identifier", "migration " + plan.id()),
            Map.entry("Bag-Group-Identifier", "version " + version),
            Map.entry(PLAN_FIELD, plan.id()),
            Map.entry("Migrated-From-Version", String.valueOf(head.version())));
    String message =
        "Migration "
            + plan.sourceFormat()
            + " -> "
            + plan.targetFormat()
            + " by plan "
            + plan.id()
            + " ("
            + migrated.size()
            + " files)";
    return writer.finish(
        bag,
        head.productId(),
        payload,
        info,
        message,
        "dpps-archive/preservation-planning",
        version);
  }

  /** Whether the version's bag-info names the plan. */
  public static boolean writtenBy(AipVersion version, String planId) {
    return version
        .file("bag-info.txt")
        .map(
            f -> {
              try {
                return Files.readAllLines(f.location(), StandardCharsets.UTF_8).stream()
                    .anyMatch(line -> line.equals(PLAN_FIELD + ": " + planId));
              } catch (IOException e) {
                return false;
              }
            })
        .orElse(false);
  }

  private static Model model(AipVersion head, String path) {
    StoredFile f =
        head.file(path)
            .orElseThrow(() -> new IllegalStateException(head.productId() + " has no " + path));
    return RDFParser.source(f.location()).lang(Lang.TURTLE).toModel();
  }

  static byte[] read(AipVersion version, String path) {
    StoredFile f =
        version
            .file(path)
            .orElseThrow(() -> new IllegalStateException(version.productId() + " has no " + path));
    try {
      return Files.readAllBytes(f.location());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path dir, String path, byte[] bytes) throws IOException {
    Path target = dir.resolve(path);
    Files.createDirectories(target.getParent());
    Files.write(target, bytes);
  }

  /** Hard-links the stored file into the bag (no bytes copied); copies if the link fails. */
  private static void linkOrCopy(Path source, Path target) throws IOException {
    AipWriter.linkOrCopy(source, target);
  }

  static void deleteTree(Path dir) throws IOException {
    FileTrees.delete(dir);
  }
}
