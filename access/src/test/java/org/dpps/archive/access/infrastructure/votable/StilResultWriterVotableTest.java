package org.dpps.archive.access.infrastructure.votable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dpps.archive.access.infrastructure.votable.Fixtures.COLUMNS;
import static org.dpps.archive.access.infrastructure.votable.Fixtures.children;

import java.util.ArrayList;
import java.util.List;
import org.dpps.archive.access.domain.tap.ResultFormat;
import org.dpps.archive.access.domain.tap.RowSource;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.dpps.archive.access.infrastructure.votable.Fixtures.CountingSource;
import org.dpps.archive.access.infrastructure.votable.Fixtures.Written;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.util.ByteArrayDataSource;
import uk.ac.starlink.votable.VOTableBuilder;

class StilResultWriterVotableTest {

  static StarTable readBack(byte[] votable) throws Exception {
    return new VOTableBuilder()
        .makeStarTable(
            new ByteArrayDataSource("result", votable), false, StoragePolicy.PREFER_MEMORY);
  }

  static List<Object[]> cells(StarTable table) throws Exception {
    List<Object[]> rows = new ArrayList<>();
    try (RowSequence seq = table.getRowSequence()) {
      while (seq.next()) {
        rows.add(seq.getRow().clone());
      }
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(
      value = ResultFormat.class,
      names = {"VOTABLE_BINARY2", "VOTABLE_TABLEDATA"})
  void everyTypeAndNullReadsBackWithThePublishedMetadata(ResultFormat format) throws Exception {
    Written written = Fixtures.write(format, COLUMNS, new CountingSource(Fixtures.rows()), 100);

    assertThat(written.summary().rows()).isEqualTo(4);
    assertThat(written.summary().overflowed()).isFalse();
    assertThat(written.summary().failure()).isEmpty();
    Fixtures.validateVotable(written.bytes());
    assertThat(written.text())
        .contains(format == ResultFormat.VOTABLE_BINARY2 ? "<BINARY2>" : "<TABLEDATA>");

    StarTable table = readBack(written.bytes());
    assertThat(table.getColumnCount()).isEqualTo(COLUMNS.size());
    for (int i = 0; i < COLUMNS.size(); i++) {
      TapColumn column = COLUMNS.get(i);
      ColumnInfo info = table.getColumnInfo(i);
      assertThat(info.getName()).isEqualTo(column.name());
      assertThat(info.getUnitString()).isEqualTo(column.unit().isEmpty() ? null : column.unit());
      assertThat(info.getUCD()).isEqualTo(column.ucd().isEmpty() ? null : column.ucd());
      assertThat(info.getUtype()).isEqualTo(column.utype().isEmpty() ? null : column.utype());
      assertThat(info.getXtype()).isEqualTo(column.xtype().isEmpty() ? null : column.xtype());
      assertThat(info.getDescription()).isEqualTo(column.description());
    }
    assertThat(table.getColumnInfo(2).getContentClass()).isEqualTo(Short.class);
    assertThat(table.getColumnInfo(3).getContentClass()).isEqualTo(Float.class);
    assertThat(table.getColumnInfo(7).getContentClass()).isEqualTo(String.class);
    assertThat(table.getColumnInfo(10).getContentClass()).isEqualTo(double[].class);

    List<Object[]> actual = cells(table);
    List<Object[]> expected = Fixtures.expected();
    assertThat(actual).hasSameSizeAs(expected);
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < COLUMNS.size(); c++) {
        Object want = expected.get(r)[c];
        if ("".equals(want) && format == ResultFormat.VOTABLE_TABLEDATA) {
          want = null; // an empty TD is null in TABLEDATA: the format cannot tell "" from null
        }
        assertThat(actual.get(r)[c])
            .as("row %d column %s", r, COLUMNS.get(c).name())
            .isEqualTo(want);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ResultFormat.class,
      names = {"VOTABLE_BINARY2", "VOTABLE_TABLEDATA"})
  void fieldsCarryExactlyTheDeclaredAttributes(ResultFormat format) throws Exception {
    Written written = Fixtures.write(format, COLUMNS, new CountingSource(Fixtures.rows()), 100);
    Document doc = Fixtures.parse(written.bytes());
    Element votable = doc.getDocumentElement();
    assertThat(votable.getNamespaceURI()).isEqualTo("http://www.ivoa.net/xml/VOTable/v1.3");
    assertThat(votable.getAttribute("version")).isEqualTo("1.4");
    Element table = children(children(votable, "RESOURCE").get(0), "TABLE").get(0);
    List<Element> fields = children(table, "FIELD");
    assertThat(fields).hasSize(COLUMNS.size());
    for (int i = 0; i < COLUMNS.size(); i++) {
      TapColumn column = COLUMNS.get(i);
      Element field = fields.get(i);
      assertThat(field.getAttribute("name")).isEqualTo(column.name());
      assertThat(field.getAttribute("datatype")).isEqualTo(column.datatype());
      assertThat(field.getAttribute("arraysize")).isEqualTo(column.arraysize());
      assertThat(field.getAttribute("xtype")).isEqualTo(column.xtype());
      assertThat(field.getAttribute("unit")).isEqualTo(column.unit());
      assertThat(field.getAttribute("ucd")).isEqualTo(column.ucd());
      assertThat(field.getAttribute("utype")).isEqualTo(column.utype());
      assertThat(Fixtures.childText(field, "DESCRIPTION")).isEqualTo(column.description());
    }
  }

  /** The names of the RESOURCE's children and the values of its INFOs, in order. */
  static List<String> resourceOutline(byte[] votable) throws Exception {
    Element resource = children(Fixtures.parse(votable).getDocumentElement(), "RESOURCE").get(0);
    assertThat(resource.getAttribute("type")).isEqualTo("results");
    return children(resource).stream()
        .map(
            e ->
                e.getLocalName().equals("INFO")
                    ? e.getAttribute("name") + "=" + e.getAttribute("value")
                    : e.getLocalName())
        .toList();
  }

  static List<Object[]> numbered(int n) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {(long) i});
    }
    return rows;
  }

  static final List<TapColumn> ONE = List.of(Fixtures.column("n", "long", "", "", "", ""));

  @ParameterizedTest
  @EnumSource(
      value = ResultFormat.class,
      names = {"VOTABLE_BINARY2", "VOTABLE_TABLEDATA"})
  void overflowIsMarkedAfterTheTableOnlyWhenCut(ResultFormat format) throws Exception {
    CountingSource cut = new CountingSource(numbered(5));
    Written overflowed = Fixtures.write(format, ONE, cut, 3);
    assertThat(overflowed.summary().rows()).isEqualTo(3);
    assertThat(overflowed.summary().overflowed()).isTrue();
    assertThat(cut.pulled).isEqualTo(4); // MAXREC rows and one more to learn of the overflow
    assertThat(resourceOutline(overflowed.bytes()))
        .containsExactly("QUERY_STATUS=OK", "TABLE", "QUERY_STATUS=OVERFLOW");
    assertThat(cells(readBack(overflowed.bytes()))).hasSize(3);
    Fixtures.validateVotable(overflowed.bytes());

    Written exact = Fixtures.write(format, ONE, new CountingSource(numbered(3)), 3);
    assertThat(exact.summary().overflowed()).isFalse();
    assertThat(resourceOutline(exact.bytes())).containsExactly("QUERY_STATUS=OK", "TABLE");
    assertThat(cells(readBack(exact.bytes()))).hasSize(3);

    Written none = Fixtures.write(format, ONE, new CountingSource(numbered(2)), 0);
    assertThat(none.summary().rows()).isZero();
    assertThat(resourceOutline(none.bytes()))
        .containsExactly("QUERY_STATUS=OK", "TABLE", "QUERY_STATUS=OVERFLOW");
    assertThat(cells(readBack(none.bytes()))).isEmpty();

    Written empty = Fixtures.write(format, ONE, new CountingSource(List.of()), 10);
    assertThat(resourceOutline(empty.bytes())).containsExactly("QUERY_STATUS=OK", "TABLE");
    assertThat(cells(readBack(empty.bytes()))).isEmpty();
    Fixtures.validateVotable(empty.bytes());
  }

  @ParameterizedTest
  @EnumSource(
      value = ResultFormat.class,
      names = {"VOTABLE_BINARY2", "VOTABLE_TABLEDATA"})
  void anErrorWhileReadingRowsEndsTheTableWithAnErrorStatus(ResultFormat format) throws Exception {
    int[] calls = {0};
    RowSource failing =
        () -> {
          if (calls[0]++ == 2) {
            throw new TapException(TapError.TIMEOUT, "ran longer than 60 s");
          }
          return new Object[] {(long) calls[0]};
        };
    Written written = Fixtures.write(format, ONE, failing, 100);
    assertThat(written.summary().rows()).isEqualTo(2);
    assertThat(written.summary().failure())
        .get()
        .extracting(TapException::error)
        .isEqualTo(TapError.TIMEOUT);
    assertThat(resourceOutline(written.bytes()))
        .containsExactly("QUERY_STATUS=OK", "TABLE", "QUERY_STATUS=ERROR");
    assertThat(written.text()).contains("TAP-009: ran longer than 60 s");
    assertThat(cells(readBack(written.bytes()))).hasSize(2);
    Fixtures.validateVotable(written.bytes());
  }

  @ParameterizedTest
  @EnumSource(
      value = ResultFormat.class,
      names = {"VOTABLE_BINARY2", "VOTABLE_TABLEDATA"})
  void aValueThatDoesNotFitItsColumnIsAnExecutionError(ResultFormat format) throws Exception {
    List<TapColumn> shortColumn = List.of(Fixtures.column("s", "short", "", "", "", ""));
    Written written =
        Fixtures.write(
            format,
            shortColumn,
            new CountingSource(List.of(new Object[] {1}, new Object[] {70000})),
            100);
    assertThat(written.summary().rows()).isEqualTo(1);
    assertThat(written.summary().failure())
        .get()
        .extracting(TapException::error)
        .isEqualTo(TapError.EXECUTION_FAILED);
    assertThat(written.text()).contains("TAP-013: column s");
  }
}
