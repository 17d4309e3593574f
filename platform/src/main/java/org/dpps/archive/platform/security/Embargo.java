package org.dpps.archive.platform.security;

import java.time.Instant;
import java.util.Optional;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * The embargo of a product: until its release date only archivists and members of its access group
 * may download it. Metadata and provenance stay public. A product without a release date (deposited
 * before embargoes existed) is public.
 *
 * @param productId the product, named in the refusal
 * @param embargoUntil the release date as the descriptive record has it (ISO instant), or null
 * @param accessGroup the group whose members may download before the release date
 */
public record Embargo(String productId, String embargoUntil, String accessGroup) {

  public Optional<Instant> releaseDate() {
    return Optional.ofNullable(embargoUntil).map(Instant::parse);
  }

  public boolean released(Instant now) {
    return releaseDate().map(d -> !now.isBefore(d)).orElse(true);
  }

  public boolean mayDownload(Caller caller, Instant now) {
    return released(now) || caller.has(Role.ARCHIVIST) || caller.inGroup(accessGroup);
  }

  /**
   * Throws {@link ErrorCode#EMBARGOED} (403) when the caller may not download the product, or
   * {@link ErrorCode#UNAUTHENTICATED} (401) when an anonymous caller could with a token.
   */
  public void checkDownload(Caller caller, Instant now) {
    if (mayDownload(caller, now)) {
      return;
    }
    String message =
        "Product "
            + productId
            + " is under embargo until "
            + embargoUntil
            + "; downloads need membership of group '"
            + accessGroup
            + "' or the archivist role";
    throw new ArchiveException(
        caller.anonymous() ? ErrorCode.UNAUTHENTICATED : ErrorCode.EMBARGOED, message);
  }
}
