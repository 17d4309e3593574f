package org.dpps.archive.access.domain;

import java.util.Objects;
import org.dpps.archive.schemas.model.DescriptiveRecord;

/**
 * A product as the catalogue holds it: the descriptive record of the head version of its AIP.
 *
 * @param version the AIP version the record is from
 */
public record CatalogueEntry(DescriptiveRecord record, int version) {
  public CatalogueEntry {
    Objects.requireNonNull(record, "record");
  }
}
