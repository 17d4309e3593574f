package org.dpps.archive.access.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.dpps.archive.access.domain.tap.ObsCorePublication;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Typed configuration of the IVOA interfaces (TAP, ObsCore, DataLink). Keys:
 *
 * <ul>
 *   <li>{@code archive.public-url} (default {@code http://localhost:8080}): the archive's address
 *       as clients see it; ObsCore's {@code access_url} and DataLink's links start with it.
 *   <li>{@code archive.ivoa.authority} (default {@code ctao.dpps}): the IVOA authority of the
 *       publisher DIDs ({@code ivo://<authority>/products?<product id>}). Set it to the registered
 *       authority before the first product is published: DIDs are meant to be stable.
 *   <li>{@code archive.ivoa.collection} (default {@code CTAO}): the prefix of {@code
 *       obs_collection}.
 *   <li>{@code archive.ivoa.fov-deg} (default 10): the field of view's diameter in degrees, for
 *       {@code s_fov} and {@code s_region} (product headers do not give it).
 * </ul>
 */
@ApplicationScoped
public class TapSettings {
  static final String DEFAULT_PUBLIC_URL = "http://localhost:8080";
  static final String DEFAULT_AUTHORITY = "ctao.dpps";
  private ObsCorePublication publication;

  protected TapSettings() {}

  @Inject
  public TapSettings(
      @ConfigProperty(name = "archive.public-url", defaultValue = DEFAULT_PUBLIC_URL)
          String publicUrl,
      @ConfigProperty(name = "archive.ivoa.authority", defaultValue = DEFAULT_AUTHORITY)
          String authority,
      @ConfigProperty(name = "archive.ivoa.collection", defaultValue = "CTAO") String collection,
      @ConfigProperty(name = "archive.ivoa.fov-deg", defaultValue = "10") double fovDegrees) {
    this.publication = new ObsCorePublication(authority, publicUrl, collection, fovDegrees);
  }

  /** Settings with the defaults, for tests and tools. */
  public static TapSettings defaults() {
    return new TapSettings(DEFAULT_PUBLIC_URL, DEFAULT_AUTHORITY, "CTAO", 10);
  }

  /** How products become ObsCore rows. */
  @Produces
  public ObsCorePublication publication() {
    return publication;
  }
}
