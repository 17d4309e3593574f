package org.dpps.archive.access.infrastructure.adql.geometry;

import static org.dpps.archive.access.infrastructure.adql.geometry.Vectors.angle;

import org.dpps.archive.access.infrastructure.adql.geometry.Shape.Circle;
import org.dpps.archive.access.infrastructure.adql.geometry.Shape.Point;

/**
 * The ADQL geometry predicates and measures, exact on the sphere up to a boundary tolerance of
 * {@value Polygon#EPS} radians (about 2 micro-arcseconds): boundaries belong to the shapes.
 */
public final class Sphere {
  private static final double EPS = Polygon.EPS;
  private static final double SQUARE_DEGREES = Math.pow(180 / Math.PI, 2);

  private Sphere() {}

  /** The great-circle distance in degrees (Vincenty's form, accurate at 0 and 180). */
  public static double distance(Point a, Point b) {
    return Math.toDegrees(angle(a.vector(), b.vector()));
  }

  /** The distance in degrees between two positions given in degrees. */
  public static double distance(double ra1, double dec1, double ra2, double dec2) {
    return distance(new Point(ra1, dec1), new Point(ra2, dec2));
  }

  /** Whether a point is in a circle (or on its edge). */
  public static boolean contains(Circle c, Point p) {
    return c.radius() >= 180
        || angle(c.centre().vector(), p.vector()) <= Math.toRadians(c.radius()) + EPS;
  }

  /** ADQL CONTAINS(inner, outer): whether {@code inner} lies wholly within {@code outer}. */
  public static boolean contains(Shape inner, Shape outer) {
    if (outer instanceof Circle c && c.radius() >= 180) {
      return true;
    }
    if (inner instanceof Point p) {
      if (outer instanceof Point q) {
        return angle(p.vector(), q.vector()) <= EPS;
      }
      if (outer instanceof Circle c) {
        return contains(c, p);
      }
      return ((Polygon) outer).contains(p.vector());
    }
    if (inner instanceof Circle c) {
      double r = Math.toRadians(c.radius());
      double[] centre = c.centre().vector();
      if (outer instanceof Point q) {
        return r <= EPS && angle(centre, q.vector()) <= EPS;
      }
      if (outer instanceof Circle o) {
        return angle(centre, o.centre().vector()) + r <= Math.toRadians(o.radius()) + EPS;
      }
      Polygon poly = (Polygon) outer;
      return poly.contains(centre) && poly.distanceToBoundary(centre) >= r - EPS;
    }
    Polygon poly = (Polygon) inner;
    if (outer instanceof Point) {
      return false;
    }
    if (outer instanceof Circle o) {
      double[] centre = o.centre().vector();
      double r = Math.toRadians(o.radius());
      return poly.farthestBoundary(centre) <= r + EPS
          && (r < Math.PI / 2 || !poly.contains(Vectors.negate(centre)));
    }
    Polygon out = (Polygon) outer;
    for (int i = 0; i < poly.size(); i++) {
      if (!out.contains(poly.vertex(i))) {
        return false;
      }
    }
    return !poly.edgesCross(out);
  }

  /** ADQL INTERSECTS: whether the shapes have a point in common. */
  public static boolean intersects(Shape a, Shape b) {
    if (a instanceof Point) {
      return contains(a, b);
    }
    if (b instanceof Point) {
      return contains(b, a);
    }
    if (a instanceof Circle c && b instanceof Circle d) {
      return angle(c.centre().vector(), d.centre().vector())
          <= Math.toRadians(c.radius() + d.radius()) + EPS;
    }
    if (a instanceof Circle c) {
      return intersects(c, (Polygon) b);
    }
    if (b instanceof Circle c) {
      return intersects(c, (Polygon) a);
    }
    Polygon p = (Polygon) a;
    Polygon q = (Polygon) b;
    if (p.edgesCross(q)) {
      return true;
    }
    for (int i = 0; i < p.size(); i++) {
      if (q.contains(p.vertex(i))) {
        return true;
      }
    }
    for (int i = 0; i < q.size(); i++) {
      if (p.contains(q.vertex(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean intersects(Circle c, Polygon p) {
    double[] centre = c.centre().vector();
    return c.radius() >= 180
        || p.contains(centre)
        || p.distanceToBoundary(centre) <= Math.toRadians(c.radius()) + EPS;
  }

  /** ADQL AREA: square degrees. */
  public static double area(Shape s) {
    if (s instanceof Point) {
      return 0;
    }
    if (s instanceof Circle c) {
      double r = Math.toRadians(c.radius());
      // 2 pi (1 - cos r), written to keep its precision for small radii
      double h = Math.sin(r / 2);
      return 4 * Math.PI * h * h * SQUARE_DEGREES;
    }
    return ((Polygon) s).areaSteradians() * SQUARE_DEGREES;
  }

  /** ADQL CENTROID. */
  public static Point centroid(Shape s) {
    if (s instanceof Point p) {
      return p;
    }
    if (s instanceof Circle c) {
      return c.centre();
    }
    return ((Polygon) s).centroid();
  }

  /**
   * A cap that holds the whole shape (for an index prefilter), or null when there is none smaller
   * than a hemisphere.
   */
  public static Circle boundingCap(Shape s) {
    if (s instanceof Point p) {
      return new Circle(p, 0);
    }
    if (s instanceof Circle c) {
      return c;
    }
    Polygon poly = (Polygon) s;
    Point centre = poly.centroid();
    double radius = Math.toDegrees(poly.farthestBoundary(centre.vector()));
    // the boundary is in the cap; a region smaller than a hemisphere then lies in it
    return radius < 89 ? new Circle(centre, Math.min(180, radius * (1 + 1e-9) + 1e-9)) : null;
  }
}
