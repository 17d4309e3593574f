package org.dpps.archive.schemas.security;

import java.time.Instant;
import java.util.Optional;
import org.dpps.archive.schemas.error.ArchiveException;
import org.dpps.archive.schemas.error.ErrorCode;
import org.dpps.archive.schemas.model.DescriptiveRecord;

/**
 * The embargo of a product: until its release date ({@code embargoUntil} of its descriptive record)
 * only archivists and members of its {@code accessGroup} may download it. Metadata and provenance
 * stay public. Records without a release date (deposited before embargoes existed) are public.
 */
public final class Embargo {
  private Embargo() {}

  public static Optional<Instant> releaseDate(DescriptiveRecord record) {
    return Optional.ofNullable(record.embargoUntil()).map(Instant::parse);
  }

  public static boolean released(DescriptiveRecord record, Instant now) {
    return releaseDate(record).map(d -> !now.isBefore(d)).orElse(true);
  }

  public static boolean mayDownload(Caller caller, DescriptiveRecord record, Instant now) {
    return released(record, now)
        || caller.has(Role.ARCHIVIST)
        || caller.inGroup(record.accessGroup());
  }

  /**
   * Throws {@link ErrorCode#EMBARGOED} (403) when the caller may not download the product, or
   * {@link ErrorCode#UNAUTHENTICATED} (401) when an anonymous caller could with a token.
   */
  public static void checkDownload(Caller caller, DescriptiveRecord record, Instant now) {
    if (mayDownload(caller, record, now)) {
      return;
    }
    String message =
        "Product "
            + record.productId()
            + " is under embargo until "
            + record.embargoUntil()
            + "; downloads need membership of group '"
            + record.accessGroup()
            + "' or the archivist role";
    throw new ArchiveException(
        caller.anonymous() ? ErrorCode.UNAUTHENTICATED : ErrorCode.EMBARGOED, message);
  }
}
