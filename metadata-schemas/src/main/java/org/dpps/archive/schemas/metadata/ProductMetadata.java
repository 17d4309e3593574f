package org.dpps.archive.schemas.metadata;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the archive knows about one data product from its own headers: the CTAO reference metadata
 * ({@code CTA PRODUCT ...}, {@code CTA ACTIVITY ...}, {@code CTA INSTRUMENT ...}) and the GADF DL3
 * observation headers. Every field is optional except {@link #headers()}, which keeps every key
 * read verbatim (reference metadata keys without the HIERARCH prefix, GADF keys as written).
 *
 * @param productId {@code CTA PRODUCT ID}
 * @param dataLevels {@code CTA PRODUCT DATA LEVELS} split on commas (or the older singular key);
 *     for GADF files without reference metadata, {@code DL3}
 * @param timeStart {@code TSTART} converted with {@code MJDREFI/MJDREFF} (or {@code DATE-OBS})
 * @param timeStop {@code TSTOP} converted likewise
 */
public record ProductMetadata(
    Optional<String> productId,
    Optional<String> description,
    List<String> dataLevels,
    Optional<String> dataCategory,
    Optional<String> dataAssociation,
    Optional<String> creationTime,
    Optional<String> processType,
    Optional<String> activityName,
    Optional<String> activityId,
    Optional<String> softwareName,
    Optional<String> softwareVersion,
    Optional<String> instrumentSite,
    Optional<Long> obsId,
    Optional<String> object,
    Optional<Double> raPnt,
    Optional<Double> decPnt,
    Optional<Instant> timeStart,
    Optional<Instant> timeStop,
    Optional<Double> ontime,
    Optional<Double> livetime,
    Optional<String> telescope,
    Optional<String> instrument,
    List<String> hduClasses,
    Map<String, String> headers) {

  public ProductMetadata {
    Objects.requireNonNull(productId);
    Objects.requireNonNull(description);
    dataLevels = List.copyOf(dataLevels);
    Objects.requireNonNull(dataCategory);
    Objects.requireNonNull(dataAssociation);
    Objects.requireNonNull(creationTime);
    Objects.requireNonNull(processType);
    Objects.requireNonNull(activityName);
    Objects.requireNonNull(activityId);
    Objects.requireNonNull(softwareName);
    Objects.requireNonNull(softwareVersion);
    Objects.requireNonNull(instrumentSite);
    Objects.requireNonNull(obsId);
    Objects.requireNonNull(object);
    Objects.requireNonNull(raPnt);
    Objects.requireNonNull(decPnt);
    Objects.requireNonNull(timeStart);
    Objects.requireNonNull(timeStop);
    Objects.requireNonNull(ontime);
    Objects.requireNonNull(livetime);
    Objects.requireNonNull(telescope);
    Objects.requireNonNull(instrument);
    hduClasses = List.copyOf(hduClasses);
    headers = Map.copyOf(headers);
  }

  /** Metadata of a file the archive cannot read headers from (any non-FITS/HDF5 file). */
  public static ProductMetadata empty() {
    return new ProductMetadata(
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Map.of());
  }
}
