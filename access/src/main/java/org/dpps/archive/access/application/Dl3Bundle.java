package org.dpps.archive.access.application;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A planned DL3 bundle: which products and files go in, which were left out and why, and the
 * gammapy index tables. Planned in full before a byte is sent, so that a refused request is a
 * problem answer and never a broken zip; the files themselves are only read while streaming.
 *
 * @param matched products of the search that hold DL3 event lists
 * @param hduIndex {@code hdu-index.fits.gz}, empty when no observation is in the bundle
 * @param obsIndex {@code obs-index.fits.gz}, empty when no observation is in the bundle
 */
public record Dl3Bundle(
    Instant createdAt,
    String requestedBy,
    Map<String, String> criteria,
    long matched,
    List<Member> members,
    List<Embargoed> embargoed,
    List<Skipped> skipped,
    Optional<byte[]> hduIndex,
    Optional<byte[]> obsIndex) {

  /** Top directory of the zip: the gammapy data store. */
  public static final String ROOT = "dl3/";

  public Dl3Bundle {
    criteria = Collections.unmodifiableMap(new LinkedHashMap<>(criteria));
    members = List.copyOf(members);
    embargoed = List.copyOf(embargoed);
    skipped = List.copyOf(skipped);
  }

  /** A product in the bundle: its observations and the files that hold their HDUs. */
  public record Member(String productId, List<Long> obsIds, List<BundledFile> files) {}

  /**
   * A file of the bundle.
   *
   * @param zipPath path in the zip (under {@link #ROOT})
   * @param location the stored file
   */
  public record BundledFile(String zipPath, Path location, long size, String sha512) {}

  /** A product the caller may not download yet. */
  public record Embargoed(String productId, Instant releaseDate) {}

  /** A product that matched but cannot be used by gammapy, and why. */
  public record Skipped(String productId, String reason) {}

  public long observationCount() {
    return members.stream().mapToLong(m -> m.obsIds().size()).sum();
  }

  public List<BundledFile> files() {
    return members.stream().flatMap(m -> m.files().stream()).toList();
  }

  /** {@code dl3-bundle-20261124T053000Z.zip}. */
  public String fileName() {
    return "dl3-bundle-"
        + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(createdAt)
        + ".zip";
  }

  /** The README of the bundle: the request, the counts, the contents, what was left out. */
  public String readme() {
    StringBuilder r = new StringBuilder();
    long bytes = files().stream().mapToLong(BundledFile::size).sum();
    r.append("DL3 bundle of the DPPS preservation archive\n")
        .append("===========================================\n\n")
        .append("Created:      ")
        .append(createdAt)
        .append('\n')
        .append("Requested by: ")
        .append(requestedBy)
        .append('\n')
        .append("Search:       ")
        .append(criteria.isEmpty() ? "(everything)" : criteria(criteria))
        .append('\n')
        .append("Matched:      ")
        .append(matched)
        .append(" products with DL3 event lists\n")
        .append("Included:     ")
        .append(members.size())
        .append(" products, ")
        .append(observationCount())
        .append(" observations, ")
        .append(files().size())
        .append(" files, ")
        .append(bytes)
        .append(" bytes\n")
        .append("Left out:     ")
        .append(embargoed.size())
        .append(" under embargo, ")
        .append(skipped.size())
        .append(" not usable\n\n");
    if (members.isEmpty()) {
      r.append(
          "No DL3 observation matched this search (or none may be downloaded yet): the bundle\n"
              + "holds only this file, and no index tables.\n\n");
    } else {
      r.append("Open it with gammapy:\n\n")
          .append("    from gammapy.data import DataStore\n")
          .append("    data_store = DataStore.from_dir(\"dl3\")\n")
          .append("    observations = data_store.get_observations()\n")
          .append(
              "    # event lists without IRFs: data_store.get_observations(required_irf=[])\n\n")
          .append("Layout:\n")
          .append("    dl3/README.txt                 this file\n")
          .append("    dl3/obs-index.fits.gz          OBS_INDEX, one row per observation\n")
          .append("    dl3/hdu-index.fits.gz          HDU_INDEX, one row per HDU of each\n")
          .append("                                   observation (events, gti, IRFs)\n")
          .append("    dl3/data/<product>/<file>      the files as archived, byte for byte\n\n")
          .append("Files (sha512 of the archived bytes):\n");
      for (Member m : members) {
        for (BundledFile f : m.files()) {
          r.append("    ").append(f.sha512()).append("  ").append(f.zipPath()).append('\n');
        }
      }
      r.append('\n');
    }
    if (!embargoed.isEmpty()) {
      r.append(
          "Under embargo, not included (download needs membership of the product's group or\n"
              + "the archivist role until the release date):\n");
      embargoed.forEach(
          e ->
              r.append("    ")
                  .append(e.productId())
                  .append("  released ")
                  .append(e.releaseDate())
                  .append('\n'));
      r.append('\n');
    }
    if (!skipped.isEmpty()) {
      r.append("Not usable by gammapy, not included:\n");
      skipped.forEach(
          s -> r.append("    ").append(s.productId()).append("  ").append(s.reason()).append('\n'));
      r.append('\n');
    }
    return r.toString();
  }

  private static String criteria(Map<String, String> criteria) {
    StringBuilder s = new StringBuilder();
    criteria.forEach(
        (k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(v));
    return s.toString();
  }
}
