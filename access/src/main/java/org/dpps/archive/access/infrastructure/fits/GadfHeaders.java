package org.dpps.archive.access.infrastructure.fits;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import nom.tam.fits.Header;
import nom.tam.fits.TruncatedFileException;
import nom.tam.util.FitsInputStream;
import org.dpps.archive.access.domain.GadfFiles.Hdu;
import org.dpps.archive.access.domain.GadfFiles.Observation;
import org.dpps.archive.access.domain.GadfFiles.TimeReference;

/**
 * Reads the GADF HDUs of a FITS file (plain or gzip-compressed) from its headers only: data units
 * are skipped, never read. An HDU is GADF DL3 content when its {@code HDUCLAS1} is {@code EVENTS},
 * {@code GTI} or {@code RESPONSE} (an IRF whose kind is in {@code HDUCLAS2}, its format in {@code
 * HDUCLAS4}); an extension without {@code HDUCLAS1} named {@code EVENTS} or {@code GTI} counts as
 * well. HDUs without an {@code EXTNAME} cannot be addressed by an index table and are left out, as
 * are later HDUs that repeat a name.
 */
public final class GadfHeaders {
  /** Most HDUs read from one file. */
  static final int MAX_HDUS = 1000;

  private GadfHeaders() {}

  /**
   * Reads the GADF HDUs of a file.
   *
   * @throws IOException if the file cannot be read or is not FITS
   */
  public static List<Hdu> read(Path file) throws IOException {
    List<Hdu> hdus = new ArrayList<>();
    Set<String> names = new HashSet<>();
    try (FitsInputStream in = new FitsInputStream(open(file))) {
      for (int index = 0; index < MAX_HDUS; index++) {
        Header header;
        try {
          header = Header.readHeader(in);
        } catch (EOFException | TruncatedFileException e) {
          if (index == 0) {
            throw new IOException(file + " is not a FITS file", e);
          }
          break; // the end of the file, or trailing bytes that start no extension
        }
        if (header == null || (index == 0 && !header.containsKey("SIMPLE"))) {
          if (index == 0) {
            throw new IOException(file + " is not a FITS file");
          }
          break;
        }
        if (index > 0) {
          classify(index, header)
              .filter(h -> names.add(h.hduName().toUpperCase(Locale.ROOT)))
              .ifPresent(hdus::add);
        }
        in.skipAllBytes(header.getDataSize());
      }
    } catch (RuntimeException e) {
      throw new IOException("Cannot read the FITS headers of " + file + ": " + e.getMessage(), e);
    }
    return hdus;
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 65_536);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 65_536) : in;
  }

  static Optional<Hdu> classify(int index, Header h) {
    String name = text(h, "EXTNAME");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String c1 = text(h, "HDUCLAS1").toUpperCase(Locale.ROOT);
    if (c1.isEmpty()) {
      c1 = name.toUpperCase(Locale.ROOT);
    }
    OptionalLong obsId =
        h.containsKey("OBS_ID") ? OptionalLong.of(h.getLongValue("OBS_ID")) : OptionalLong.empty();
    return switch (c1) {
      case "EVENTS" ->
          Optional.of(
              new Hdu(
                  index,
                  "events",
                  "events",
                  name,
                  obsId,
                  obsId.isPresent()
                      ? Optional.of(observation(h, obsId.getAsLong()))
                      : Optional.empty()));
      case "GTI" -> Optional.of(new Hdu(index, "gti", "gti", name, obsId, Optional.empty()));
      case "RESPONSE" ->
          response(h).map(tc -> new Hdu(index, tc[0], tc[1], name, obsId, Optional.empty()));
      default -> Optional.empty();
    };
  }

  /** {type, class} of an IRF HDU, from {@code HDUCLAS2} and {@code HDUCLAS4}. */
  private static Optional<String[]> response(Header h) {
    String kind = text(h, "HDUCLAS2").toUpperCase(Locale.ROOT);
    String format = text(h, "HDUCLAS4").toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "EFF_AREA" -> irf("aeff", format, Set.of("aeff_2d"), "aeff_2d");
      case "EDISP" -> irf("edisp", format, Set.of("edisp_2d"), "edisp_2d");
      case "PSF", "RPSF" ->
          irf("psf", format, Set.of("psf_table", "psf_3gauss", "psf_king"), "psf_table");
      case "BKG" -> irf("bkg", format, Set.of("bkg_2d", "bkg_3d"), bkgDefault(h));
      case "RAD_MAX" -> irf("rad_max", format, Set.of("rad_max_2d"), "rad_max_2d");
      default -> Optional.empty();
    };
  }

  private static Optional<String[]> irf(
      String type, String format, Set<String> known, String fallback) {
    return Optional.of(new String[] {type, known.contains(format) ? format : fallback});
  }

  /** A background without {@code HDUCLAS4}: 3D when it has field-of-view axes. */
  private static String bkgDefault(Header h) {
    int columns = h.getIntValue("TFIELDS", 0);
    for (int i = 1; i <= columns; i++) {
      if (text(h, "TTYPE" + i).toUpperCase(Locale.ROOT).startsWith("DETX")) {
        return "bkg_3d";
      }
    }
    return "bkg_2d";
  }

  private static Observation observation(Header h, long obsId) {
    double ontime = real(h, "ONTIME");
    double livetime = real(h, "LIVETIME");
    double deadc = real(h, "DEADC");
    if (Double.isNaN(deadc) && ontime > 0) {
      deadc = livetime / ontime;
    }
    return new Observation(
        obsId,
        real(h, "RA_PNT"),
        real(h, "DEC_PNT"),
        real(h, "ALT_PNT"),
        real(h, "AZ_PNT"),
        real(h, "TSTART"),
        real(h, "TSTOP"),
        ontime,
        livetime,
        deadc,
        text(h, "OBJECT"),
        h.getLongValue("NAXIS2", 0),
        timeReference(h));
  }

  private static TimeReference timeReference(Header h) {
    long mjdrefi;
    double mjdreff;
    if (h.containsKey("MJDREFI")) {
      mjdrefi = h.getLongValue("MJDREFI");
      mjdreff = h.getDoubleValue("MJDREFF", 0);
    } else {
      double mjdref = h.getDoubleValue("MJDREF", 0);
      mjdrefi = (long) Math.floor(mjdref);
      mjdreff = mjdref - mjdrefi;
    }
    return new TimeReference(
        mjdrefi,
        mjdreff,
        or(text(h, "TIMEUNIT"), "s"),
        or(text(h, "TIMESYS"), "TT"),
        or(text(h, "TIMEREF"), "LOCAL"));
  }

  private static String or(String value, String fallback) {
    return value.isEmpty() ? fallback : value;
  }

  private static double real(Header h, String key) {
    return h.containsKey(key) ? h.getDoubleValue(key, Double.NaN) : Double.NaN;
  }

  private static String text(Header h, String key) {
    String v = h.getStringValue(key);
    return v == null ? "" : v.strip();
  }
}
