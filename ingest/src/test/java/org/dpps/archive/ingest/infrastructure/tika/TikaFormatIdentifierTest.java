package org.dpps.archive.ingest.infrastructure.tika;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.dpps.archive.ingest.domain.FileFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TikaFormatIdentifierTest {
  static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  @TempDir Path tmp;

  private final TikaFormatIdentifier identifier = new TikaFormatIdentifier();

  @Test
  void aMinimalFitsPrimaryHeaderIsFits() throws IOException {
    Path file = Files.write(tmp.resolve("image.fits"), minimalFits());

    FileFormat format = identifier.identify(file, "data/image.fits");

    assertThat(format.mediaType()).isEqualTo("application/fits");
    assertThat(format.isFits()).isTrue();
    assertThat(format.name()).isEqualTo("Flexible Image Transport System");
    assertThat(format.pronom()).contains("x-fmt/383");
  }

  @Test
  void fitsIsRecognisedByItsBytesWhateverTheName() throws IOException {
    Path file = Files.write(tmp.resolve("events.dat"), minimalFits());

    assertThat(identifier.identify(file, "data/events.dat").mediaType())
        .isEqualTo("application/fits");
  }

  @Test
  void gzippedFitsIsFits() throws IOException {
    Path file = tmp.resolve("image.fits.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(minimalFits());
    }

    FileFormat format = identifier.identify(file, "data/image.fits.gz");

    assertThat(format.mediaType()).isEqualTo("application/fits");
    assertThat(format.name()).isEqualTo("Flexible Image Transport System (gzip-compressed)");
    assertThat(format.pronom()).contains("x-fmt/383");
  }

  @Test
  void otherGzipIsGzip() throws IOException {
    Path file = tmp.resolve("notes.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("just text\n".getBytes(StandardCharsets.US_ASCII));
    }

    FileFormat format = identifier.identify(file, "data/notes.txt.gz");

    assertThat(format.mediaType()).isEqualTo("application/gzip");
    assertThat(format.pronom()).contains("x-fmt/266");
  }

  @Test
  void theHdf5SignatureIsHdf5() throws IOException {
    byte[] bytes = new byte[512];
    System.arraycopy(HDF5_SIGNATURE, 0, bytes, 0, HDF5_SIGNATURE.length);
    Path file = Files.write(tmp.resolve("dl1.bin"), bytes);

    FileFormat format = identifier.identify(file, "data/dl1.bin");

    assertThat(format.mediaType()).isEqualTo("application/x-hdf5");
    assertThat(format.isHdf5()).isTrue();
    assertThat(format.name()).isEqualTo("Hierarchical Data Format 5");
    assertThat(format.pronom()).isEmpty();
  }

  @Test
  void plainTextIsPlainText() throws IOException {
    Path file = Files.writeString(tmp.resolve("README.txt"), "Crab Nebula observation notes\n");

    FileFormat format = identifier.identify(file, "data/README.txt");

    assertThat(format.mediaType()).isEqualTo("text/plain");
    assertThat(format.pronom()).contains("x-fmt/111");
  }

  @Test
  void jsonIsJson() throws IOException {
    Path file = Files.writeString(tmp.resolve("config.json"), "{\"obs_id\": 6789}\n");

    FileFormat format = identifier.identify(file, "data/config.json");

    assertThat(format.mediaType()).isEqualTo("application/json");
    assertThat(format.name()).isEqualTo("JSON");
    assertThat(format.pronom()).contains("fmt/817");
  }

  @Test
  void textNamedFitsIsNotFits() throws IOException {
    Path file = Files.writeString(tmp.resolve("x.fits"), "this is not a FITS file\n");

    assertThat(identifier.identify(file, "data/x.fits").mediaType()).isEqualTo("text/plain");
  }

  /** A primary header with no data: 36 cards of 80 characters, one 2880-byte block. */
  static byte[] minimalFits() {
    StringBuilder header = new StringBuilder();
    for (String card :
        new String[] {
          "SIMPLE  =                    T", "BITPIX  =                    8",
          "NAXIS   =                    0", "END"
        }) {
      header.append(String.format("%-80s", card));
    }
    while (header.length() < 2880) {
      header.append(' ');
    }
    return header.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
