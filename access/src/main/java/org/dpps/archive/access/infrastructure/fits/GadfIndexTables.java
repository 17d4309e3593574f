package org.dpps.archive.access.infrastructure.fits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.NullDataHDU;
import nom.tam.util.FitsOutputStream;
import org.dpps.archive.access.domain.GadfFiles.HduRow;
import org.dpps.archive.access.domain.GadfFiles.Observation;
import org.dpps.archive.access.domain.GadfFiles.TimeReference;

/**
 * Writes the GADF index tables that make a directory a gammapy {@code DataStore}: {@code
 * hdu-index.fits.gz} (HDU {@code HDU_INDEX}) and {@code obs-index.fits.gz} (HDU {@code OBS_INDEX}),
 * gzip-compressed FITS built in memory (they are small: one row per HDU or observation).
 */
public final class GadfIndexTables {
  static final String HDUDOC = "https://github.com/open-gamma-ray-astro/gamma-astro-data-formats";
  static final String HDUVERS = "0.3";

  private GadfIndexTables() {}

  /**
   * {@code hdu-index.fits.gz}: columns {@code OBS_ID, HDU_TYPE, HDU_CLASS, FILE_DIR, FILE_NAME,
   * HDU_NAME}.
   *
   * @throws IllegalArgumentException if there are no rows
   */
  public static byte[] hduIndex(List<HduRow> rows) {
    requireRows(rows);
    Object[] columns = {
      rows.stream().mapToLong(HduRow::obsId).toArray(),
      strings(rows.stream().map(HduRow::hduType).toList()),
      strings(rows.stream().map(HduRow::hduClass).toList()),
      strings(rows.stream().map(HduRow::fileDir).toList()),
      strings(rows.stream().map(HduRow::fileName).toList()),
      strings(rows.stream().map(HduRow::hduName).toList())
    };
    String[] names = {"OBS_ID", "HDU_TYPE", "HDU_CLASS", "FILE_DIR", "FILE_NAME", "HDU_NAME"};
    String[] units = {"", "", "", "", "", ""};
    return write(columns, names, units, "HDU_INDEX", "HDU", null);
  }

  /**
   * {@code obs-index.fits.gz}: columns {@code OBS_ID, RA_PNT, DEC_PNT, ALT_PNT, AZ_PNT, TSTART,
   * TSTOP, ONTIME, LIVETIME, DEADC, OBJECT, EVENT_COUNT}, times in seconds against the time
   * reference of the first observation (written in the header); observations whose files use
   * another {@code MJDREF} are shifted onto it.
   *
   * @throws IllegalArgumentException if there are no observations
   */
  public static byte[] obsIndex(List<Observation> observations) {
    requireRows(observations);
    TimeReference time = observations.get(0).time();
    int n = observations.size();
    double[] tstart = new double[n];
    double[] tstop = new double[n];
    for (int i = 0; i < n; i++) {
      Observation o = observations.get(i);
      double shift = o.time().secondsTo(time);
      tstart[i] = o.tstart() + shift;
      tstop[i] = o.tstop() + shift;
    }
    Object[] columns = {
      observations.stream().mapToLong(Observation::obsId).toArray(),
      observations.stream().mapToDouble(Observation::raPnt).toArray(),
      observations.stream().mapToDouble(Observation::decPnt).toArray(),
      observations.stream().mapToDouble(Observation::altPnt).toArray(),
      observations.stream().mapToDouble(Observation::azPnt).toArray(),
      tstart,
      tstop,
      observations.stream().mapToDouble(Observation::ontime).toArray(),
      observations.stream().mapToDouble(Observation::livetime).toArray(),
      observations.stream().mapToDouble(Observation::deadc).toArray(),
      strings(observations.stream().map(Observation::object).toList()),
      observations.stream().mapToLong(Observation::eventCount).toArray()
    };
    String[] names = {
      "OBS_ID",
      "RA_PNT",
      "DEC_PNT",
      "ALT_PNT",
      "AZ_PNT",
      "TSTART",
      "TSTOP",
      "ONTIME",
      "LIVETIME",
      "DEADC",
      "OBJECT",
      "EVENT_COUNT"
    };
    String[] units = {"", "deg", "deg", "deg", "deg", "s", "s", "s", "s", "", "", ""};
    return write(columns, names, units, "OBS_INDEX", "OBS", time);
  }

  private static void requireRows(List<?> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("an index table needs at least one row");
    }
  }

  /** Strings padded to a width of at least one character (FITS has no zero-width strings). */
  private static String[] strings(List<String> values) {
    return values.stream().map(v -> v == null || v.isEmpty() ? " " : v).toArray(String[]::new);
  }

  private static byte[] write(
      Object[] columns,
      String[] names,
      String[] units,
      String extname,
      String indexKind,
      TimeReference time) {
    try {
      BinaryTableHDU table = BinaryTable.fromColumnMajor(columns).toHDU();
      Header h = table.getHeader();
      for (int i = 0; i < names.length; i++) {
        table.setColumnName(i, names[i], null);
        if (!units[i].isEmpty()) {
          h.addValue("TUNIT" + (i + 1), units[i], "");
        }
      }
      h.addValue("EXTNAME", extname, "");
      h.addValue("HDUDOC", HDUDOC, "");
      h.addValue("HDUVERS", HDUVERS, "");
      h.addValue("HDUCLASS", "GADF", "");
      h.addValue("HDUCLAS1", "INDEX", "");
      h.addValue("HDUCLAS2", indexKind, "");
      if (time != null) {
        h.addValue("MJDREFI", time.mjdrefi(), "integer part of the reference MJD");
        h.addValue("MJDREFF", time.mjdreff(), "fractional part of the reference MJD");
        h.addValue("TIMEUNIT", time.timeunit(), "");
        h.addValue("TIMESYS", time.timesys(), "");
        h.addValue("TIMEREF", time.timeref(), "");
      }
      h.addValue("ORIGIN", "DPPS archive", "");
      Fits fits = new Fits();
      fits.addHDU(new NullDataHDU());
      fits.addHDU(table);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (FitsOutputStream out = new FitsOutputStream(new GZIPOutputStream(bytes))) {
        fits.write(out);
      }
      fits.close();
      return bytes.toByteArray();
    } catch (FitsException e) {
      throw new IllegalStateException("Cannot build the " + extname + " table", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
