package org.dpps.archive.ingest.infrastructure.tika;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.tika.Tika;
import org.dpps.archive.ingest.domain.FileFormat;
import org.dpps.archive.ingest.domain.FormatIdentifier;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * Format identification with Apache Tika (magic bytes first, then the name), refined for the
 * formats of astronomy: FITS inside gzip is reported as FITS ({@code .fits.gz}), and HDF5 by its
 * 8-byte signature. PRONOM ids come from a small table of formats the archive knows.
 */
@ApplicationScoped
public class TikaFormatIdentifier implements FormatIdentifier {
  private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final Map<String, String[]> KNOWN =
      Map.of(
          "application/fits", new String[] {"Flexible Image Transport System", "x-fmt/383"},
          "application/x-hdf5", new String[] {"Hierarchical Data Format 5", null},
          "application/gzip", new String[] {"GZIP", "x-fmt/266"},
          "application/json", new String[] {"JSON", "fmt/817"},
          "text/plain", new String[] {"Plain text", "x-fmt/111"},
          "text/turtle", new String[] {"RDF Turtle", null},
          "application/zip", new String[] {"ZIP", "x-fmt/263"});
  private static final byte[] FITS_SIGNATURE =
      "SIMPLE  =".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Thread-safe; loading Tika's media type registry once is what costs. */
  private static final Tika TIKA = new Tika();

  @Override
  public FileFormat identify(Path file, String name) {
    try {
      byte[] head = readHead(file, 9);
      String mediaType;
      if (startsWith(head, FITS_SIGNATURE)) {
        mediaType = "application/fits";
      } else if (startsWith(head, HDF5_SIGNATURE)) {
        mediaType = "application/x-hdf5";
      } else if (isGzip(head) && gzipHoldsFits(file)) {
        mediaType = "application/fits";
      } else {
        mediaType = normalise(TIKA.detect(file));
      }
      String[] known = KNOWN.get(mediaType);
      String formatName = known == null ? mediaType : known[0];
      if (isGzip(head) && mediaType.equals("application/fits")) {
        formatName = "Flexible Image Transport System (gzip-compressed)";
      }
      return new FileFormat(
          mediaType, formatName, Optional.ofNullable(known == null ? null : known[1]));
    } catch (IOException e) {
      throw new ArchiveException(
          ErrorCode.FORMAT_INVALID, "Cannot read the file to identify it", name, e);
    }
  }

  private static String normalise(String detected) {
    return switch (detected) {
      case "application/x-hdf" -> "application/x-hdf5";
      case "application/x-gzip" -> "application/gzip";
      case "image/fits" -> "application/fits";
      default -> detected;
    };
  }

  private static boolean gzipHoldsFits(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      byte[] head = in.readNBytes(9);
      return new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals("SIMPLE  =");
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      return false;
    }
  }

  private static boolean isGzip(byte[] head) {
    return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
  }

  private static byte[] readHead(Path file, int n) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(n);
    }
  }

  private static boolean startsWith(byte[] head, byte[] signature) {
    if (head.length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if (head[i] != signature[i]) {
        return false;
      }
    }
    return true;
  }
}
