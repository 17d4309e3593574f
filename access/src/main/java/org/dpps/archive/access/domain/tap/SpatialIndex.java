package org.dpps.archive.access.domain.tap;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The published tables whose positions have a zone index: for each (by qualified name, {@code
 * schema.table}), the physical RA and Dec columns (degrees, ICRS) and the unpublished zone column
 * {@code floor((dec + 90) / 0.5)}, indexed with RA. A cone search on these columns can be
 * prefiltered with the index before its exact test.
 */
public record SpatialIndex(Map<String, Columns> tables) {
  /** No table has a zone index. */
  public static final SpatialIndex NONE = new SpatialIndex(Map.of());

  public SpatialIndex {
    tables =
        tables.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
  }

  /**
   * The physical columns of one table's zone index.
   *
   * @param ra the RA column
   * @param dec the Dec column
   * @param zone the zone column (not published)
   */
  public record Columns(String ra, String dec, String zone) {
    public Columns {
      Objects.requireNonNull(ra, "ra");
      Objects.requireNonNull(dec, "dec");
      Objects.requireNonNull(zone, "zone");
      for (String c : new String[] {ra, dec, zone}) {
        if (!c.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
          throw new IllegalArgumentException("not a regular SQL identifier: " + c);
        }
      }
    }

    /** The zone of a declination (degrees). */
    public int zone(double dec) {
      return ObsCorePublication.zone(dec);
    }
  }

  /** The zone index of a table, if it has one. */
  public Optional<Columns> of(String qualifiedName) {
    return Optional.ofNullable(tables.get(qualifiedName.toLowerCase(Locale.ROOT)));
  }
}
