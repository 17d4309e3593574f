package org.dpps.archive.access.infrastructure.votable;

/** XML text: escaping, and characters XML 1.0 cannot carry replaced. */
final class Xml {
  private Xml() {}

  /** {@code text} with every character XML 1.0 forbids replaced by U+FFFD. */
  static String legal(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
        continue;
      }
      ok =
          c == '\t'
              || c == '\n'
              || c == '\r'
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD);
      if (!ok && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(ok ? c : '\uFFFD');
      }
    }
    return out == null ? text : out.toString();
  }

  /** {@code text} escaped for element content and attribute values (double quotes). */
  static String escape(String text) {
    String legal = legal(text);
    StringBuilder out = new StringBuilder(legal.length() + 16);
    for (int i = 0; i < legal.length(); i++) {
      char c = legal.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\n' -> out.append("&#10;");
        case '\r' -> out.append("&#13;");
        case '\t' -> out.append("&#9;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
