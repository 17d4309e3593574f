package org.dpps.archive.access.infrastructure.votable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dpps.archive.access.domain.tap.ResultFormat;
import org.dpps.archive.access.domain.tap.ResultSummary;
import org.dpps.archive.access.domain.tap.ResultWriter;
import org.dpps.archive.access.domain.tap.RowSource;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapException;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOSerializer;
import uk.ac.starlink.votable.VOTableVersion;

/**
 * Writes TAP results: VOTable 1.4 through STIL (our frame and FIELDs, STIL's DATA), CSV, TSV and
 * JSON. The rows are streamed: one row is held at a time.
 */
@jakarta.enterprise.context.ApplicationScoped
public class StilResultWriter implements ResultWriter {
  static final String VOTABLE_NS = "http://www.ivoa.net/xml/VOTable/v1.3";

  @Override
  public ResultSummary write(
      ResultFormat format,
      List<TapColumn> columns,
      RowSource rows,
      long maxRec,
      OutputStream out,
      Map<String, String> infos)
      throws IOException {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(infos, "infos");
    Objects.requireNonNull(out, "out");
    LimitedRows limited = new LimitedRows(rows, List.copyOf(columns), maxRec);
    switch (format) {
      case VOTABLE_BINARY2 -> votable(DataFormat.BINARY2, columns, limited, infos, out);
      case VOTABLE_TABLEDATA -> votable(DataFormat.TABLEDATA, columns, limited, infos, out);
      case CSV -> TextResults.csv(columns, limited, out);
      case TSV -> TextResults.tsv(columns, limited, out);
      case JSON -> JsonResults.write(columns, limited, out);
    }
    return limited.summary();
  }

  /** The opening of a TAP result or error VOTable, up to and including {@code <RESOURCE>}. */
  static void writeHead(BufferedWriter w) throws IOException {
    w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.write("<VOTABLE version=\"1.4\" xmlns=\"" + VOTABLE_NS + "\"");
    w.write(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"");
    w.write(" xsi:schemaLocation=\"" + VOTABLE_NS + " http://www.ivoa.net/xml/VOTable/v1.3\">\n");
    w.write("<RESOURCE type=\"results\">\n");
  }

  private static void votable(
      DataFormat dataFormat,
      List<TapColumn> columns,
      LimitedRows rows,
      Map<String, String> infos,
      OutputStream out)
      throws IOException {
    BufferedWriter w =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    writeHead(w);
    w.write("<INFO name=\"QUERY_STATUS\" value=\"OK\"/>\n");
    for (Map.Entry<String, String> info : infos.entrySet()) {
      w.write("<INFO");
      attribute(w, "name", info.getKey());
      w.write(" value=\"" + Xml.escape(info.getValue()) + "\"/>\n");
    }
    w.write("<TABLE>\n");
    for (TapColumn column : columns) {
      writeField(w, column);
    }
    VOSerializer serializer =
        VOSerializer.makeSerializer(
            dataFormat, VOTableVersion.V14, new StreamingStarTable(columns, rows));
    serializer.writeInlineDataElement(w);
    w.write("</TABLE>\n");
    if (rows.overflowed()) {
      w.write("<INFO name=\"QUERY_STATUS\" value=\"OVERFLOW\"/>\n");
    }
    if (rows.failure().isPresent()) {
      TapException failure = rows.failure().get();
      w.write("<INFO name=\"QUERY_STATUS\" value=\"ERROR\">");
      w.write(Xml.escape(failure.describe()));
      w.write("</INFO>\n");
    }
    w.write("</RESOURCE>\n</VOTABLE>\n");
    w.flush();
  }

  /** A FIELD with the published metadata: name as given, datatype, arraysize, xtype, ... */
  static void writeField(BufferedWriter w, TapColumn column) throws IOException {
    w.write("<FIELD");
    attribute(w, "name", column.name());
    attribute(w, "datatype", column.datatype());
    attribute(w, "arraysize", column.arraysize());
    attribute(w, "xtype", column.xtype());
    attribute(w, "unit", column.unit());
    attribute(w, "ucd", column.ucd());
    attribute(w, "utype", column.utype());
    if (column.description().isEmpty()) {
      w.write("/>\n");
      return;
    }
    w.write(">\n<DESCRIPTION>");
    w.write(Xml.escape(column.description()));
    w.write("</DESCRIPTION>\n</FIELD>\n");
  }

  private static void attribute(BufferedWriter w, String name, String value) throws IOException {
    if (!value.isEmpty()) {
      w.write(" " + name + "=\"" + Xml.escape(value) + "\"");
    }
  }
}
