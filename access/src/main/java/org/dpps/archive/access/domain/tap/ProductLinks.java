package org.dpps.archive.access.domain.tap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.model.ProductId;

/**
 * The DataLink rows of a product: which links it has and what they say. Pure: the same record,
 * access and progenitors always give the same rows.
 *
 * <ul>
 *   <li>{@code #this}: each payload file ({@code /api/v1/products/<id>/files/<path>}), with its
 *       media type and size;
 *   <li>{@code #calibration}: a FITS file of a product whose HDUs include IRFs (GADF full-enclosure
 *       or point-like: AEFF, EDISP, PSF, BKG, RAD_MAX) links the same file again, its description
 *       naming the IRF HDU classes ({@code local_semantics} {@code irf});
 *   <li>{@code #progenitor}: the DataLink document of each product this one was derived from;
 *   <li>{@code #auxiliary}: the AIP as a zip and the provenance (Turtle);
 *   <li>{@code #auxiliary} with {@code local_semantics} {@code dl3-bundle}: for a DL3 observation,
 *       the gammapy-ready bundle of the DL3 observations of its target that overlap its mid-time
 *       (normally this one alone). The current DataLink vocabulary's {@code #package} would fit
 *       better, but STILTS datalinklint 3.4.7 (Debian 12) knows only the older core terms and
 *       reports it as an error: see {@link #BUNDLE_SEMANTICS}.
 * </ul>
 *
 * <p>Embargo: links to the content (files, AIP, bundle) keep their URL while the product is under
 * embargo; they say {@code link_auth=required}, whether this caller may use them ({@code
 * link_authorized}), and their description names the release date and the group. A download without
 * the right token is refused (401 or 403). (DataLink 1.1 has no fault for "needs authentication":
 * STILTS datalinklint accepts only NotFound, Usage, Transient, Fatal and Default faults, and a
 * member who fetched the document anonymously can still use the links with a token.)
 *
 * @param publication the identifiers and the public URL
 */
public record ProductLinks(ObsCorePublication publication) {

  /**
   * The semantics of the DL3 bundle link: {@code #auxiliary} until the validators in use know
   * {@code #package}.
   */
  public static final String BUNDLE_SEMANTICS = "#auxiliary";

  /** The IRF HDU classes (GADF {@code HDUCLAS4} or {@code HDUCLAS2}) by their prefixes. */
  static final List<String> IRF_PREFIXES =
      List.of("AEFF", "EFF_AREA", "EDISP", "PSF", "BKG", "RAD_MAX");

  /**
   * How a product's embargo applies to the caller.
   *
   * @param embargoedUntil the release date while it is in the future, else null
   * @param accessGroup the group that may download it during the embargo
   * @param downloadable whether the caller may download its content now
   */
  public record Access(String embargoedUntil, String accessGroup, boolean downloadable) {}

  public ProductLinks {
    Objects.requireNonNull(publication, "publication");
  }

  /** The product a publisher DID names, or empty for an ID that is not one of ours. */
  public Optional<ProductId> productId(String did) {
    if (did == null) {
      return Optional.empty();
    }
    String prefix = publication.publisherDid("");
    String given = did.strip();
    if (given.length() <= prefix.length()
        || !given.substring(0, prefix.length()).equalsIgnoreCase(prefix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ProductId(given.substring(prefix.length())));
    } catch (ArchiveException e) {
      return Optional.empty();
    }
  }

  /** The rows of a product for the identifier {@code id} the client gave. */
  public List<DataLink> links(
      String id, DescriptiveRecord r, Access access, List<String> progenitors) {
    String product = url("/api/v1/products/" + segment(r.productId()));
    boolean embargoed = access.embargoedUntil() != null;
    String auth = embargoed ? "required" : "false";
    String note =
        embargoed
            ? " Under embargo until "
                + access.embargoedUntil()
                + ": a bearer token of group '"
                + access.accessGroup()
                + "' or the archivist role is needed to download it."
            : "";
    List<DataLink> links = new ArrayList<>();
    List<String> irfs = irfClasses(r.hduClasses());
    boolean events = r.hduClasses().stream().anyMatch(c -> c.equalsIgnoreCase("EVENTS"));
    for (DescriptiveRecord.FileEntry f : r.files()) {
      String href = product + "/files/" + path(f.path());
      String type = f.mediaType() == null ? "application/octet-stream" : f.mediaType();
      boolean fits = isFits(f);
      links.add(
          new DataLink(
              id,
              href,
              null,
              null,
              "#this",
              "File "
                  + f.path()
                  + (f.formatName() == null ? "" : " (" + f.formatName() + ")")
                  + note,
              type,
              f.size(),
              fits && events ? "event" : null,
              "file",
              auth,
              access.downloadable()));
      if (fits && !irfs.isEmpty()) {
        links.add(
            new DataLink(
                id,
                href,
                null,
                null,
                "#calibration",
                "Instrument response functions in HDUs of "
                    + f.path()
                    + ": "
                    + String.join(", ", irfs)
                    + note,
                type,
                f.size(),
                null,
                "irf",
                auth,
                access.downloadable()));
      }
    }
    for (String progenitor : progenitors) {
      links.add(
          new DataLink(
              id,
              publication.dataLinkUrl(progenitor),
              null,
              null,
              "#progenitor",
              "The links of product " + progenitor + ", which this product was derived from",
              DataLink.CONTENT_TYPE,
              null,
              null,
              "progenitor",
              "false",
              true));
    }
    links.add(
        new DataLink(
            id,
            product + "/aip",
            null,
            null,
            "#auxiliary",
            "The archival information package (BagIt bag as a zip): files, metadata, provenance"
                + " and PREMIS events"
                + note,
            "application/zip",
            null,
            null,
            "aip",
            auth,
            access.downloadable()));
    links.add(
        new DataLink(
            id,
            product + "/provenance",
            null,
            null,
            "#auxiliary",
            "The provenance of the product (PROV-O, upstream lineage)",
            "text/turtle",
            null,
            null,
            "provenance",
            "false",
            true));
    bundle(r)
        .ifPresent(
            query ->
                links.add(
                    new DataLink(
                        id,
                        url("/api/v1/bundles/dl3?" + query),
                        null,
                        null,
                        BUNDLE_SEMANTICS,
                        "A zip that gammapy opens as a data store: this DL3 observation (and any"
                            + " other of its target at the same time) with its index tables"
                            + note,
                        "application/zip",
                        null,
                        null,
                        "dl3-bundle",
                        auth,
                        access.downloadable())));
    return List.copyOf(links);
  }

  /** The IRF classes among a product's HDU classes, in their order, without repeats. */
  static List<String> irfClasses(List<String> hduClasses) {
    return hduClasses.stream()
        .map(c -> c.strip().toUpperCase(Locale.ROOT))
        .filter(c -> IRF_PREFIXES.stream().anyMatch(c::startsWith))
        .distinct()
        .toList();
  }

  /**
   * The bundle search that selects a DL3 observation: level DL3, its target, and the instant in the
   * middle of the observation (bundles take observations overlapping {@code from..to}).
   */
  static Optional<String> bundle(DescriptiveRecord r) {
    boolean dl3 = r.dataLevels().stream().anyMatch(l -> l.strip().equalsIgnoreCase("DL3"));
    Instant start = instant(r.timeStart());
    Instant stop = instant(r.timeStop());
    if (!dl3 || start == null || stop == null || stop.isBefore(start)) {
      return Optional.empty();
    }
    Instant middle = start.plus(Duration.between(start, stop).dividedBy(2));
    StringBuilder q = new StringBuilder("level=DL3");
    if (r.object() != null && !r.object().isBlank()) {
      q.append("&target=").append(encode(r.object()));
    }
    q.append("&from=").append(encode(middle.toString()));
    q.append("&to=").append(encode(middle.toString()));
    return Optional.of(q.toString());
  }

  private static boolean isFits(DescriptiveRecord.FileEntry f) {
    String p = f.path().toLowerCase(Locale.ROOT);
    return "application/fits".equals(f.mediaType())
        || p.endsWith(".fits")
        || p.endsWith(".fits.gz")
        || p.endsWith(".fits.fz");
  }

  private String url(String path) {
    return publication.publicUrl() + path;
  }

  private static String path(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/", -1)) {
      parts.add(segment(part));
    }
    return String.join("/", parts);
  }

  private static String segment(String text) {
    return encode(text).replace("+", "%20");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static Instant instant(String iso) {
    return ObsCorePublication.instant(iso);
  }
}
