package org.dpps.archive.planning.domain;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Profile facts of one FITS file, as found by {@link FitsProfiling}.
 *
 * @param tags the facts found, sorted: {@code tile-compressed}, {@code uncompressed-image}, {@code
 *     table}, {@code gzip}, {@code gadf-X.Y}
 * @param hdus the number of HDUs in the file
 */
public record FitsProfile(Set<String> tags, int hdus) {

  /** Keeps an unmodifiable, sorted copy of the tags. */
  public FitsProfile {
    Objects.requireNonNull(tags, "tags");
    if (hdus < 0) {
      throw new IllegalArgumentException("hdus must not be negative: " + hdus);
    }
    tags = Collections.unmodifiableSortedSet(new TreeSet<>(tags));
  }
}
