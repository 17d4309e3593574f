package org.dpps.archive.schemas.metadata;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.util.Cursor;
import nom.tam.util.FitsInputStream;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * Reads the {@link ProductMetadata} of a FITS file (plain or gzip-compressed, detected by its magic
 * bytes) from its headers only: data units are skipped, never read or allocated, so a header that
 * claims gigabytes of data costs nothing but a seek (or, for gzip, a streamed decompression).
 *
 * <p>From the primary header (or, if it has none, the first header that has some) the CTAO
 * reference metadata written as {@code HIERARCH CTA ...} cards; from the first {@code
 * HDUCLAS1=EVENTS} HDU (else the HDU with most GADF observation keys) the GADF observation keys;
 * from every extension its class ({@code HDUCLAS4}, else {@code HDUCLAS2}, of {@code RESPONSE}
 * HDUs; else {@code HDUCLAS1}; else {@code EXTNAME}; extensions with none are not listed). Bytes
 * after the last complete HDU that do not start an extension are ignored, as the FITS standard
 * allows.
 *
 * <p>Limits: at most {@value #MAX_HDUS} HDUs, {@value #MAX_CARDS_PER_HEADER} cards per header and
 * {@value #MAX_TOTAL_CARDS} cards in all; beyond any of them the file is refused. Stateless and
 * thread-safe.
 */
public final class FitsMetadataReader {

  /** Most HDUs a file may have. */
  public static final int MAX_HDUS = 1000;

  /** Most 80-character cards one header may have before its {@code END} card. */
  public static final int MAX_CARDS_PER_HEADER = 10_000;

  /** Most cards all headers of a file may have together (8 MB of header text). */
  public static final int MAX_TOTAL_CARDS = 100_000;

  /** Keys kept from each header besides the reference and GADF keys. */
  private static final List<String> STRUCTURE_KEYS =
      List.of("HDUCLASS", "HDUCLAS1", "HDUCLAS2", "HDUCLAS4", "EXTNAME");

  private static final int BLOCK = 2880;
  private static final int CARD = 80;
  private static final int CARDS_PER_BLOCK = BLOCK / CARD;

  /** Creates a reader. */
  public FitsMetadataReader() {
    // stateless
  }

  /**
   * Whether the bytes start like a FITS primary header ({@code SIMPLE =}).
   *
   * @param first80 the first bytes of a file (at least 9 are needed; fewer give {@code false})
   */
  public static boolean looksLikeFits(byte[] first80) {
    Objects.requireNonNull(first80, "first80");
    return startsWith(first80, first80.length, "SIMPLE  =");
  }

  /**
   * Reads the headers of a FITS file.
   *
   * @param file a FITS file, optionally gzip-compressed
   * @return the metadata found (fields absent when the headers lack them)
   * @throws ArchiveException {@link ErrorCode#FORMAT_INVALID} if the file is not FITS, is
   *     truncated, is corrupt or exceeds the HDU/card limits
   */
  public ProductMetadata read(Path file) {
    Objects.requireNonNull(file, "file");
    List<Map<String, String>> hdus = readHeaders(file);
    return toMetadata(hdus);
  }

  private static ProductMetadata toMetadata(List<Map<String, String>> hdus) {
    Map<String, String> reference = hdus.get(0);
    if (reference.keySet().stream().noneMatch(MetadataMapping::isReferenceKey)) {
      reference =
          hdus.stream()
              .filter(h -> h.keySet().stream().anyMatch(MetadataMapping::isReferenceKey))
              .findFirst()
              .orElse(reference);
    }

    Map<String, String> events = null;
    for (int i = 1; i < hdus.size(); i++) {
      if ("EVENTS".equalsIgnoreCase(hdus.get(i).getOrDefault("HDUCLAS1", "").strip())) {
        events = hdus.get(i);
        break;
      }
    }
    Map<String, String> observation = events;
    if (observation == null) {
      int best = 0;
      for (Map<String, String> h : hdus) {
        int count = (int) MetadataMapping.GADF_KEYS.stream().filter(h::containsKey).count();
        if (count > best) {
          best = count;
          observation = h;
        }
      }
    }
    boolean gadfEvents =
        events != null && "GADF".equalsIgnoreCase(events.getOrDefault("HDUCLASS", "").strip());

    List<String> classes = new ArrayList<>();
    for (int i = 1; i < hdus.size(); i++) {
      hduClass(hdus.get(i)).ifPresent(classes::add);
    }
    return MetadataMapping.build(
        reference, observation == null ? Map.of() : observation, classes, gadfEvents);
  }

  /**
   * The class of an extension. GADF IRFs ({@code HDUCLAS1=RESPONSE}) carry the IRF kind in {@code
   * HDUCLAS2} ({@code EFF_AREA}, {@code EDISP}, {@code PSF}, {@code BKG}, {@code RAD_MAX}) and the
   * exact format in {@code HDUCLAS4} ({@code AEFF_2D}, {@code EDISP_2D}, {@code PSF_TABLE}, {@code
   * BKG_2D}, {@code RAD_MAX_2D}...): the format is reported, else the kind.
   */
  private static Optional<String> hduClass(Map<String, String> h) {
    String c1 = h.getOrDefault("HDUCLAS1", "").strip();
    String c2 = h.getOrDefault("HDUCLAS2", "").strip();
    String c4 = h.getOrDefault("HDUCLAS4", "").strip();
    if (c1.equalsIgnoreCase("RESPONSE")) {
      if (!c4.isEmpty()) {
        return Optional.of(c4);
      }
      if (!c2.isEmpty()) {
        return Optional.of(c2);
      }
    }
    if (!c1.isEmpty()) {
      return Optional.of(c1);
    }
    String extname = h.getOrDefault("EXTNAME", "").strip();
    return extname.isEmpty() ? Optional.empty() : Optional.of(extname);
  }

  // ---------------------------------------------------------------------------------------------
  // Header scanning

  private static List<Map<String, String>> readHeaders(Path file) {
    String name = file.toString();
    List<Map<String, String>> hdus = new ArrayList<>();
    long totalCards = 0;
    try (Source src = open(file)) {
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
        long dataSize = dataSize(cards, primary, hdus.size(), name);
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
  private static byte[] readRawHeader(Source src, boolean primary, int index, String name)
      throws IOException {
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

  /** Bytes of the data unit (without padding) from the mandatory keywords. */
  private static long dataSize(Map<String, String> h, boolean primary, int index, String name) {
    String first = primary ? "SIMPLE" : "XTENSION";
    if (!h.containsKey(first)) {
      throw invalid("HDU " + index + " lacks its " + first + " card", name, null);
    }
    long bitpix = mandatory(h, "BITPIX", index, name);
    if (bitpix != 8
        && bitpix != 16
        && bitpix != 32
        && bitpix != 64
        && bitpix != -32
        && bitpix != -64) {
      throw invalid("HDU " + index + " has an invalid BITPIX " + bitpix, name, null);
    }
    long naxis = mandatory(h, "NAXIS", index, name);
    if (naxis < 0 || naxis > 999) {
      throw invalid("HDU " + index + " has an invalid NAXIS " + naxis, name, null);
    }
    if (naxis == 0) {
      return 0;
    }
    long[] axes = new long[(int) naxis];
    for (int i = 0; i < naxis; i++) {
      axes[i] = mandatory(h, "NAXIS" + (i + 1), index, name);
      if (axes[i] < 0) {
        throw invalid("HDU " + index + " has a negative NAXIS" + (i + 1), name, null);
      }
    }
    boolean groups =
        primary && axes[0] == 0 && "T".equalsIgnoreCase(h.getOrDefault("GROUPS", "F").strip());
    long pcount = optional(h, "PCOUNT", 0, index, name);
    long gcount = optional(h, "GCOUNT", 1, index, name);
    if (pcount < 0 || gcount < 0) {
      throw invalid("HDU " + index + " has a negative PCOUNT or GCOUNT", name, null);
    }
    try {
      long product = 1;
      for (int i = groups ? 1 : 0; i < naxis; i++) {
        product = Math.multiplyExact(product, axes[i]);
      }
      if (primary && !groups) {
        pcount = 0;
        gcount = 1;
      }
      long elements = Math.multiplyExact(gcount, Math.addExact(pcount, product));
      return Math.multiplyExact(elements, Math.abs(bitpix) / 8);
    } catch (ArithmeticException e) {
      throw invalid("HDU " + index + " declares an impossible data size", name, e);
    }
  }

  private static long mandatory(Map<String, String> h, String key, int index, String name) {
    String v = h.get(key);
    if (v == null) {
      throw invalid("HDU " + index + " lacks the mandatory " + key + " card", name, null);
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw invalid("HDU " + index + " has a non-integer " + key + " '" + v + "'", name, e);
    }
  }

  private static long optional(
      Map<String, String> h, String key, long dflt, int index, String name) {
    return h.containsKey(key) ? mandatory(h, key, index, name) : dflt;
  }

  private static boolean startsWith(byte[] b, int length, String prefix) {
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

  private static ArchiveException invalid(String what, String name, Throwable cause) {
    return new ArchiveException(
        ErrorCode.FORMAT_INVALID, "Invalid FITS file " + name + ": " + what, name, cause);
  }

  // ---------------------------------------------------------------------------------------------
  // Byte sources: a seekable plain file, or a gzip stream

  private static Source open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      ByteBuffer magic = ByteBuffer.allocate(2);
      while (magic.hasRemaining() && ch.read(magic) >= 0) {
        // fill
      }
      ch.position(0);
      if (magic.position() == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b) {
        InputStream in =
            new GZIPInputStream(new BufferedInputStream(Channels.newInputStream(ch), 65536), 65536);
        return new StreamSource(in);
      }
      return new ChannelSource(ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private interface Source extends Closeable {
    /** Reads up to {@code b.length} bytes; fewer only at end of input. */
    int readFully(byte[] b) throws IOException;

    /** Skips {@code n} bytes; {@code false} if the input ended first. */
    boolean skip(long n) throws IOException;
  }

  private static final class ChannelSource implements Source {
    private final FileChannel ch;

    ChannelSource(FileChannel ch) {
      this.ch = ch;
    }

    @Override
    public int readFully(byte[] b) throws IOException {
      ByteBuffer buf = ByteBuffer.wrap(b);
      while (buf.hasRemaining()) {
        if (ch.read(buf) < 0) {
          break;
        }
      }
      return buf.position();
    }

    @Override
    public boolean skip(long n) throws IOException {
      long size = ch.size();
      long pos = ch.position();
      if (n > size - pos) {
        ch.position(size);
        return false;
      }
      ch.position(pos + n);
      return true;
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }

  private static final class StreamSource implements Source {
    private final InputStream in;

    StreamSource(InputStream in) {
      this.in = in;
    }

    @Override
    public int readFully(byte[] b) throws IOException {
      return in.readNBytes(b, 0, b.length);
    }

    @Override
    public boolean skip(long n) throws IOException {
      long left = n;
      while (left > 0) {
        long s = in.skip(left);
        if (s <= 0) {
          if (in.read() < 0) {
            return false;
          }
          s = 1;
        }
        left -= s;
      }
      return true;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Minimal parser for {@code HIERARCH} cards (with {@code CONTINUE} long strings), used only when
   * nom-tam-fits has been configured process-wide not to interpret them.
   */
  static final class RawHierarch {
    private RawHierarch() {}

    static Map<String, String> parse(byte[] raw) {
      Map<String, String> out = new LinkedHashMap<>();
      int cards = raw.length / CARD;
      for (int c = 0; c < cards; c++) {
        String card = new String(raw, c * CARD, CARD, StandardCharsets.US_ASCII);
        if (!card.startsWith("HIERARCH ")) {
          continue;
        }
        int eq = card.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String key = MetadataMapping.normaliseKey(card.substring(0, eq));
        String rest = card.substring(eq + 1).strip();
        String value;
        if (rest.startsWith("'")) {
          StringBuilder sb = new StringBuilder(quoted(rest).stripTrailing());
          while (sb.length() > 0
              && sb.charAt(sb.length() - 1) == '&'
              && c + 1 < cards
              && new String(raw, (c + 1) * CARD, 8, StandardCharsets.US_ASCII).equals("CONTINUE")) {
            c++;
            sb.setLength(sb.length() - 1);
            String next = new String(raw, c * CARD + 8, CARD - 8, StandardCharsets.US_ASCII);
            sb.append(quoted(next.strip()).stripTrailing());
          }
          value = sb.toString().strip();
        } else {
          int slash = rest.indexOf('/');
          value = (slash >= 0 ? rest.substring(0, slash) : rest).strip();
        }
        out.putIfAbsent(key.toUpperCase(Locale.ROOT), value);
      }
      return out;
    }

    private static String quoted(String s) {
      if (!s.startsWith("'")) {
        return "";
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (ch == '\'') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
            sb.append('\'');
            i++;
          } else {
            break;
          }
        } else {
          sb.append(ch);
        }
      }
      return sb.toString();
    }
  }
}
