package org.dpps.archive.access.infrastructure.votable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.dpps.archive.access.domain.tap.ResultFormat;
import org.dpps.archive.access.domain.tap.ResultSummary;
import org.dpps.archive.access.domain.tap.RowSource;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Columns and rows of every type, and helpers to write and parse results. */
final class Fixtures {
  private Fixtures() {}

  static TapColumn column(
      String name, String datatype, String arraysize, String xtype, String unit, String ucd) {
    return new TapColumn(
        name,
        datatype,
        arraysize,
        xtype,
        unit,
        ucd,
        ucd.isEmpty() ? "" : "obscore:" + name,
        "the " + name + " <column> & more",
        true,
        false,
        true,
        "");
  }

  /** One column of each datatype the service publishes. */
  static final List<TapColumn> COLUMNS =
      List.of(
          column("obs_id", "char", "*", "", "", "meta.id"),
          column("s_ra", "double", "", "", "deg", "pos.eq.ra;meta.main"),
          column("calib_level", "short", "", "", "", "meta.code;obs.calib"),
          column("t_exptime", "float", "", "", "s", "time.duration"),
          column("access_estsize", "long", "", "", "kbyte", "phys.size;meta.file"),
          column("n_events", "int", "", "", "", "meta.number"),
          column("embargoed", "boolean", "", "", "", "meta.code"),
          column("t_start", "char", "*", "timestamp", "", "time.start"),
          column("target_name", "unicodeChar", "*", "", "", "meta.id;src"),
          column("code", "char", "8", "", "", ""),
          column("s_pos", "double", "2", "point", "deg", "pos.eq"),
          column("CamelName", "char", "16*", "", "", ""));

  /** Values as JDBC gives them: wider types, BigDecimal, Timestamp, OffsetDateTime. */
  static List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(
        new Object[] {
          "obs-1",
          new BigDecimal("83.63308"),
          Integer.valueOf(2),
          Double.valueOf(1800.5),
          Integer.valueOf(123456),
          Long.valueOf(42),
          Boolean.TRUE,
          Timestamp.valueOf(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 678_000_000)),
          "Crab Nebula",
          "ABCDEFGH",
          new double[] {83.6, 22.0},
          "x"
        });
    rows.add(new Object[COLUMNS.size()]);
    rows.add(
        new Object[] {
          "obs-ü✓ \"quoted\", <tag> & tab\there",
          Double.valueOf(-0.5),
          Short.valueOf((short) -3),
          Float.valueOf(0.25f),
          Long.valueOf(Long.MAX_VALUE),
          Integer.valueOf(Integer.MIN_VALUE),
          Integer.valueOf(0),
          OffsetDateTime.of(2026, 6, 30, 23, 59, 59, 1_000_000, ZoneOffset.ofHours(2)),
          "Ηλέκτρα η ✓ 星",
          "short",
          List.of(1, 2.5),
          "line\nbreak"
        });
    rows.add(
        new Object[] {
          "obs-4",
          null,
          null,
          null,
          null,
          null,
          false,
          LocalDateTime.of(2026, 12, 3, 0, 0),
          null,
          null,
          null,
          ""
        });
    return rows;
  }

  /** What each row reads back as, in the declared types. */
  static List<Object[]> expected() {
    return List.of(
        new Object[] {
          "obs-1",
          83.63308,
          (short) 2,
          1800.5f,
          123456L,
          42,
          true,
          "2026-01-02T03:04:05.678",
          "Crab Nebula",
          "ABCDEFGH",
          new double[] {83.6, 22.0},
          "x"
        },
        new Object[COLUMNS.size()],
        new Object[] {
          "obs-ü✓ \"quoted\", <tag> & tab\there",
          -0.5,
          (short) -3,
          0.25f,
          Long.MAX_VALUE,
          Integer.MIN_VALUE,
          false,
          "2026-06-30T21:59:59.001",
          "Ηλέκτρα η ✓ 星",
          "short",
          new double[] {1, 2.5},
          "line\nbreak"
        },
        new Object[] {
          "obs-4",
          null,
          null,
          null,
          null,
          null,
          false,
          "2026-12-03T00:00:00.000",
          null,
          null,
          null,
          ""
        });
  }

  /** A source over a list that counts how many rows were asked for. */
  static final class CountingSource implements RowSource {
    private final Iterator<Object[]> rows;
    int pulled;

    CountingSource(List<Object[]> rows) {
      this.rows = rows.iterator();
    }

    @Override
    public Object[] next() {
      if (!rows.hasNext()) {
        return null;
      }
      pulled++;
      return rows.next();
    }
  }

  record Written(byte[] bytes, ResultSummary summary) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  static Written write(ResultFormat format, List<TapColumn> columns, RowSource rows, long maxRec)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ResultSummary summary = new StilResultWriter().write(format, columns, rows, maxRec, out);
    return new Written(out.toByteArray(), summary);
  }

  static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml));
  }

  /** The element children of {@code parent}. */
  static List<Element> children(Node parent) {
    List<Element> elements = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        elements.add(e);
      }
    }
    return elements;
  }

  /** The element children of {@code parent} with this local name. */
  static List<Element> children(Node parent, String localName) {
    return children(parent).stream().filter(e -> e.getLocalName().equals(localName)).toList();
  }

  static String childText(Element parent, String localName) {
    List<Element> found = children(parent, localName);
    return found.isEmpty() ? null : found.get(0).getTextContent();
  }

  /** Validates a VOTable against the VOTable 1.4 schema that STIL carries. */
  static void validateVotable(byte[] xml) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    try (InputStream xsd =
        uk.ac.starlink.votable.VOTableWriter.class.getResourceAsStream(
            "/uk/ac/starlink/util/text/VOTable1.4.xsd")) {
      factory
          .newSchema(new StreamSource(xsd))
          .newValidator()
          .validate(new StreamSource(new java.io.ByteArrayInputStream(xml)));
    }
  }
}
