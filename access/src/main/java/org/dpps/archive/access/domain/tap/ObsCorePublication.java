package org.dpps.archive.access.domain.tap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dpps.archive.schemas.model.DescriptiveRecord;

/**
 * How a product's descriptive record becomes its ObsCore, ObsCore-HEA and CTAO rows: which products
 * are published, their identifiers, and the unit conversions (times to MJD, energies to
 * wavelengths). Pure: the same record always gives the same rows.
 *
 * @param authority the IVOA authority of the publisher DIDs ({@code ivo://<authority>/products?id})
 * @param publicUrl the archive's public base URL, where {@code access_url} points
 * @param collection the prefix of {@code obs_collection} ({@code CTAO} gives {@code CTAO/DL3})
 * @param fovDegrees the field of view's diameter used for {@code s_fov} and {@code s_region}
 */
public record ObsCorePublication(
    String authority, String publicUrl, String collection, double fovDegrees) {

  /** hc in eV m (CODATA 2018): the wavelength of a photon of energy E eV is hc / E metres. */
  public static final double HC_EV_M = 1.239841984e-6;

  /** MJD of 1970-01-01T00:00:00 UTC. */
  static final double MJD_UNIX_EPOCH = 40587.0;

  /** The MIME type of a DataLink document, {@code access_format} of every row. */
  public static final String DATALINK_FORMAT = "application/x-votable+xml;content=datalink";

  /** Declination band height of the zone index (degrees); see docs/design/tap.md. */
  public static final double ZONE_HEIGHT = 0.5;

  public ObsCorePublication {
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(collection, "collection");
    if (authority.isBlank() || authority.contains("/") || authority.contains("?")) {
      throw new IllegalArgumentException("not an IVOA authority: " + authority);
    }
    publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    if (!(fovDegrees > 0 && fovDegrees <= 180)) {
      throw new IllegalArgumentException("the field of view must be in (0, 180] degrees");
    }
  }

  /** The publisher DID of a product. */
  public String publisherDid(String productId) {
    return "ivo://" + authority + "/products?" + productId;
  }

  /** The DataLink URL of a product: {@code access_url}. */
  public String dataLinkUrl(String productId) {
    return publicUrl
        + "/datalink/links?ID="
        + URLEncoder.encode(publisherDid(productId), StandardCharsets.UTF_8);
  }

  /**
   * The rows of a product, or empty when it is not an observation product: only products with a
   * CTAO data level (DL0 to DL5) are ObsCore datasets; other files (logs, documents) are not.
   */
  public Optional<ObsCoreRows> rows(DescriptiveRecord r, int version) {
    Optional<Integer> level = calibLevel(r.dataLevels());
    if (level.isEmpty()) {
      return Optional.empty();
    }
    String did = publisherDid(r.productId());
    String levels = String.join(",", r.dataLevels());
    String highest = highestLevel(r.dataLevels()).orElseThrow();
    Map<String, String> h = r.headers();

    Map<String, Object> o = new LinkedHashMap<>();
    o.put("product_id", r.productId());
    o.put("dataproduct_type", productType(highest, r.hduClasses()));
    o.put("dataproduct_subtype", r.dataCategory() == null ? levels : r.dataCategory());
    o.put("calib_level", level.get().shortValue());
    o.put("obs_collection", collection + "/" + highest);
    o.put("obs_id", r.obsId() != null ? Long.toString(r.obsId()) : r.productId());
    o.put("obs_title", r.description());
    o.put("obs_publisher_did", did);
    o.put("obs_creator_name", r.softwareName() != null ? r.softwareName() : r.pipeline());
    o.put("obs_release_date", releaseDate(r));
    o.put("access_url", dataLinkUrl(r.productId()));
    o.put("access_format", DATALINK_FORMAT);
    o.put("access_estsize", (r.totalSize() + 1023) / 1024);
    o.put("target_name", r.object());
    o.put("target_class", null);
    boolean pointed = r.raPnt() != null && r.decPnt() != null && validSky(r.raPnt(), r.decPnt());
    o.put("s_ra", pointed ? r.raPnt() : null);
    o.put("s_dec", pointed ? r.decPnt() : null);
    o.put("s_fov", pointed ? fovDegrees : null);
    o.put("s_region", pointed ? region(r.raPnt(), r.decPnt(), fovDegrees / 2) : null);
    o.put("s_resolution", null);
    o.put("s_xel1", null);
    o.put("s_xel2", null);
    o.put("t_min", mjd(r.timeStart()));
    o.put("t_max", mjd(r.timeStop()));
    o.put("t_exptime", r.livetime() != null ? r.livetime() : r.ontime());
    o.put("t_resolution", null);
    o.put("t_xel", null);
    // the safe energy range of the effective area (GADF AEFF_2D LO_THRES/HI_THRES, TeV)
    Double eMin = number(h, "LO_THRES");
    Double eMax = number(h, "HI_THRES");
    o.put("em_min", eMax == null || eMax <= 0 ? null : wavelength(eMax));
    o.put("em_max", eMin == null || eMin <= 0 ? null : wavelength(eMin));
    o.put("em_res_power", null);
    o.put("em_xel", null);
    o.put("em_ucd", "em.energy");
    o.put("o_ucd", "event".equals(o.get("dataproduct_type")) ? "phot.count" : null);
    o.put("pol_states", null);
    o.put("pol_xel", null);
    o.put("facility_name", r.telescope() != null ? r.telescope() : collection);
    o.put("instrument_name", r.instrument());
    o.put("s_zone", pointed ? zone(r.decPnt()) : null);
    o.put("access_group", r.accessGroup());
    o.put("catalogue_version", version);

    Map<String, Object> hea = new LinkedHashMap<>();
    hea.put("obs_publisher_did", did);
    hea.put("product_id", r.productId());
    hea.put("energy_min", eMin);
    hea.put("energy_max", eMax);
    hea.put("ev_xel", null);
    String mode = h.get("OBS_MODE");
    hea.put("tracking_mode", mode);
    hea.put("pointing_mode", null);
    hea.put("obs_mode", mode);
    hea.put("messenger", "photon");
    hea.put("event_type", null);

    Map<String, Object> c = new LinkedHashMap<>();
    c.put("obs_publisher_did", did);
    c.put("product_id", r.productId());
    c.put("obs_id", r.obsId());
    c.put("data_levels", levels);
    c.put("data_category", r.dataCategory());
    c.put("process_type", r.processType());
    c.put("activity_name", r.activityName());
    c.put("software_name", r.softwareName());
    c.put("software_version", r.softwareVersion());
    c.put("site", r.instrumentSite());
    c.put("telescope", r.telescope());
    c.put("instrument", r.instrument());
    Double nTels = number(h, "N_TELS");
    c.put("n_tels", nTels == null ? null : (int) Math.round(nTels));
    c.put("obs_mode", mode);
    c.put("ontime", r.ontime());
    c.put("livetime", r.livetime());
    c.put("deadc", number(h, "DEADC"));
    c.put("geolon", number(h, "GEOLON"));
    c.put("geolat", number(h, "GEOLAT"));
    c.put("altitude", number(h, "ALTITUDE"));
    c.put("hdu_classes", r.hduClasses().isEmpty() ? null : String.join(",", r.hduClasses()));
    c.put("version", version);
    return Optional.of(new ObsCoreRows(r.productId(), version, o, hea, c));
  }

  /** ObsCore's calib_level of the highest CTAO data level (DL0 0, DL1-DL2 1, DL3 2, ...). */
  static Optional<Integer> calibLevel(List<String> dataLevels) {
    return highestLevel(dataLevels)
        .map(
            l ->
                switch (l) {
                  case "DL0" -> 0;
                  case "DL1", "DL2" -> 1;
                  case "DL3" -> 2;
                  case "DL4" -> 3;
                  default -> 4;
                });
  }

  private static Optional<String> highestLevel(List<String> dataLevels) {
    return dataLevels.stream()
        .map(l -> l.strip().toUpperCase(Locale.ROOT))
        .map(l -> l.length() >= 3 ? l.substring(0, 3) : l)
        .filter(l -> l.matches("DL[0-5]"))
        .max(String::compareTo);
  }

  private static String productType(String level, List<String> hduClasses) {
    return switch (level) {
      case "DL0", "DL1", "DL2", "DL3" -> "event";
      case "DL4" ->
          hduClasses.stream().anyMatch(c -> c.toUpperCase(Locale.ROOT).contains("CUBE"))
              ? "cube"
              : "image";
      default -> "measurements";
    };
  }

  private static Instant releaseDate(DescriptiveRecord r) {
    Instant embargo = instant(r.embargoUntil());
    return embargo != null ? embargo : instant(r.depositedAt());
  }

  /** MJD (UTC) of an ISO-8601 instant, or null. */
  static Double mjd(String iso) {
    Instant t = instant(iso);
    if (t == null) {
      return null;
    }
    return MJD_UNIX_EPOCH + (t.getEpochSecond() + t.getNano() / 1e9) / 86_400.0;
  }

  /** The wavelength in metres of a photon of {@code teV} TeV. */
  static double wavelength(double teV) {
    return HC_EV_M / (teV * 1e12);
  }

  /** The declination band of the zone index. */
  public static int zone(double dec) {
    return (int) Math.floor((dec + 90.0) / ZONE_HEIGHT);
  }

  private static String region(double ra, double dec, double radius) {
    return String.format(Locale.ROOT, "CIRCLE ICRS %.6f %.6f %.6f", ra, dec, radius);
  }

  private static boolean validSky(double ra, double dec) {
    return Double.isFinite(ra)
        && Double.isFinite(dec)
        && ra >= 0
        && ra < 360
        && Math.abs(dec) <= 90;
  }

  /** An ISO-8601 instant, or null when absent or unreadable. */
  static Instant instant(String iso) {
    if (iso == null || iso.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Double number(Map<String, String> headers, String key) {
    String v = headers.get(key);
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v.strip());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
