package org.dpps.archive.planning.infrastructure.fits;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.dpps.archive.planning.domain.FitsComparison;
import org.dpps.archive.planning.infrastructure.fits.FitsLogicalHdus.Card;
import org.dpps.archive.planning.infrastructure.fits.FitsLogicalHdus.Logical;

/**
 * Significant-property check of a FITS migration: same logical HDUs, same header values except
 * compression/structural/checksum keywords, same decoded data.
 *
 * <p>Each file is read as a list of <em>logical</em> HDUs: a tile-compressed image or table counts
 * as its decompressed form, and an empty primary HDU directly followed by a compressed image with
 * {@code ZSIMPLE = T} (fpack's convention for a compressed primary array) counts as that one
 * primary image. Logical HDUs are paired by position and compared on:
 *
 * <ul>
 *   <li>kind ({@code image}, {@code binary-table}, {@code ascii-table}, {@code header-only}, or
 *       {@code other} for random groups and unknown extensions);
 *   <li>element data type ({@code uint8}, {@code int16}, ... {@code float64} for images; the column
 *       types for tables) and dimensions (FITS order, NAXIS1 first, for images; columns and rows
 *       for tables);
 *   <li>the SHA-256 of the decoded data values in FITS big-endian order (images: the array of
 *       stored values, BSCALE/BZERO not applied; tables: the cell values row by row; see {@link
 *       FitsComparison.HduSummary#dataSha256()});
 *   <li>header values, keyword by keyword, ignoring the structural keywords (SIMPLE, XTENSION,
 *       BITPIX, NAXIS, NAXISn, PCOUNT, GCOUNT, EXTEND, END), CHECKSUM and DATASUM, every keyword of
 *       the tile compression convention (ZIMAGE, ZTABLE, ZBITPIX, ZNAXIS, ZNAXISn, ZTILEn,
 *       ZCMPTYPE, ZNAMEn, ZVALn, ZQUANTIZ, ZDITHER0, ZSIMPLE, ZTENSION, ZEXTEND, ZPCOUNT, ZGCOUNT,
 *       ZHECKSUM, ZDATASUM, ZBLANK, ZSCALE, ZZERO, ZFORMn, ZCTYPn, ZMASKCMP, ZTHEAP, ZTILELEN,
 *       ZBLOCKED), {@code EXTNAME = 'COMPRESSED_IMAGE'} (added by cfitsio), the column keywords of
 *       the table that stores a compressed image and the storage keywords (TFIELDS, THEAP, TFORMn,
 *       TBCOLn) of a compressed table. Values compare semantically: numbers numerically ({@code 1}
 *       equals {@code 1.0E0}), logicals as logicals, strings without trailing blanks. COMMENT,
 *       HISTORY and blank-keyword cards compare as ordered lists of text per keyword, except
 *       cfitsio's two standard "FITS (Flexible Image Transport System) format is defined in..."
 *       comment lines.
 * </ul>
 *
 * <p>Both files are read HDU by HDU ({@link FitsLogicalHdus}); memory is bounded by the largest
 * decoded HDU. Stateless and thread-safe.
 */
@ApplicationScoped
public class FitsEquivalence implements FitsComparison {

  private static final int SHORT_DIGEST = 12;

  public FitsEquivalence() {}

  /**
   * Compares a FITS file with its migration.
   *
   * @param original the file before migration (plain or gzip-compressed FITS)
   * @param migrated the file after migration (plain or gzip-compressed FITS)
   * @return the report; {@link Report#equivalent()} if no significant property differs
   * @throws IOException if either file cannot be read or is not valid FITS
   */
  @Override
  public Report compare(Path original, Path migrated) throws IOException {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(migrated, "migrated");
    List<Logical> a = FitsLogicalHdus.read(original);
    List<Logical> b = FitsLogicalHdus.read(migrated);
    List<String> differences = new ArrayList<>();
    if (a.size() != b.size()) {
      differences.add("HDU count " + a.size() + " != " + b.size());
    }
    int common = Math.min(a.size(), b.size());
    for (int i = 0; i < common; i++) {
      compare(a.get(i), b.get(i), differences);
    }
    for (int i = common; i < a.size(); i++) {
      differences.add(label(a.get(i).summary(), null) + ": missing in the migrated file");
    }
    for (int i = common; i < b.size(); i++) {
      differences.add(label(b.get(i).summary(), null) + ": only in the migrated file");
    }
    return new Report(
        differences.isEmpty(),
        differences,
        a.stream().map(Logical::summary).toList(),
        b.stream().map(Logical::summary).toList());
  }

  // ---------------------------------------------------------------------------------------------
  // Comparison

  private static void compare(Logical a, Logical b, List<String> out) {
    HduSummary x = a.summary();
    HduSummary y = b.summary();
    String label = label(x, y);
    boolean comparable = true;
    if (!x.kind().equals(y.kind())) {
      out.add(label + ": kind " + x.kind() + " != " + y.kind());
      comparable = false;
    }
    if (!x.dataType().equals(y.dataType())) {
      out.add(label + ": data type " + x.dataType() + " != " + y.dataType());
      comparable = false;
    }
    if (!x.dimensions().equals(y.dimensions())) {
      out.add(label + ": dimensions " + x.dimensions() + " != " + y.dimensions());
      comparable = false;
    }
    if (comparable && !x.dataSha256().equals(y.dataSha256())) {
      out.add(
          label
              + ": data differ (sha256 "
              + shortDigest(x.dataSha256())
              + " != "
              + shortDigest(y.dataSha256())
              + ")");
    }
    Predicate<String> ignored = FitsLogicalHdus.pairExclusions(a.compression(), b.compression());
    compareHeaders(label, a.cards(), b.cards(), ignored, out);
  }

  private static void compareHeaders(
      String label, List<Card> a, List<Card> b, Predicate<String> ignored, List<String> out) {
    Map<String, List<Card>> values = new LinkedHashMap<>();
    Map<String, List<Card>> otherValues = new LinkedHashMap<>();
    Map<String, List<String>> texts = new LinkedHashMap<>();
    Map<String, List<String>> otherTexts = new LinkedHashMap<>();
    group(a, ignored, values, texts);
    group(b, ignored, otherValues, otherTexts);

    Set<String> keys = new LinkedHashSet<>(values.keySet());
    keys.addAll(otherValues.keySet());
    for (String key : keys) {
      List<Card> x = values.getOrDefault(key, List.of());
      List<Card> y = otherValues.getOrDefault(key, List.of());
      if (x.isEmpty()) {
        out.add(label + ": header " + key + " added (" + y.get(0).display() + ")");
      } else if (y.isEmpty()) {
        out.add(label + ": header " + key + " removed (was " + x.get(0).display() + ")");
      } else {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
          if (!sameValue(x.get(i).value(), y.get(i).value())) {
            out.add(
                label + ": header " + key + " " + x.get(i).display() + " != " + y.get(i).display());
          }
        }
        if (x.size() != y.size()) {
          out.add(label + ": header " + key + " occurs " + x.size() + " != " + y.size() + " times");
        }
      }
    }

    Set<String> commentary = new LinkedHashSet<>(texts.keySet());
    commentary.addAll(otherTexts.keySet());
    for (String key : commentary) {
      List<String> x = texts.getOrDefault(key, List.of());
      List<String> y = otherTexts.getOrDefault(key, List.of());
      String name = key.isEmpty() ? "blank-keyword" : key;
      if (x.size() != y.size()) {
        out.add(label + ": header " + name + " cards " + x.size() + " != " + y.size());
        continue;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!x.get(i).equals(y.get(i))) {
          out.add(
              label
                  + ": header "
                  + name
                  + " card "
                  + (i + 1)
                  + " '"
                  + x.get(i)
                  + "' != '"
                  + y.get(i)
                  + "'");
          break;
        }
      }
    }
  }

  private static void group(
      List<Card> cards,
      Predicate<String> ignored,
      Map<String, List<Card>> values,
      Map<String, List<String>> texts) {
    for (Card card : cards) {
      if (ignored.test(card.key())) {
        continue;
      }
      if (card.commentary()) {
        texts.computeIfAbsent(card.key(), k -> new ArrayList<>()).add((String) card.value());
      } else {
        values.computeIfAbsent(card.key(), k -> new ArrayList<>()).add(card);
      }
    }
  }

  private static boolean sameValue(Object x, Object y) {
    if (x instanceof BigDecimal p && y instanceof BigDecimal q) {
      return p.compareTo(q) == 0;
    }
    return Objects.equals(x, y);
  }

  private static String label(HduSummary x, HduSummary y) {
    String name = x.name();
    if (name.isEmpty() && y != null) {
      name = y.name();
    }
    return "HDU " + x.index() + (name.isEmpty() ? "" : " (" + name + ")");
  }

  private static String shortDigest(String hex) {
    return hex.length() <= SHORT_DIGEST ? hex : hex.substring(0, SHORT_DIGEST) + "..";
  }
}
