package org.dpps.archive.access.domain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Port: GADF DL3 FITS files. Reads the GADF HDUs of a stored file from its headers, and writes the
 * index tables ({@code hdu-index.fits.gz}, {@code obs-index.fits.gz}) that make a directory a
 * gammapy {@code DataStore}.
 */
public interface GadfFiles {
  /**
   * The GADF HDUs of a FITS file (plain or gzip-compressed), read from its headers only.
   *
   * @throws IOException if the file cannot be read or is not FITS
   */
  List<Hdu> hdus(Path file) throws IOException;

  /**
   * {@code hdu-index.fits.gz}: columns {@code OBS_ID, HDU_TYPE, HDU_CLASS, FILE_DIR, FILE_NAME,
   * HDU_NAME}, gzip-compressed FITS.
   *
   * @throws IllegalArgumentException if there are no rows
   */
  byte[] hduIndex(List<HduRow> rows);

  /**
   * {@code obs-index.fits.gz}: one row per observation, times against the time reference of the
   * first observation, gzip-compressed FITS.
   *
   * @throws IllegalArgumentException if there are no observations
   */
  byte[] obsIndex(List<Observation> observations);

  /**
   * The time reference of an event file: the epoch {@code MJDREFI + MJDREFF} (or {@code MJDREF}),
   * {@code TIMEUNIT}, {@code TIMESYS}, {@code TIMEREF}.
   */
  record TimeReference(
      long mjdrefi, double mjdreff, String timeunit, String timesys, String timeref) {
    /** Seconds to add to a time of this reference to express it against {@code other}. */
    public double secondsTo(TimeReference other) {
      double days = (mjdrefi - other.mjdrefi) + (mjdreff - other.mjdreff);
      return days * 86_400.0;
    }
  }

  /**
   * What an {@code EVENTS} header says about its observation; {@code NaN} for numbers it does not
   * give. {@code eventCount} is the number of rows of the table.
   */
  record Observation(
      long obsId,
      double raPnt,
      double decPnt,
      double altPnt,
      double azPnt,
      double tstart,
      double tstop,
      double ontime,
      double livetime,
      double deadc,
      String object,
      long eventCount,
      TimeReference time) {}

  /**
   * One GADF HDU of a file.
   *
   * @param index position in the file (0 = primary)
   * @param hduType gammapy's {@code HDU_TYPE}: events, gti, aeff, edisp, psf, bkg, rad_max
   * @param hduClass gammapy's {@code HDU_CLASS}: events, gti, aeff_2d, edisp_2d, psf_table...
   * @param hduName the {@code EXTNAME}
   * @param obsId the {@code OBS_ID} of the header, if it has one
   * @param observation for {@code EVENTS} HDUs with an {@code OBS_ID}: the observation
   */
  record Hdu(
      int index,
      String hduType,
      String hduClass,
      String hduName,
      OptionalLong obsId,
      Optional<Observation> observation) {}

  /**
   * A row of the HDU index: where gammapy finds one HDU of one observation.
   *
   * @param fileDir directory of the file relative to the directory of the index table
   */
  record HduRow(
      long obsId,
      String hduType,
      String hduClass,
      String fileDir,
      String fileName,
      String hduName) {
    public HduRow {
      Objects.requireNonNull(hduType, "hduType");
      Objects.requireNonNull(hduClass, "hduClass");
      Objects.requireNonNull(fileDir, "fileDir");
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(hduName, "hduName");
    }
  }
}
