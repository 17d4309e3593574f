package org.dpps.archive.access.infrastructure.votable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.access.infrastructure.votable.Fixtures.COLUMNS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.dpps.archive.access.domain.tap.ResultFormat;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.infrastructure.votable.Fixtures.CountingSource;
import org.dpps.archive.access.infrastructure.votable.Fixtures.Written;
import org.junit.jupiter.api.Test;

class TextAndJsonResultsTest {

  /** What a cell of {@link Fixtures#expected()} is as text ("" for null). */
  static String text(Object value) {
    return value == null ? "" : TextResults.format(value);
  }

  /** An RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
  static List<List<String>> parseCsv(String csv) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && csv.charAt(i + 1) == '\n') {
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    assertThat(field).isEmpty();
    assertThat(record).isEmpty();
    return records;
  }

  static String unescapeTsv(String field) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\') {
        char next = field.charAt(++i);
        b.append(
            switch (next) {
              case 't' -> '\t';
              case 'n' -> '\n';
              case 'r' -> '\r';
              default -> next;
            });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  @Test
  void csvHasAHeaderAndEveryCellQuotedWhereNeeded() throws Exception {
    Written written =
        Fixtures.write(ResultFormat.CSV, COLUMNS, new CountingSource(Fixtures.rows()), 100);
    List<List<String>> records = parseCsv(written.text());
    assertThat(records.get(0)).containsExactlyElementsOf(names());
    List<Object[]> expected = Fixtures.expected();
    assertThat(records).hasSize(expected.size() + 1);
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < COLUMNS.size(); c++) {
        assertThat(records.get(r + 1).get(c))
            .as("row %d column %s", r, COLUMNS.get(c).name())
            .isEqualTo(text(expected.get(r)[c]));
      }
    }
    assertThat(written.text()).contains("\"obs-ü✓ \"\"quoted\"\", <tag> & tab\there\"");
    assertThat(written.text()).contains("\"line\nbreak\"");
  }

  @Test
  void tsvHasAHeaderAndEscapesTabsAndLineBreaks() throws Exception {
    Written written =
        Fixtures.write(ResultFormat.TSV, COLUMNS, new CountingSource(Fixtures.rows()), 100);
    String[] lines = written.text().split("\n", -1);
    assertThat(lines[lines.length - 1]).isEmpty(); // the last line ends with LF
    List<Object[]> expected = Fixtures.expected();
    assertThat(lines).hasSize(expected.size() + 2);
    assertThat(lines[0].split("\t", -1)).containsExactlyElementsOf(names());
    for (int r = 0; r < expected.size(); r++) {
      String[] fields = lines[r + 1].split("\t", -1);
      assertThat(fields).hasSize(COLUMNS.size());
      for (int c = 0; c < COLUMNS.size(); c++) {
        assertThat(unescapeTsv(fields[c]))
            .as("row %d column %s", r, COLUMNS.get(c).name())
            .isEqualTo(text(expected.get(r)[c]));
      }
    }
    assertThat(written.text()).contains("tab\\there").contains("line\\nbreak");
  }

  @Test
  void jsonHasTheMetadataEveryValueAndTheOverflow() throws Exception {
    Written written =
        Fixtures.write(ResultFormat.JSON, COLUMNS, new CountingSource(Fixtures.rows()), 100);
    JsonNode doc = new ObjectMapper().readTree(written.bytes());
    assertThat(doc.get("overflow").asBoolean()).isFalse();
    assertThat(doc.has("error")).isFalse();
    JsonNode metadata = doc.get("metadata");
    assertThat(metadata).hasSize(COLUMNS.size());
    for (int i = 0; i < COLUMNS.size(); i++) {
      TapColumn column = COLUMNS.get(i);
      JsonNode m = metadata.get(i);
      assertThat(m.get("name").asText()).isEqualTo(column.name());
      assertThat(m.get("datatype").asText()).isEqualTo(column.datatype());
      assertThat(m.path("arraysize").asText()).isEqualTo(column.arraysize());
      assertThat(m.path("xtype").asText()).isEqualTo(column.xtype());
      assertThat(m.path("unit").asText()).isEqualTo(column.unit());
      assertThat(m.path("ucd").asText()).isEqualTo(column.ucd());
      assertThat(m.path("description").asText()).isEqualTo(column.description());
    }
    JsonNode data = doc.get("data");
    List<Object[]> expected = Fixtures.expected();
    assertThat(data).hasSize(expected.size());
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < COLUMNS.size(); c++) {
        JsonNode cell = data.get(r).get(c);
        Object want = expected.get(r)[c];
        String where = "row " + r + " column " + COLUMNS.get(c).name();
        if (want == null) {
          assertThat(cell.isNull()).as(where).isTrue();
        } else if (want instanceof String s) {
          assertThat(cell.isTextual()).as(where).isTrue();
          assertThat(cell.asText()).as(where).isEqualTo(s);
        } else if (want instanceof Boolean b) {
          assertThat(cell.asBoolean()).as(where).isEqualTo(b);
        } else if (want instanceof double[] a) {
          assertThat(cell.size()).as(where).isEqualTo(a.length);
          for (int k = 0; k < a.length; k++) {
            assertThat(cell.get(k).asDouble()).as(where).isEqualTo(a[k]);
          }
        } else if (want instanceof Long || want instanceof Integer || want instanceof Short) {
          assertThat(cell.isIntegralNumber()).as(where).isTrue();
          assertThat(cell.asLong()).as(where).isEqualTo(((Number) want).longValue());
        } else {
          assertThat(cell.asDouble()).as(where).isEqualTo(((Number) want).doubleValue());
        }
      }
    }
  }

  @Test
  void jsonMarksOverflowAndWritesNaNAsNull() throws Exception {
    List<TapColumn> columns = List.of(Fixtures.column("x", "double", "", "", "", ""));
    Written written =
        Fixtures.write(
            ResultFormat.JSON,
            columns,
            new CountingSource(
                List.of(
                    new Object[] {Double.NaN},
                    new Object[] {Double.POSITIVE_INFINITY},
                    new Object[] {1.0})),
            2);
    JsonNode doc = new ObjectMapper().readTree(written.bytes());
    assertThat(doc.get("overflow").asBoolean()).isTrue();
    assertThat(doc.get("data")).hasSize(2);
    assertThat(doc.get("data").get(0).get(0).isNull()).isTrue();
    assertThat(doc.get("data").get(1).get(0).isNull()).isTrue();
    assertThat(written.summary().overflowed()).isTrue();
  }

  @Test
  void textFormatsStopAtMaxRecAndReportTheOverflow() throws Exception {
    List<Object[]> rows = StilResultWriterVotableTest.numbered(10);
    for (ResultFormat format : List.of(ResultFormat.CSV, ResultFormat.TSV)) {
      CountingSource source = new CountingSource(rows);
      Written written = Fixtures.write(format, StilResultWriterVotableTest.ONE, source, 4);
      assertThat(written.text().lines()).containsExactly("n", "0", "1", "2", "3");
      assertThat(written.summary().overflowed()).isTrue();
      assertThat(source.pulled).isEqualTo(5);
    }
  }

  private static List<String> names() {
    return COLUMNS.stream().map(TapColumn::name).toList();
  }
}
