package org.dpps.archive.planning.domain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The significant-property check of a FITS migration: same logical HDUs, same header values except
 * compression/structural/checksum keywords, same decoded data. Stateless and thread-safe.
 */
public interface FitsComparison {

  /**
   * Compares a FITS file with its migration.
   *
   * @param original the file before migration (plain or gzip-compressed FITS)
   * @param migrated the file after migration (plain or gzip-compressed FITS)
   * @return the report; {@link Report#equivalent()} if no significant property differs
   * @throws IOException if either file cannot be read or is not valid FITS
   */
  Report compare(Path original, Path migrated) throws IOException;

  /**
   * Outcome of a comparison.
   *
   * @param equivalent whether no difference was found
   * @param differences one short human-readable line per difference, e.g. {@code HDU 1 (EVENTS):
   *     header OBJECT 'Crab' != 'Crab Nebula'}
   * @param original the logical HDUs of the original file
   * @param migrated the logical HDUs of the migrated file
   */
  record Report(
      boolean equivalent,
      List<String> differences,
      List<HduSummary> original,
      List<HduSummary> migrated) {

    /** Keeps unmodifiable copies; {@code equivalent} must mean no differences. */
    public Report {
      differences = List.copyOf(differences);
      original = List.copyOf(original);
      migrated = List.copyOf(migrated);
      if (equivalent != differences.isEmpty()) {
        throw new IllegalArgumentException("equivalent must be true exactly without differences");
      }
    }
  }

  /**
   * Significant properties of one logical HDU.
   *
   * @param index position among the logical HDUs (0 is the primary)
   * @param name EXTNAME without trailing blanks, or "" if none (or cfitsio's 'COMPRESSED_IMAGE')
   * @param kind {@code image}, {@code binary-table}, {@code ascii-table}, {@code header-only} or
   *     {@code other}
   * @param dataType images: {@code uint8}, {@code int16}, {@code int32}, {@code int64}, {@code
   *     float32} or {@code float64}; binary tables: the column types, e.g. {@code
   *     int32,float64,string[3],float32[2],var float32[]}; ASCII tables: the TFORMn; else ""
   * @param dimensions images: the axes, NAXIS1 first; tables: columns and rows; else empty
   * @param rows tables: the number of rows; else 0
   * @param dataSha256 SHA-256 (hex) of the decoded data values in FITS big-endian order: for images
   *     the stored values, i.e. the uncompressed data unit without padding; for tables each cell,
   *     row by row (numbers big-endian, logicals as T/F bytes, strings as 4-byte length and bytes,
   *     variable-length arrays preceded by their 4-byte length); every NaN (an undefined value,
   *     whatever its bit pattern) as the canonical NaN; the digest of nothing for header-only HDUs
   * @param headerCards number of header cards compared (structural, compression and checksum
   *     keywords excluded)
   */
  record HduSummary(
      int index,
      String name,
      String kind,
      String dataType,
      List<Integer> dimensions,
      long rows,
      String dataSha256,
      int headerCards) {

    /** Keeps an unmodifiable copy of the dimensions. */
    public HduSummary {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(dataType, "dataType");
      Objects.requireNonNull(dataSha256, "dataSha256");
      dimensions = List.copyOf(dimensions);
    }
  }
}
