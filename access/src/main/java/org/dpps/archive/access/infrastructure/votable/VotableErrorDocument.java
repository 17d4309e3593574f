package org.dpps.archive.access.infrastructure.votable;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;

/**
 * The DALI/TAP error document: a VOTable whose results RESOURCE holds only {@code <INFO
 * name="QUERY_STATUS" value="ERROR">TAP-0nn: message</INFO>}.
 */
public final class VotableErrorDocument {
  /** Its media type. */
  public static final String CONTENT_TYPE = "application/x-votable+xml";

  private VotableErrorDocument() {}

  /** Writes the document for {@code error} ({@code TAP-0nn: message}). */
  public static void write(TapException error, OutputStream out) throws IOException {
    writeText(error.describe(), out);
  }

  /** Writes the document for a code and a message. */
  public static void write(TapError code, String message, OutputStream out) throws IOException {
    writeText(code.code() + ": " + message, out);
  }

  /**
   * The document whose message is {@code text} as given: an already formatted {@code TAP-0nn: ...}
   * (a job's stored error), or a DataLink fault ({@code UsageFault: ...}), which has no TAP code.
   */
  public static byte[] of(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writeText(text, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The document for {@code error}, as bytes. */
  public static byte[] of(TapException error) {
    return of(error.describe());
  }

  private static void writeText(String text, OutputStream out) throws IOException {
    BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    StilResultWriter.writeHead(w);
    w.write("<INFO name=\"QUERY_STATUS\" value=\"ERROR\">");
    w.write(Xml.escape(text.isBlank() ? "error" : text));
    w.write("</INFO>\n</RESOURCE>\n</VOTABLE>\n");
    w.flush();
  }
}
