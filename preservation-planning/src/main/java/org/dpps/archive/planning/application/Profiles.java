package org.dpps.archive.planning.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.dpps.archive.planning.domain.FitsProfiling;
import org.dpps.archive.schemas.metadata.Hdf5MetadataReader;

/**
 * Identifies the profile of one stored file beyond its media type, from its own headers: FITS
 * compression, image and table HDUs and GADF version ({@link FitsProfiling}); the ctapipe data
 * model of HDF5 files; CWLProv graphs among the tag files. Unreadable content gets the tag {@value
 * #UNREADABLE}.
 */
@ApplicationScoped
public class Profiles {
  public static final String UNREADABLE = "unreadable";
  static final String FITS = "application/fits";
  static final String HDF5 = "application/x-hdf5";
  private static final String DATA_MODEL_VERSION = "CTA PRODUCT DATA MODEL VERSION";

  private FitsProfiling fits;

  protected Profiles() {}

  @Inject
  public Profiles(FitsProfiling fits) {
    this.fits = fits;
  }

  /** The media type the registry sees and the profile tags. */
  public record Profile(String mediaType, Set<String> tags) {
    public String tagString() {
      return String.join(" ", new TreeSet<>(tags));
    }

    public static Set<String> parseTags(String tags) {
      Set<String> set = new TreeSet<>();
      if (tags != null) {
        for (String t : tags.trim().split(" +")) {
          if (!t.isEmpty()) {
            set.add(t);
          }
        }
      }
      return set;
    }
  }

  /** Profiles a payload file ({@code name} inside {@code data/}) of the given media type. */
  public Profile payload(Path file, String name, String mediaType) {
    String type = mediaType == null ? "application/octet-stream" : mediaType;
    String lower = name.toLowerCase(Locale.ROOT);
    boolean gzippedFits =
        type.equals("application/gzip")
            && (lower.endsWith(".fits.gz") || lower.endsWith(".fit.gz"));
    if (type.equals(FITS) || gzippedFits) {
      try {
        Set<String> tags = new TreeSet<>(fits.profile(file).tags());
        return new Profile(FITS, tags);
      } catch (IOException | RuntimeException e) {
        return new Profile(type, Set.of(UNREADABLE));
      }
    }
    if (type.equals(HDF5)) {
      try {
        String version = new Hdf5MetadataReader().read(file).headers().get(DATA_MODEL_VERSION);
        Set<String> tags = new TreeSet<>();
        if (version != null) {
          tags.add("ctapipe-dm-" + majorVersion(version));
        }
        return new Profile(type, tags);
      } catch (RuntimeException e) {
        return new Profile(type, Set.of(UNREADABLE));
      }
    }
    return new Profile(type, Set.of());
  }

  /** {@code v6.0.0} and {@code 6.1} give {@code v6}. */
  static String majorVersion(String version) {
    String v = version.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("v")) {
      v = v.substring(1);
    }
    int dot = v.indexOf('.');
    String major = dot < 0 ? v : v.substring(0, dot);
    return major.matches("[0-9]{1,4}") ? "v" + major : "unknown";
  }

  /** Whether a tag file of the AIP is a CWLProv graph (kept under metadata/cwlprov/). */
  public static boolean isCwlProv(String logicalPath) {
    return logicalPath.startsWith("metadata/cwlprov/")
        && (logicalPath.endsWith(".ttl") || logicalPath.endsWith(".nt"));
  }
}
