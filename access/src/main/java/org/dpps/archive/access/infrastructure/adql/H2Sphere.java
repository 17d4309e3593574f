package org.dpps.archive.access.infrastructure.adql;

import java.util.Arrays;
import org.dpps.archive.access.infrastructure.adql.geometry.GeometryException;
import org.dpps.archive.access.infrastructure.adql.geometry.Shape;
import org.dpps.archive.access.infrastructure.adql.geometry.Sphere;
import org.dpps.archive.access.infrastructure.adql.geometry.StcS;

/**
 * The SQL functions of ADQL geometry on H2, registered by {@code H2GeometryFunctions} as {@code
 * adql_*} aliases. Shapes travel as {@code DOUBLE PRECISION ARRAY} in their DALI form (see {@link
 * Shape}). H2 does not call a function with a primitive parameter given NULL: the result is NULL;
 * array arguments are checked here. A shape that cannot be built is an SQL error naming it.
 */
public final class H2Sphere {
  /** The last polygon decoded by this thread: a constant polygon is decoded once per query. */
  private static final ThreadLocal<Object[]> LAST = new ThreadLocal<>();

  private H2Sphere() {}

  /** The aliases and their methods, in the order they are created. */
  private static final String[][] ALIASES = {
    {"adql_contains_point_circle", "containsPointCircle"},
    {"adql_distance", "distance"},
    {"adql_point", "point"},
    {"adql_circle", "circle"},
    {"adql_box", "box"},
    {"adql_polygon", "polygon"},
    {"adql_region", "region"},
    {"adql_contains", "contains"},
    {"adql_intersects", "intersects"},
    {"adql_area", "area"},
    {"adql_centroid", "centroid"},
    {"adql_coord1", "coord1"},
    {"adql_coord2", "coord2"},
  };

  /** Each alias's name and its method's fully qualified name. */
  public static String[][] aliases() {
    String[][] out = new String[ALIASES.length][];
    for (int i = 0; i < ALIASES.length; i++) {
      out[i] = new String[] {ALIASES[i][0], H2Sphere.class.getName() + "." + ALIASES[i][1]};
    }
    return out;
  }

  /** 1 when (ra, dec) is in the circle of centre (cra, cdec) and radius r, else 0. */
  public static int containsPointCircle(double ra, double dec, double cra, double cdec, double r) {
    return Sphere.contains(
            new Shape.Circle(new Shape.Point(cra, cdec), r), new Shape.Point(ra, dec))
        ? 1
        : 0;
  }

  /** The great-circle distance in degrees. */
  public static double distance(double ra1, double dec1, double ra2, double dec2) {
    return Sphere.distance(ra1, dec1, ra2, dec2);
  }

  public static Double[] point(double ra, double dec) {
    return boxed(new Shape.Point(ra, dec).dali());
  }

  public static Double[] circle(double ra, double dec, double radius) {
    return boxed(new Shape.Circle(new Shape.Point(ra, dec), radius).dali());
  }

  public static Double[] box(double ra, double dec, double width, double height) {
    return boxed(Shape.box(new Shape.Point(ra, dec), width, height).dali());
  }

  /** A polygon of coordinates {@code [ra1, dec1, ...]}, checked. */
  public static Double[] polygon(Double[] coordinates) {
    if (coordinates == null || Arrays.asList(coordinates).contains(null)) {
      return null;
    }
    Shape s = shape(coordinates);
    if (!(s instanceof org.dpps.archive.access.infrastructure.adql.geometry.Polygon)) {
      throw new GeometryException("a POLYGON needs at least three vertices");
    }
    return boxed(s.dali());
  }

  /** The shape of an STC-S string ({@code s_region}). */
  public static Double[] region(String stcs) {
    return stcs == null ? null : boxed(StcS.parse(stcs).dali());
  }

  /** ADQL CONTAINS(a, b): 1 when a lies within b. */
  public static Integer contains(Double[] a, Double[] b) {
    if (a == null || b == null) {
      return null;
    }
    return Sphere.contains(shape(a), shape(b)) ? 1 : 0;
  }

  /** ADQL INTERSECTS(a, b). */
  public static Integer intersects(Double[] a, Double[] b) {
    if (a == null || b == null) {
      return null;
    }
    return Sphere.intersects(shape(a), shape(b)) ? 1 : 0;
  }

  /** ADQL AREA, square degrees. */
  public static Double area(Double[] a) {
    return a == null ? null : Sphere.area(shape(a));
  }

  public static Double[] centroid(Double[] a) {
    return a == null ? null : boxed(Sphere.centroid(shape(a)).dali());
  }

  public static Double coord1(Double[] a) {
    return a == null ? null : ((Shape.Point) point(a)).ra();
  }

  public static Double coord2(Double[] a) {
    return a == null ? null : ((Shape.Point) point(a)).dec();
  }

  private static Shape point(Double[] a) {
    Shape s = shape(a);
    if (!(s instanceof Shape.Point)) {
      throw new GeometryException("COORD1 and COORD2 take a POINT");
    }
    return s;
  }

  /** The shape of a DALI array; the last polygon decoded is kept (checking one costs more). */
  static Shape shape(Double[] a) {
    Object[] last = a.length >= 6 ? LAST.get() : null;
    if (last != null && Arrays.equals((Double[]) last[0], a)) {
      return (Shape) last[1];
    }
    double[] values = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      if (a[i] == null) {
        throw new GeometryException("a shape has a NULL coordinate");
      }
      values[i] = a[i];
    }
    Shape s = Shape.fromDali(values);
    if (a.length >= 6) {
      LAST.set(new Object[] {a.clone(), s});
    }
    return s;
  }

  static Double[] boxed(double[] a) {
    Double[] b = new Double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i];
    }
    return b;
  }
}
