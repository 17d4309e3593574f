package org.dpps.archive.access.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Typed configuration of access. Keys: {@code archive.access.bundle.max-products} (default 5000):
 * the most products one DL3 bundle may hold; a search that matches more is refused ({@code
 * ACCESS-009}) and must be narrowed.
 */
@ApplicationScoped
public class AccessSettings {
  static final int DEFAULT_BUNDLE_MAX_PRODUCTS = 5000;
  private int bundleMaxProducts;

  protected AccessSettings() {}

  @Inject
  public AccessSettings(
      @ConfigProperty(name = "archive.access.bundle.max-products", defaultValue = "5000")
          int bundleMaxProducts) {
    if (bundleMaxProducts < 1) {
      throw new IllegalArgumentException("archive.access.bundle.max-products must be 1 or more");
    }
    this.bundleMaxProducts = bundleMaxProducts;
  }

  /** Settings with the defaults, for tests and tools. */
  public static AccessSettings defaults() {
    return new AccessSettings(DEFAULT_BUNDLE_MAX_PRODUCTS);
  }

  public int bundleMaxProducts() {
    return bundleMaxProducts;
  }
}
