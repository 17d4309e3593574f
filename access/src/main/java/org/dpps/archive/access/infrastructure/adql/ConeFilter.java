package org.dpps.archive.access.infrastructure.adql;

import org.dpps.archive.access.infrastructure.adql.geometry.Shape;

/**
 * The index-usable prefilter of a constant cone on an indexed point: the zones the cone's
 * declinations span, and the RA range (split in two across 0/360) that holds it. It only narrows
 * the rows the exact test sees: the bounds are widened by {@value #PAD} degree, more than the exact
 * test's boundary tolerance.
 */
final class ConeFilter {
  static final double PAD = 1e-8;

  private ConeFilter() {}

  /** SQL of the prefilter of the cap on the point's index columns. */
  static String sql(Shape.Circle cap, Geo.Indexed index, Parameters parameters) {
    double a = cap.centre().ra();
    double b = cap.centre().dec();
    double r = cap.radius();
    if (r >= 180) {
      return null;
    }
    int zoneLow = index.columns().zone(Math.max(-90, b - r - PAD));
    int zoneHigh = index.columns().zone(Math.min(90, b + r + PAD));
    StringBuilder sql = new StringBuilder("(");
    sql.append(index.zone())
        .append(" BETWEEN ")
        .append(integer(zoneLow, parameters))
        .append(" AND ")
        .append(integer(zoneHigh, parameters));
    double delta = delta(b, r);
    if (delta < 180) {
      double low = a - delta;
      double high = a + delta;
      String ra = index.ra();
      sql.append(" AND ");
      if (low < 0) {
        sql.append("(").append(between(ra, low + 360, 360, parameters)).append(" OR ");
        sql.append(between(ra, 0, high, parameters)).append(")");
      } else if (high >= 360) {
        sql.append("(").append(between(ra, low, 360, parameters)).append(" OR ");
        sql.append(between(ra, 0, high - 360, parameters)).append(")");
      } else {
        sql.append(between(ra, low, high, parameters));
      }
    }
    return sql.append(")").toString();
  }

  /**
   * Half the RA width of the cap, degrees, padded; 180 or more when a pole is in the cap. The exact
   * half-width is asin(sin r / cos b); the design's bound r / cos(|b| + r) is at least that.
   */
  static double delta(double b, double r) {
    double edge = Math.abs(b) + r + PAD;
    if (edge >= 90) {
      return 180;
    }
    double exact =
        Math.toDegrees(
            Math.asin(
                Math.min(1, Math.sin(Math.toRadians(r)) / Math.cos(Math.toRadians(Math.abs(b))))));
    double bound = r / Math.cos(Math.toRadians(Math.abs(b) + r));
    return Math.max(exact, bound) + PAD;
  }

  private static String between(String column, double low, double high, Parameters parameters) {
    return column + " BETWEEN " + real(low, parameters) + " AND " + real(high, parameters);
  }

  private static String integer(int value, Parameters parameters) {
    return "CAST(" + parameters.add(value) + " AS INTEGER)";
  }

  private static String real(double value, Parameters parameters) {
    return "CAST(" + parameters.add(value) + " AS DOUBLE PRECISION)";
  }
}
