package org.dpps.archive.access.infrastructure.adql;

import java.util.List;
import org.dpps.archive.access.domain.tap.SpatialIndex;
import org.dpps.archive.access.infrastructure.adql.geometry.Shape;

/**
 * A geometric value being translated.
 *
 * @param kind what shape it is
 * @param array SQL giving its DALI array ({@code DOUBLE PRECISION ARRAY})
 * @param parts SQL of its numbers when known one by one (a point: ra, dec; a circle: ra, dec,
 *     radius), else null
 * @param constant the shape when every number of it is a literal, else null
 * @param index the zone index of a point made of the RA and Dec columns of an indexed table, else
 *     null
 */
record Geo(Kind kind, String array, List<String> parts, Shape constant, Indexed index) {

  enum Kind {
    POINT("point", "2"),
    CIRCLE("circle", "3"),
    POLYGON("polygon", "*"),
    /** A region column (STC-S text): its shape is known only row by row. */
    REGION("", "*");

    final String xtype;
    final String arraysize;

    Kind(String xtype, String arraysize) {
      this.xtype = xtype;
      this.arraysize = arraysize;
    }
  }

  /**
   * The zone index a point's columns belong to.
   *
   * @param columns the physical columns of the index
   * @param alias the SQL alias of the table in this query
   */
  record Indexed(SpatialIndex.Columns columns, String alias) {
    String zone() {
      return alias + "." + columns.zone();
    }

    String ra() {
      return alias + "." + columns.ra();
    }

    String dec() {
      return alias + "." + columns.dec();
    }
  }

  /** The value as a result column: a DALI array of doubles with its xtype. */
  Typed typed() {
    return new Typed(array, "double", kind.arraysize, kind.xtype, null);
  }

  /** SQL of the first coordinate of a point. */
  String coord1() {
    return parts != null ? parts.get(0) : "adql_coord1(" + array + ")";
  }

  /** SQL of the second coordinate of a point. */
  String coord2() {
    return parts != null ? parts.get(1) : "adql_coord2(" + array + ")";
  }
}
