package org.dpps.archive.schemas.metadata;

import static org.dpps.archive.schemas.metadata.FitsMetadataReader.MAX_CARDS_PER_HEADER;
import static org.dpps.archive.schemas.metadata.FitsMetadataReader.MAX_HDUS;
import static org.dpps.archive.schemas.metadata.FitsMetadataReader.MAX_TOTAL_CARDS;
import static org.dpps.archive.schemas.metadata.FitsMetadataReader.looksLikeFits;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.util.Cursor;
import nom.tam.util.FitsInputStream;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * Walks the HDUs of a FITS file for {@link FitsMetadataReader}: reads each header as whole
 * 2880-byte blocks up to its {@code END} card, parses the cards with nom-tam-fits (falling back to
 * {@link RawHierarch} for {@code HIERARCH} cards), keeps only the keys the metadata needs and skips
 * the data unit ({@link FitsDataSize}) without reading it. Enforces the reader's HDU and card
 * limits and turns every failure into {@link ErrorCode#FORMAT_INVALID}.
 */
final class FitsHeaderScanner {

  /** Keys kept from each header besides the reference and GADF keys. */
  private static final List<String> STRUCTURE_KEYS =
      List.of("HDUCLASS", "HDUCLAS1", "HDUCLAS2", "HDUCLAS4", "EXTNAME");

  private static final int BLOCK = 2880;

  /** Bytes of one header card. */
  static final int CARD = 80;

  private static final int CARDS_PER_BLOCK = BLOCK / CARD;

  private FitsHeaderScanner() {}

  /**
   * The relevant keys of every header of the file, in HDU order (the primary header first).
   *
   * @throws ArchiveException {@link ErrorCode#FORMAT_INVALID} if the file is not FITS, is
   *     truncated, is corrupt or exceeds the HDU/card limits
   */
  static List<Map<String, String>> readHeaders(Path file) {
    String name = file.toString();
    List<Map<String, String>> hdus = new ArrayList<>();
    long totalCards = 0;
    try (FitsByteSources.Source src = FitsByteSources.open(file)) {
      while (true) {
        boolean primary = hdus.isEmpty();
        byte[] raw = readRawHeader(src, primary, hdus.size(), name);
        if (raw == null) {
          break;
        }
        if (hdus.size() == MAX_HDUS) {
          throw invalid("more than " + MAX_HDUS + " HDUs", name, null);
        }
        totalCards += raw.length / CARD;
        if (totalCards > MAX_TOTAL_CARDS) {
          throw invalid("the headers have more than " + MAX_TOTAL_CARDS + " cards", name, null);
        }
        Map<String, String> cards = parseCards(raw, hdus.size(), name);
        long dataSize = FitsDataSize.dataSize(cards, primary, hdus.size(), name);
        hdus.add(relevant(cards));
        if (!src.skip(dataSize)) {
          throw invalid(
              "truncated: the data of HDU "
                  + (hdus.size() - 1)
                  + " ("
                  + dataSize
                  + " bytes declared) extends beyond the end of the file",
              name,
              null);
        }
        long padding = (BLOCK - dataSize % BLOCK) % BLOCK;
        if (!src.skip(padding)) {
          break; // missing final padding is tolerated: every header and all data were read
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ArchiveException ae) {
        throw ae;
      }
      throw invalid("cannot be read as FITS: " + e.getMessage(), name, e);
    }
    return hdus;
  }

  /** Only what the metadata needs is kept of a header, so memory stays bounded by few keys. */
  private static Map<String, String> relevant(Map<String, String> cards) {
    Map<String, String> kept = new LinkedHashMap<>();
    cards.forEach(
        (k, v) -> {
          if (MetadataMapping.isReferenceKey(k)
              || MetadataMapping.GADF_KEYS.contains(k)
              || STRUCTURE_KEYS.contains(k)) {
            kept.put(k, v);
          }
        });
    return kept;
  }

  /**
   * Reads whole 2880-byte blocks up to and including the one with the {@code END} card. Returns
   * {@code null} at a clean end of file (or trailing bytes that do not start an extension).
   */
  private static byte[] readRawHeader(
      FitsByteSources.Source src, boolean primary, int index, String name) throws IOException {
    byte[] block = new byte[BLOCK];
    int n = src.readFully(block);
    if (primary) {
      if (n < 9 || !looksLikeFits(block)) {
        throw invalid("not a FITS file: it does not start with a SIMPLE card", name, null);
      }
    } else {
      if (n == 0 || !startsWith(block, n, "XTENSION=")) {
        return null;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(BLOCK);
    int cards = 0;
    while (true) {
      if (n < BLOCK) {
        throw invalid(
            "truncated: the header of HDU " + index + " ends before its END card", name, null);
      }
      out.write(block, 0, BLOCK);
      for (int c = 0; c < CARDS_PER_BLOCK; c++) {
        if (isEndCard(block, c * CARD)) {
          return out.toByteArray();
        }
      }
      cards += CARDS_PER_BLOCK;
      if (cards >= MAX_CARDS_PER_HEADER) {
        throw invalid(
            "the header of HDU " + index + " has more than " + MAX_CARDS_PER_HEADER + " cards",
            name,
            null);
      }
      n = src.readFully(block);
    }
  }

  private static boolean isEndCard(byte[] b, int off) {
    if (b[off] != 'E' || b[off + 1] != 'N' || b[off + 2] != 'D') {
      return false;
    }
    for (int i = 3; i < 8; i++) {
      if (b[off + i] != ' ') {
        return false;
      }
    }
    return true;
  }

  /** Parses the cards with nom-tam-fits; keys normalised, first occurrence wins. */
  private static Map<String, String> parseCards(byte[] raw, int index, String name) {
    Header header;
    try (FitsInputStream in = new FitsInputStream(new ByteArrayInputStream(raw))) {
      header = Header.readHeader(in);
    } catch (IOException | RuntimeException e) {
      throw invalid("the header of HDU " + index + " cannot be parsed: " + e.getMessage(), name, e);
    }
    if (header == null) {
      throw invalid("the header of HDU " + index + " is empty", name, null);
    }
    Map<String, String> cards = new LinkedHashMap<>();
    boolean bareHierarch = false;
    Cursor<String, HeaderCard> it = header.iterator();
    while (it.hasNext()) {
      HeaderCard card = it.next();
      String key = card.getKey();
      if (key == null || key.isBlank() || card.isCommentStyleCard()) {
        if ("HIERARCH".equals(key)) {
          bareHierarch = true;
        }
        continue;
      }
      if ("HIERARCH".equals(key)) {
        bareHierarch = true;
        continue;
      }
      String value = card.getValue();
      if (value != null) {
        cards.putIfAbsent(MetadataMapping.normaliseKey(key), value.strip());
      }
    }
    if (bareHierarch) {
      // nom-tam-fits was configured (globally) not to parse HIERARCH cards: read them ourselves.
      RawHierarch.parse(raw).forEach(cards::putIfAbsent);
    }
    return cards;
  }

  /** Whether the first {@code length} bytes of {@code b} start with the ASCII {@code prefix}. */
  static boolean startsWith(byte[] b, int length, String prefix) {
    if (length < prefix.length() || b.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (b[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** A {@link ErrorCode#FORMAT_INVALID} failure about the file {@code name}. */
  static ArchiveException invalid(String what, String name, Throwable cause) {
    return new ArchiveException(
        ErrorCode.FORMAT_INVALID, "Invalid FITS file " + name + ": " + what, name, cause);
  }
}
