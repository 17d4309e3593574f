package org.dpps.archive.schemas.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * The identity of a data product: its {@code CTA PRODUCT ID} (a UUID as ctapipe writes it) or, for
 * a file without one, {@code sha256-<hex>} of its content. Safe to use in URLs and file names.
 */
public record ProductId(String value) {
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final String OCFL_PREFIX = "urn:ctao:product:";

  public ProductId {
    Objects.requireNonNull(value, "value");
    if (!ALLOWED.matcher(value).matches()) {
      throw new ArchiveException(
          ErrorCode.FORMAT_INVALID,
          "Product id must be 1-128 characters of letters, digits, '.', '_', ':' or '-': " + value);
    }
  }

  /** Parses a product id given in a request; an invalid one is simply not found. */
  public static ProductId parse(String value) {
    try {
      return new ProductId(value);
    } catch (ArchiveException e) {
      throw new ArchiveException(ErrorCode.PRODUCT_NOT_FOUND, "No product " + value);
    }
  }

  /** The deterministic id of a product known only by its bytes. */
  public static ProductId fromSha256(String sha256Hex) {
    return new ProductId("sha256-" + sha256Hex.toLowerCase(Locale.ROOT));
  }

  /** The identifier of this product's object in the OCFL storage root. */
  public String ocflObjectId() {
    return OCFL_PREFIX + value;
  }

  /** The product id of an OCFL object id written by {@link #ocflObjectId()}, if it is one. */
  public static java.util.Optional<ProductId> fromOcflObjectId(String objectId) {
    if (!objectId.startsWith(OCFL_PREFIX)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new ProductId(objectId.substring(OCFL_PREFIX.length())));
  }

  @Override
  public String toString() {
    return value;
  }
}
