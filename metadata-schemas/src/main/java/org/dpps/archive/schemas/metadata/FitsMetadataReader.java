package org.dpps.archive.schemas.metadata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * Reads the {@link ProductMetadata} of a FITS file (plain or gzip-compressed, detected by its magic
 * bytes) from its headers only: data units are skipped, never read or allocated, so a header that
 * claims gigabytes of data costs nothing but a seek (or, for gzip, a streamed decompression).
 *
 * <p>From the primary header (or, if it has none, the first header that has some) the CTAO
 * reference metadata written as {@code HIERARCH CTA ...} cards; from the first {@code
 * HDUCLAS1=EVENTS} HDU (else the HDU with most GADF observation keys) the GADF observation keys;
 * from every extension its class ({@code HDUCLAS4}, else {@code HDUCLAS2}, of {@code RESPONSE}
 * HDUs; else {@code HDUCLAS1}; else {@code EXTNAME}; extensions with none are not listed). Bytes
 * after the last complete HDU that do not start an extension are ignored, as the FITS standard
 * allows.
 *
 * <p>Limits: at most {@value #MAX_HDUS} HDUs, {@value #MAX_CARDS_PER_HEADER} cards per header and
 * {@value #MAX_TOTAL_CARDS} cards in all; beyond any of them the file is refused. Stateless and
 * thread-safe.
 *
 * <p>The work is shared with package-private helpers: {@code FitsHeaderScanner} walks the HDUs and
 * parses their headers (with {@code FitsDataSize} for the size of each data unit to skip, {@code
 * FitsByteSources} for plain or gzip input and {@code RawHierarch} for {@code HIERARCH} cards);
 * this class chooses which headers the metadata is taken from and maps them with {@code
 * MetadataMapping}.
 */
public final class FitsMetadataReader {

  /** Most HDUs a file may have. */
  public static final int MAX_HDUS = 1000;

  /** Most 80-character cards one header may have before its {@code END} card. */
  public static final int MAX_CARDS_PER_HEADER = 10_000;

  /** Most cards all headers of a file may have together (8 MB of header text). */
  public static final int MAX_TOTAL_CARDS = 100_000;

  /** Creates a reader. */
  public FitsMetadataReader() {
    // stateless
  }

  /**
   * Whether the bytes start like a FITS primary header ({@code SIMPLE =}).
   *
   * @param first80 the first bytes of a file (at least 9 are needed; fewer give {@code false})
   */
  public static boolean looksLikeFits(byte[] first80) {
    Objects.requireNonNull(first80, "first80");
    return FitsHeaderScanner.startsWith(first80, first80.length, "SIMPLE  =");
  }

  /**
   * Reads the headers of a FITS file.
   *
   * @param file a FITS file, optionally gzip-compressed
   * @return the metadata found (fields absent when the headers lack them)
   * @throws ArchiveException {@link ErrorCode#FORMAT_INVALID} if the file is not FITS, is
   *     truncated, is corrupt or exceeds the HDU/card limits
   */
  public ProductMetadata read(Path file) {
    Objects.requireNonNull(file, "file");
    List<Map<String, String>> hdus = FitsHeaderScanner.readHeaders(file);
    return toMetadata(hdus);
  }

  private static ProductMetadata toMetadata(List<Map<String, String>> hdus) {
    Map<String, String> reference = hdus.get(0);
    if (reference.keySet().stream().noneMatch(MetadataMapping::isReferenceKey)) {
      reference =
          hdus.stream()
              .filter(h -> h.keySet().stream().anyMatch(MetadataMapping::isReferenceKey))
              .findFirst()
              .orElse(reference);
    }

    Map<String, String> events = null;
    for (int i = 1; i < hdus.size(); i++) {
      if ("EVENTS".equalsIgnoreCase(hdus.get(i).getOrDefault("HDUCLAS1", "").strip())) {
        events = hdus.get(i);
        break;
      }
    }
    Map<String, String> observation = events;
    if (observation == null) {
      int best = 0;
      for (Map<String, String> h : hdus) {
        int count = (int) MetadataMapping.GADF_KEYS.stream().filter(h::containsKey).count();
        if (count > best) {
          best = count;
          observation = h;
        }
      }
    }
    boolean gadfEvents =
        events != null && "GADF".equalsIgnoreCase(events.getOrDefault("HDUCLASS", "").strip());
    observation = withEnergyThresholds(observation, hdus);

    List<String> classes = new ArrayList<>();
    for (int i = 1; i < hdus.size(); i++) {
      hduClass(hdus.get(i)).ifPresent(classes::add);
    }
    return MetadataMapping.build(
        reference, observation == null ? Map.of() : observation, classes, gadfEvents);
  }

  /**
   * The observation header with the safe energy range of the effective area ({@code LO_THRES} and
   * {@code HI_THRES}, TeV, optional GADF keys of {@code AEFF_2D}) when the file has one and the
   * observation header does not say it itself.
   */
  private static Map<String, String> withEnergyThresholds(
      Map<String, String> observation, List<Map<String, String>> hdus) {
    for (Map<String, String> h : hdus) {
      boolean aeff =
          "EFF_AREA".equalsIgnoreCase(h.getOrDefault("HDUCLAS2", "").strip())
              || "AEFF_2D".equalsIgnoreCase(h.getOrDefault("HDUCLAS4", "").strip());
      if (aeff && (h.containsKey("LO_THRES") || h.containsKey("HI_THRES"))) {
        Map<String, String> merged =
            new java.util.LinkedHashMap<>(observation == null ? Map.of() : observation);
        for (String key : List.of("LO_THRES", "HI_THRES")) {
          if (h.containsKey(key)) {
            merged.putIfAbsent(key, h.get(key));
          }
        }
        return merged;
      }
    }
    return observation;
  }

  /**
   * The class of an extension. GADF IRFs ({@code HDUCLAS1=RESPONSE}) carry the IRF kind in {@code
   * HDUCLAS2} ({@code EFF_AREA}, {@code EDISP}, {@code PSF}, {@code BKG}, {@code RAD_MAX}) and the
   * exact format in {@code HDUCLAS4} ({@code AEFF_2D}, {@code EDISP_2D}, {@code PSF_TABLE}, {@code
   * BKG_2D}, {@code RAD_MAX_2D}...): the format is reported, else the kind.
   */
  private static Optional<String> hduClass(Map<String, String> h) {
    String c1 = h.getOrDefault("HDUCLAS1", "").strip();
    String c2 = h.getOrDefault("HDUCLAS2", "").strip();
    String c4 = h.getOrDefault("HDUCLAS4", "").strip();
    if (c1.equalsIgnoreCase("RESPONSE")) {
      if (!c4.isEmpty()) {
        return Optional.of(c4);
      }
      if (!c2.isEmpty()) {
        return Optional.of(c2);
      }
    }
    if (!c1.isEmpty()) {
      return Optional.of(c1);
    }
    String extname = h.getOrDefault("EXTNAME", "").strip();
    return extname.isEmpty() ? Optional.empty() : Optional.of(extname);
  }
}
