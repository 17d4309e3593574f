package org.dpps.archive.access.application;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.dpps.archive.access.domain.GadfFiles;
import org.dpps.archive.access.domain.GadfFiles.HduRow;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.StoredFile;

/**
 * One product as a DL3 bundle sees it: its observations (one per GADF {@code EVENTS} HDU with an
 * {@code OBS_ID}), the HDU index rows of their HDUs, and the files that hold them. An HDU without
 * an {@code OBS_ID} belongs to the observation of the events in its file, or to the product's only
 * observation; only the first HDU of each type of an observation is listed (gammapy wants one).
 */
final class Dl3Product {
  private static final System.Logger LOG = System.getLogger(Dl3Product.class.getName());
  private static final Pattern FITS_NAME = Pattern.compile("(?i).*\\.(fits|fit|fts)(\\.gz)?");

  private final String productId;
  private final Map<Long, GadfFiles.Observation> observations = new LinkedHashMap<>();
  private final List<HduRow> rows = new ArrayList<>();
  private final List<Dl3Bundle.BundledFile> files = new ArrayList<>();

  private Dl3Product(String productId) {
    this.productId = productId;
  }

  /** A stored file and its GADF HDUs. */
  private record Scanned(
      DescriptiveRecord.FileEntry entry, StoredFile stored, List<GadfFiles.Hdu> hdus) {}

  /** Reads the headers of the product's FITS files (data units are skipped). */
  static Dl3Product read(AipVersion head, DescriptiveRecord record, GadfFiles fits) {
    Dl3Product product = new Dl3Product(record.productId());
    List<Scanned> scanned = new ArrayList<>();
    for (DescriptiveRecord.FileEntry entry : record.files()) {
      Optional<StoredFile> stored = head.file("data/" + entry.path());
      if (stored.isEmpty() || !looksLikeFits(entry)) {
        continue;
      }
      try {
        scanned.add(new Scanned(entry, stored.get(), fits.hdus(stored.get().location())));
      } catch (IOException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "ACCESS-500 Cannot read the FITS headers of {0} of product {1}: {2}",
            entry.path(),
            record.productId(),
            e.getMessage());
      }
    }
    for (Scanned s : scanned) {
      for (GadfFiles.Hdu hdu : s.hdus()) {
        hdu.observation().ifPresent(o -> product.observations.putIfAbsent(o.obsId(), o));
      }
    }
    scanned.forEach(product::addRows);
    return product;
  }

  private static boolean looksLikeFits(DescriptiveRecord.FileEntry entry) {
    String type = entry.mediaType() == null ? "" : entry.mediaType().toLowerCase(Locale.ROOT);
    return type.contains("fits") || FITS_NAME.matcher(entry.path()).matches();
  }

  private void addRows(Scanned s) {
    Set<Long> eventsInFile = new LinkedHashSet<>();
    s.hdus().forEach(h -> h.observation().ifPresent(o -> eventsInFile.add(o.obsId())));
    Set<String> listed = new LinkedHashSet<>();
    rows.forEach(r -> listed.add(r.obsId() + "/" + r.hduType()));
    String path = s.entry().path();
    int slash = path.lastIndexOf('/');
    String fileDir =
        "data/" + directoryOf(productId) + (slash < 0 ? "" : "/" + path.substring(0, slash));
    String fileName = path.substring(slash + 1);
    boolean used = false;
    for (GadfFiles.Hdu hdu : s.hdus()) {
      Optional<Long> obsId = observationOf(hdu, eventsInFile);
      if (obsId.isEmpty() || !listed.add(obsId.get() + "/" + hdu.hduType())) {
        continue;
      }
      rows.add(
          new HduRow(obsId.get(), hdu.hduType(), hdu.hduClass(), fileDir, fileName, hdu.hduName()));
      used = true;
    }
    if (used) {
      files.add(
          new Dl3Bundle.BundledFile(
              Dl3Bundle.ROOT + fileDir + "/" + fileName,
              s.stored().location(),
              s.stored().size(),
              s.entry().sha512()));
    }
  }

  /** The observation an HDU belongs to, if it can be told and is one of this product's. */
  private Optional<Long> observationOf(GadfFiles.Hdu hdu, Set<Long> eventsInFile) {
    Optional<Long> id;
    if (hdu.observation().isPresent()) {
      id = Optional.of(hdu.observation().get().obsId());
    } else if (hdu.obsId().isPresent()) {
      id = Optional.of(hdu.obsId().getAsLong());
    } else if (eventsInFile.size() == 1) {
      id = Optional.of(eventsInFile.iterator().next());
    } else if (observations.size() == 1) {
      id = Optional.of(observations.keySet().iterator().next());
    } else {
      id = Optional.empty();
    }
    return id.filter(observations::containsKey);
  }

  /**
   * The product's directory under {@code data/}: its id, with {@code :} (allowed in ids, not in
   * every file system) written {@code %3A}.
   */
  static String directoryOf(String productId) {
    return productId.replace(":", "%3A");
  }

  /** Why the product cannot go into a bundle, if it cannot. */
  Optional<String> problem() {
    return observations.isEmpty()
        ? Optional.of("no GADF EVENTS HDU with an OBS_ID could be read in its files")
        : Optional.empty();
  }

  List<Long> obsIds() {
    return List.copyOf(observations.keySet());
  }

  List<GadfFiles.Observation> observations() {
    return List.copyOf(observations.values());
  }

  List<HduRow> hduRows() {
    return List.copyOf(rows);
  }

  Dl3Bundle.Member member() {
    return new Dl3Bundle.Member(productId, obsIds(), List.copyOf(files));
  }
}
