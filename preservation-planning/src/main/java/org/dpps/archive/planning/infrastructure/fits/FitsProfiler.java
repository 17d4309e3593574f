package org.dpps.archive.planning.infrastructure.fits;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nom.tam.fits.Header;
import nom.tam.fits.header.Compression;
import nom.tam.fits.header.Standard;
import org.dpps.archive.planning.domain.FitsProfile;
import org.dpps.archive.planning.domain.FitsProfiling;

/**
 * Profile facts of one FITS file, read from its headers only (data units skipped, so fast on GB
 * files).
 *
 * <p>The tags found:
 *
 * <ul>
 *   <li>{@value #TILE_COMPRESSED}: some HDU is a tile-compressed image ({@code ZIMAGE = T}) or
 *       table ({@code ZTABLE = T});
 *   <li>{@value #UNCOMPRESSED_IMAGE}: some HDU that is not tile-compressed is an image with {@code
 *       NAXIS > 0} and a non-empty data unit;
 *   <li>{@value #TABLE}: some HDU that is not tile-compressed is a binary or ASCII table;
 *   <li>{@code gadf-X.Y}: some HDU has {@code HDUCLASS = 'GADF'} and an {@code HDUVERS} ("0.2",
 *       "0.2.0" and "v0.2" all give {@code gadf-0.2}; a version without a number gives {@code
 *       gadf-unknown});
 *   <li>{@value #GZIP}: the file itself is gzip-compressed FITS ({@code .fits.gz}).
 * </ul>
 *
 * <p>Plain files are read by seeking over data units; gzip files are streamed, decompressing but
 * discarding data units. Memory use does not depend on the size of the file. Stateless and
 * thread-safe.
 */
@ApplicationScoped
public class FitsProfiler implements FitsProfiling {

  /** Tag of files with a tile-compressed HDU. */
  public static final String TILE_COMPRESSED = "tile-compressed";

  /** Tag of files with an uncompressed, non-empty image. */
  public static final String UNCOMPRESSED_IMAGE = "uncompressed-image";

  /** Tag of files with an (uncompressed) binary or ASCII table. */
  public static final String TABLE = "table";

  /** Tag of gzip-compressed FITS files. */
  public static final String GZIP = "gzip";

  /** Prefix of the tag of files with a GADF HDU, followed by the GADF version. */
  public static final String GADF_PREFIX = "gadf-";

  private static final Pattern VERSION =
      Pattern.compile("[vV]?\\s*([0-9]{1,9})(?![0-9])(?:\\.([0-9]{1,9})(?![0-9]))?.*");

  public FitsProfiler() {}

  @Override
  public FitsProfile profile(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    SortedSet<String> tags = new TreeSet<>();
    int hdus = 0;
    try (FitsInput in = FitsInput.open(file)) {
      if (in.isGzip()) {
        tags.add(GZIP);
      }
      Header header;
      while ((header = in.nextHeader()) != null) {
        classify(header, hdus == 0, tags);
        in.skipData(header);
        hdus++;
      }
    } catch (RuntimeException e) {
      throw new IOException("Cannot profile " + file + ": " + e.getMessage(), e);
    }
    return new FitsProfile(tags, hdus);
  }

  private static void classify(Header h, boolean primary, SortedSet<String> tags)
      throws IOException {
    boolean compressed =
        h.getBooleanValue(Compression.ZIMAGE, false)
            || h.getBooleanValue(Compression.ZTABLE, false);
    if (compressed) {
      tags.add(TILE_COMPRESSED);
    } else {
      String xtension =
          primary ? "" : h.getStringValue(Standard.XTENSION, "").strip().toUpperCase(Locale.ROOT);
      boolean groups = primary && h.getBooleanValue(Standard.GROUPS, false);
      boolean image = primary ? !groups : "IMAGE".equals(xtension);
      if (image && h.getIntValue(Standard.NAXIS, 0) > 0 && FitsInput.dataBytes(h) > 0) {
        tags.add(UNCOMPRESSED_IMAGE);
      }
      if ("BINTABLE".equals(xtension) || "TABLE".equals(xtension)) {
        tags.add(TABLE);
      }
    }
    String hduClass = h.getStringValue("HDUCLASS", "").strip();
    if ("GADF".equalsIgnoreCase(hduClass) && h.containsKey("HDUVERS")) {
      tags.add(gadfTag(h.getStringValue("HDUVERS", "")));
    }
  }

  /** {@code gadf-X.Y} from an HDUVERS value such as "0.2", "0.2.0" or "v0.2". */
  static String gadfTag(String hduvers) {
    Matcher m = VERSION.matcher(hduvers == null ? "" : hduvers.strip());
    if (!m.matches()) {
      return GADF_PREFIX + "unknown";
    }
    String major = String.valueOf(Integer.parseInt(m.group(1)));
    String minor = m.group(2) == null ? "0" : String.valueOf(Integer.parseInt(m.group(2)));
    return GADF_PREFIX + major + "." + minor;
  }
}
