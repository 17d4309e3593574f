package org.dpps.archive.schemas.metadata;

import static org.dpps.archive.schemas.metadata.FitsHeaderScanner.CARD;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Minimal parser for {@code HIERARCH} cards (with {@code CONTINUE} long strings), used only when
 * nom-tam-fits has been configured process-wide not to interpret them.
 */
final class RawHierarch {
  private RawHierarch() {}

  /** The {@code HIERARCH} keys and values of a raw header; keys normalised, first one wins. */
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
