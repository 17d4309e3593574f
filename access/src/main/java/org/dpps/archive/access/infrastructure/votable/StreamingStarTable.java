package org.dpps.archive.access.infrastructure.votable;

import java.io.IOException;
import java.util.List;
import org.dpps.archive.access.domain.tap.TapColumn;
import uk.ac.starlink.table.AbstractStarTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.DescribedValue;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.votable.VOStarTable;

/**
 * A STIL table that can be read once, sequentially, with no row count: each row is pulled from the
 * {@link LimitedRows} when STIL's serializer asks for it.
 */
final class StreamingStarTable extends AbstractStarTable {
  private final ColumnInfo[] infos;
  private final LimitedRows rows;
  private boolean opened;

  StreamingStarTable(List<TapColumn> columns, LimitedRows rows) {
    this.infos = columns.stream().map(StreamingStarTable::info).toArray(ColumnInfo[]::new);
    this.rows = rows;
  }

  /** The STIL column for a published column: our name, type, shape and metadata. */
  static ColumnInfo info(TapColumn column) {
    ColumnInfo info =
        new ColumnInfo(column.name(), CellValues.javaClass(column), column.description());
    int[] shape = CellValues.shape(column.arraysize());
    if (CellValues.javaClass(column) == String.class) {
      info.setElementSize(shape.length == 1 ? shape[0] : -1);
    } else if (shape.length > 0) {
      info.setShape(shape);
    }
    if (column.datatype().equals("unicodeChar")) {
      info.setAuxDatum(new DescribedValue(VOStarTable.DATATYPE_INFO, "unicodeChar"));
    }
    info.setUnitString(column.unit().isEmpty() ? null : column.unit());
    info.setUCD(column.ucd().isEmpty() ? null : column.ucd());
    info.setUtype(column.utype().isEmpty() ? null : column.utype());
    info.setXtype(column.xtype().isEmpty() ? null : column.xtype());
    return info;
  }

  @Override
  public ColumnInfo getColumnInfo(int icol) {
    return infos[icol];
  }

  @Override
  public int getColumnCount() {
    return infos.length;
  }

  @Override
  public long getRowCount() {
    return -1;
  }

  @Override
  public RowSequence getRowSequence() {
    if (opened) {
      throw new IllegalStateException("a streamed result can be read once");
    }
    opened = true;
    return new RowSequence() {
      private Object[] row;

      @Override
      public boolean next() throws IOException {
        row = rows.next();
        return row != null;
      }

      @Override
      public Object getCell(int icol) {
        return row[icol];
      }

      @Override
      public Object[] getRow() {
        return row;
      }

      @Override
      public void close() {
        row = null;
      }
    };
  }
}
