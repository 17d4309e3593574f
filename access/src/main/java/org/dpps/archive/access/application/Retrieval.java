package org.dpps.archive.access.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dpps.archive.access.domain.PremisEvents;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.platform.security.Caller;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.api.Storage;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.StoredFile;

/** Retrieval of products: descriptions, payload files, whole AIPs, and their embargo. */
@ApplicationScoped
public class Retrieval {
  private Storage storage;
  private EventLog log;
  private org.dpps.archive.storage.api.Integrity audits;
  private PremisEvents premis;
  private java.time.Clock clock = java.time.Clock.systemUTC();

  protected Retrieval() {}

  @Inject
  public Retrieval(
      Storage storage,
      EventLog log,
      org.dpps.archive.storage.api.Integrity audits,
      PremisEvents premis) {
    this.audits = audits;
    this.storage = storage;
    this.log = log;
    this.premis = premis;
  }

  /** A stored version as the product page shows it. */
  public record VersionSummary(int version, String created, String message) {}

  /**
   * A PREMIS event: from the AIP's own record ({@code source} "aip") or from the archive's event
   * log ({@code source} "event-log": replication, fixity checks, repairs, with the replica).
   */
  public record Event(
      String type, String time, String outcome, String note, String source, String replica) {}

  /**
   * Everything a product page needs. {@code integrity}: what the last audit concluded (OK, DAMAGED,
   * UNKNOWN when a replica could not be checked) or NOT_AUDITED.
   */
  public record ProductDescription(
      DescriptiveRecord record,
      int version,
      int headVersion,
      List<VersionSummary> versions,
      List<Event> events,
      String integrity,
      Access access) {}

  /**
   * Refuses a download of the product's content (files, AIP) when it is under embargo and the
   * caller is neither an archivist nor a member of its access group. The head version's record
   * decides: a later version may have changed the release date.
   */
  private void checkDownload(AipVersion aip, DescriptiveRecord record, Caller caller) {
    headRecord(aip, record).embargo().checkDownload(caller, clock.instant());
  }

  /**
   * The embargo of a product as it applies to a caller now.
   *
   * @param embargoedUntil the release date while it is in the future, else null
   * @param accessGroup the group that may download it during the embargo
   * @param downloadable whether this caller may download its files and AIP now
   */
  public record Access(String embargoedUntil, String accessGroup, boolean downloadable) {}

  private Access access(AipVersion aip, DescriptiveRecord record, Caller caller) {
    DescriptiveRecord head = headRecord(aip, record);
    java.time.Instant now = clock.instant();
    return new Access(
        head.embargo().released(now) ? null : head.embargoUntil(),
        head.accessGroup(),
        head.embargo().mayDownload(caller, now));
  }

  /** The head version's record: {@code record} itself when {@code aip} is the head. */
  private DescriptiveRecord headRecord(AipVersion aip, DescriptiveRecord record) {
    return aip.version() == aip.headVersion() ? record : record(aip(aip.productId(), null));
  }

  private static DescriptiveRecord record(AipVersion aip) {
    return DescriptiveRecord.fromJson(bytes(aip, "metadata/descriptive.json"));
  }

  /** A payload file ready to be served. */
  public record FileToServe(StoredFile file, DescriptiveRecord.FileEntry entry, int version) {}

  public AipVersion aip(ProductId productId, Integer version) {
    if (version == null) {
      return storage
          .head(productId)
          .orElseThrow(
              () -> new ArchiveException(ErrorCode.PRODUCT_NOT_FOUND, "No product " + productId));
    }
    if (storage.head(productId).isEmpty()) {
      throw new ArchiveException(ErrorCode.PRODUCT_NOT_FOUND, "No product " + productId);
    }
    return storage
        .version(productId, version)
        .orElseThrow(
            () ->
                new ArchiveException(
                    ErrorCode.VERSION_NOT_FOUND,
                    "Product " + productId + " has no version " + version));
  }

  /** The product page of a version, with what {@code caller} may download. */
  public ProductDescription describe(ProductId productId, Integer version, Caller caller) {
    AipVersion aip = aip(productId, version);
    DescriptiveRecord record = record(aip);
    List<VersionSummary> versions = new ArrayList<>();
    for (int v = 1; v <= aip.headVersion(); v++) {
      storage
          .version(productId, v)
          .ifPresent(
              x ->
                  versions.add(
                      new VersionSummary(x.version(), x.created().toString(), x.message())));
    }
    List<Event> events = new ArrayList<>(events(aip));
    for (ArchiveEvent e : log.forProduct(productId.value())) {
      if (e.type().premisCode().isEmpty()) {
        continue;
      }
      events.add(
          new Event(
              e.type().premisCode().get(),
              e.at().toString(),
              e.outcome() == ArchiveEvent.Outcome.SUCCESS ? "suc" : "fail",
              e.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                  + " "
                  + e.detail(),
              "event-log",
              e.replica()));
    }
    return new ProductDescription(
        record,
        aip.version(),
        aip.headVersion(),
        versions,
        events,
        audits.integrityOf(productId.value()).orElse("NOT_AUDITED"),
        access(aip, record, caller));
  }

  /** A payload file of a version, if {@code caller} may download it (embargo). */
  public FileToServe file(ProductId productId, String path, Integer version, Caller caller) {
    AipVersion aip = aip(productId, version);
    DescriptiveRecord record = record(aip);
    checkDownload(aip, record, caller);
    if (path == null || path.isEmpty() || path.contains("..")) {
      throw new ArchiveException(ErrorCode.FILE_NOT_FOUND, "No such file", path);
    }
    StoredFile file =
        aip.file("data/" + path)
            .orElseThrow(
                () ->
                    new ArchiveException(
                        ErrorCode.FILE_NOT_FOUND,
                        "Product " + productId + " v" + aip.version() + " has no file " + path,
                        path));
    DescriptiveRecord.FileEntry entry =
        record.files().stream()
            .filter(f -> f.path().equals(path))
            .findFirst()
            .orElseThrow(
                () -> new ArchiveException(ErrorCode.FILE_NOT_FOUND, "Not in the record", path));
    return new FileToServe(file, entry, aip.version());
  }

  /** A version of the AIP, if {@code caller} may download it (embargo). */
  public AipVersion aipToDownload(ProductId productId, Integer version, Caller caller) {
    AipVersion aip = aip(productId, version);
    checkDownload(aip, record(aip), caller);
    return aip;
  }

  /** Streams the AIP bag as a zip (entries stored under {@code <product>-v<N>/}). */
  public void writeAipZip(AipVersion aip, OutputStream out) {
    String prefix = aip.productId().value() + "-v" + aip.version() + "/";
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(Deflater.BEST_SPEED);
      for (StoredFile file :
          aip.files().values().stream()
              .sorted(Comparator.comparing(StoredFile::logicalPath))
              .toList()) {
        ZipEntry entry = new ZipEntry(prefix + file.logicalPath());
        entry.setSize(file.size());
        zip.putNextEntry(entry);
        try (InputStream in = Files.newInputStream(file.location())) {
          in.transferTo(zip);
        }
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Event> events(AipVersion aip) {
    if (aip.file("metadata/premis.ttl").isEmpty()) {
      return List.of();
    }
    return premis.read(bytes(aip, "metadata/premis.ttl")).stream()
        .map(e -> new Event(e.type(), e.time(), e.outcome(), e.note(), "aip", null))
        .toList();
  }

  private static byte[] bytes(AipVersion aip, String path) {
    StoredFile file =
        aip.file(path)
            .orElseThrow(() -> new IllegalStateException(aip.productId() + " has no " + path));
    try {
      return Files.readAllBytes(file.location());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
