package org.dpps.archive.access.infrastructure.votable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.dpps.archive.access.domain.tap.TapLimits;
import org.dpps.archive.access.domain.tap.TapSchema;
import org.dpps.archive.access.domain.tap.TapTable;

/**
 * The VOSI documents of the TAP service, written with StAX: capabilities (VOSICapabilities 1.0 with
 * TAPRegExt 1.0), tables (VOSITables 1.1 over VODataService 1.1) and availability (VOSIAvailability
 * 1.0). Each method has a variant returning the document's bytes.
 */
public final class VosiDocuments {
  /** The media type of every VOSI document. */
  public static final String CONTENT_TYPE = "application/xml";

  static final String VOSI_AVAILABILITY = "http://www.ivoa.net/xml/VOSIAvailability/v1.0";

  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private VosiDocuments() {}

  @FunctionalInterface
  private interface Content {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  /**
   * Writes the capabilities: TAP at {@code <baseUrl>/tap}, the VOSI endpoints below it, DataLink at
   * {@code <baseUrl>/datalink/links}.
   */
  public static void capabilities(String baseUrl, TapLimits limits, OutputStream out)
      throws IOException {
    write(out, w -> new CapabilitiesDocument(w).write(baseUrl, limits));
  }

  public static byte[] capabilities(String baseUrl, TapLimits limits) {
    return bytes(out -> capabilities(baseUrl, limits, out));
  }

  /** Writes the {@code vosi:tableset} of every published schema, table and column. */
  public static void tables(TapSchema schema, OutputStream out) throws IOException {
    write(out, w -> new TablesetDocument(w).tableset(schema));
  }

  public static byte[] tables(TapSchema schema) {
    return bytes(out -> tables(schema, out));
  }

  /**
   * Writes the {@code vosi:table} of one table ({@code /tables/<schema.table>}).
   *
   * @throws NoSuchElementException when no table has that name
   */
  public static void tables(TapSchema schema, String tableName, OutputStream out)
      throws IOException {
    TapTable table =
        schema
            .table(tableName)
            .orElseThrow(() -> new NoSuchElementException("no table " + tableName));
    write(out, w -> new TablesetDocument(w).tableDocument(schema, table));
  }

  public static byte[] tables(TapSchema schema, String tableName) {
    return bytes(out -> tables(schema, tableName, out));
  }

  /** Writes the availability: whether the service is up, with a note. */
  public static void availability(boolean up, String note, OutputStream out) throws IOException {
    write(
        out,
        w -> {
          w.writeStartDocument("UTF-8", "1.0");
          w.writeStartElement("vosi", "availability", VOSI_AVAILABILITY);
          w.writeNamespace("vosi", VOSI_AVAILABILITY);
          w.writeStartElement("vosi", "available", VOSI_AVAILABILITY);
          w.writeCharacters(Boolean.toString(up));
          w.writeEndElement();
          if (note != null && !note.isBlank()) {
            w.writeStartElement("vosi", "note", VOSI_AVAILABILITY);
            w.writeCharacters(Xml.legal(note));
            w.writeEndElement();
          }
          w.writeEndElement();
          w.writeEndDocument();
        });
  }

  public static byte[] availability(boolean up, String note) {
    return bytes(out -> availability(up, note, out));
  }

  private static void write(OutputStream out, Content content) throws IOException {
    try {
      XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
      content.write(w);
      w.flush();
      w.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write a VOSI document", e);
    }
    out.flush();
  }

  @FunctionalInterface
  private interface Writing {
    void to(OutputStream out) throws IOException;
  }

  private static byte[] bytes(Writing writing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writing.to(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
