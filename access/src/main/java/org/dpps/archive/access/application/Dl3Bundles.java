package org.dpps.archive.access.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dpps.archive.access.domain.GadfFiles;
import org.dpps.archive.access.domain.GadfFiles.HduRow;
import org.dpps.archive.access.domain.SearchQuery;
import org.dpps.archive.access.domain.SearchResult;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.security.Caller;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.api.Storage;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.StoredFile;

/**
 * DL3 bundles: every DL3 observation a search finds, with its event list and IRFs as archived and
 * the index tables that make the unzipped directory a gammapy {@code DataStore}. Products the
 * caller may not download yet are left out and named in the README. The plan (search, records, FITS
 * headers) is made first; the zip is then streamed file by file, never held in memory.
 */
@ApplicationScoped
public class Dl3Bundles {
  private static final System.Logger LOG = System.getLogger(Dl3Bundles.class.getName());
  private Searching searching;
  private Storage storage;
  private Clock clock;
  private AccessSettings settings;
  private GadfFiles fits;

  protected Dl3Bundles() {}

  @Inject
  public Dl3Bundles(
      Searching searching, Storage storage, Clock clock, AccessSettings settings, GadfFiles fits) {
    this.searching = searching;
    this.storage = storage;
    this.clock = clock;
    this.settings = settings;
    this.fits = fits;
  }

  /**
   * A bundle request.
   *
   * @param query the search; its page, size and order are not used
   * @param criteria the search as the caller wrote it, for the README
   */
  public record Request(SearchQuery query, Map<String, String> criteria, Caller caller) {
    public Request {
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(criteria, "criteria");
      Objects.requireNonNull(caller, "caller");
    }
  }

  /**
   * Plans the bundle of a search.
   *
   * @throws ArchiveException {@link ErrorCode#BAD_BUNDLE_REQUEST} if more products match than a
   *     bundle may hold ({@code archive.access.bundle.max-products})
   */
  public Dl3Bundle prepare(Request request) {
    Instant now = clock.instant();
    List<String> ids = matchingProducts(request.query());
    List<Dl3Bundle.Member> members = new ArrayList<>();
    List<Dl3Bundle.Embargoed> embargoed = new ArrayList<>();
    List<Dl3Bundle.Skipped> skipped = new ArrayList<>();
    List<HduRow> hduRows = new ArrayList<>();
    List<GadfFiles.Observation> observations = new ArrayList<>();
    Map<Long, String> productOfObservation = new LinkedHashMap<>();
    for (String id : ids) {
      Optional<AipVersion> head = storage.head(new ProductId(id));
      if (head.isEmpty()) {
        skipped.add(new Dl3Bundle.Skipped(id, "catalogued but not found in storage"));
        continue;
      }
      DescriptiveRecord record = record(head.get());
      if (!record.embargo().mayDownload(request.caller(), now)) {
        embargoed.add(new Dl3Bundle.Embargoed(id, record.embargo().releaseDate().orElseThrow()));
        continue;
      }
      Dl3Product product = Dl3Product.read(head.get(), record, fits);
      Optional<String> problem =
          product.problem().or(() -> alreadyBundled(product, productOfObservation));
      if (problem.isPresent()) {
        skipped.add(new Dl3Bundle.Skipped(id, problem.get()));
        continue;
      }
      product.obsIds().forEach(o -> productOfObservation.put(o, id));
      members.add(product.member());
      hduRows.addAll(product.hduRows());
      observations.addAll(product.observations());
    }
    return new Dl3Bundle(
        now,
        request.caller().getName(),
        request.criteria(),
        ids.size(),
        members,
        embargoed,
        skipped,
        hduRows.isEmpty() ? Optional.empty() : Optional.of(fits.hduIndex(hduRows)),
        observations.isEmpty() ? Optional.empty() : Optional.of(fits.obsIndex(observations)));
  }

  /** Why a product's observation cannot go in: another product brought the same OBS_ID. */
  private static Optional<String> alreadyBundled(
      Dl3Product product, Map<Long, String> productOfObservation) {
    return product.obsIds().stream()
        .filter(productOfObservation::containsKey)
        .findFirst()
        .map(
            o ->
                "OBS_ID "
                    + o
                    + " is already in the bundle from product "
                    + productOfObservation.get(o));
  }

  /** Ids of the products of the search that hold DL3 event lists, in product id order. */
  private List<String> matchingProducts(SearchQuery query) {
    int max = settings.bundleMaxProducts();
    SearchQuery dl3 = query.onlyEventLists().sortedBy(SearchQuery.Sort.PRODUCT_ID);
    Set<String> ids = new LinkedHashSet<>();
    for (int page = 1; ; page++) {
      SearchResult result = searching.search(dl3.page(page, SearchQuery.MAX_SIZE));
      if (result.total() > max) {
        throw new ArchiveException(
            ErrorCode.BAD_BUNDLE_REQUEST,
            result.total()
                + " DL3 products match this search; a bundle holds at most "
                + max
                + ": narrow the search (target, from/to, ra/dec/radius, instrument, site, year)");
      }
      result.hits().forEach(h -> ids.add(h.productId()));
      if (result.hits().size() < SearchQuery.MAX_SIZE || ids.size() >= result.total()) {
        return List.copyOf(ids);
      }
    }
  }

  /**
   * Writes the bundle as a zip: the README, the index tables, then every file as archived. The
   * sha512 of each file is checked as it streams; a file that no longer has its archived digest
   * breaks the zip off (the download fails) rather than deliver wrong bytes.
   */
  public void write(Dl3Bundle bundle, OutputStream out) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      putSmall(
          zip, Dl3Bundle.ROOT + "README.txt", bundle.readme().getBytes(StandardCharsets.UTF_8));
      if (bundle.obsIndex().isPresent()) {
        putSmall(zip, Dl3Bundle.ROOT + "obs-index.fits.gz", bundle.obsIndex().get());
      }
      if (bundle.hduIndex().isPresent()) {
        putSmall(zip, Dl3Bundle.ROOT + "hdu-index.fits.gz", bundle.hduIndex().get());
      }
      for (Dl3Bundle.BundledFile file : bundle.files()) {
        ZipEntry entry = new ZipEntry(file.zipPath());
        // compressed FITS gains nothing from deflating again
        zip.setLevel(
            file.zipPath().endsWith(".gz") || file.zipPath().endsWith(".fz")
                ? Deflater.NO_COMPRESSION
                : Deflater.BEST_SPEED);
        zip.putNextEntry(entry);
        MessageDigest sha512 = sha512();
        try (InputStream in =
            new DigestInputStream(Files.newInputStream(file.location()), sha512)) {
          in.transferTo(zip);
        }
        String actual = HexFormat.of().formatHex(sha512.digest());
        if (!actual.equals(file.sha512())) {
          LOG.log(
              System.Logger.Level.ERROR,
              "{0} {1} has sha512 {2}, archived as {3}: the bundle is broken off",
              ErrorCode.STORAGE_FAILURE.id(),
              file.location(),
              actual,
              file.sha512());
          throw new IOException(
              "A stored file does not have its archived digest: " + file.zipPath());
        }
        zip.closeEntry();
      }
    }
  }

  /** A small entry, stored (its CRC is computed up front). */
  private static void putSmall(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    entry.setCompressedSize(bytes.length);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  private static DescriptiveRecord record(AipVersion head) {
    StoredFile file =
        head.file("metadata/descriptive.json")
            .orElseThrow(
                () -> new IllegalStateException(head.productId() + " has no descriptive record"));
    try {
      return DescriptiveRecord.fromJson(Files.readAllBytes(file.location()));
    } catch (IOException e) {
      throw new ArchiveException(
          ErrorCode.STORAGE_FAILURE, "Cannot read the record of " + head.productId(), null, e);
    }
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
