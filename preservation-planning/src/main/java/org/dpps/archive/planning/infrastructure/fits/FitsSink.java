package org.dpps.archive.planning.infrastructure.fits;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.header.Checksum;
import nom.tam.fits.utilities.FitsCheckSum;
import nom.tam.util.FitsOutputStream;

/**
 * Writes HDUs one after the other to a new FITS file, so that only the HDU being written is in
 * memory. The first HDU written becomes the primary HDU, the others extensions.
 */
final class FitsSink implements Closeable {

  private static final int BUFFER = 1 << 16;

  private final FitsOutputStream out;
  private int written;

  private FitsSink(FitsOutputStream out) {
    this.out = out;
  }

  /** Creates (or truncates) the file. */
  static FitsSink create(Path file) throws IOException {
    return new FitsSink(
        new FitsOutputStream(
            new BufferedOutputStream(
                Files.newOutputStream(
                    file,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE),
                BUFFER)));
  }

  /** Number of HDUs written so far. */
  int written() {
    return written;
  }

  /**
   * Appends an HDU. Its header is made a primary or an extension header as its position requires
   * (nom-tam-fits does that, with the mandatory keywords, when an HDU is added to a {@link Fits}).
   *
   * @param checksum whether to give the HDU freshly computed CHECKSUM and DATASUM keywords
   *     (otherwise any present are removed, since they would be stale)
   */
  void write(BasicHDU<?> hdu, boolean checksum) throws IOException, FitsException {
    Fits placement = new Fits();
    if (written > 0) {
      placement.addHDU(BasicHDU.getDummyHDU());
    }
    placement.addHDU(hdu);
    if (written == 0 && placement.getNumberOfHDUs() != 1) {
      throw new IOException("A " + hdu.getClass().getSimpleName() + " cannot be a primary HDU");
    }
    if (checksum) {
      FitsCheckSum.setChecksum(hdu);
    } else {
      hdu.getHeader().deleteKey(Checksum.CHECKSUM);
      hdu.getHeader().deleteKey(Checksum.DATASUM);
    }
    hdu.write(out);
    written++;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
