package org.dpps.archive.access.infrastructure.adql.geometry;

import java.util.ArrayList;
import java.util.List;

/**
 * An ADQL shape on the celestial sphere (ICRS, degrees). Its DALI serialisation, which the SQL
 * functions exchange as {@code DOUBLE PRECISION ARRAY}: a point is {@code [ra, dec]}, a circle
 * {@code [ra, dec, radius]}, a polygon {@code [ra1, dec1, ra2, dec2, ...]} (three vertices or
 * more).
 */
public sealed interface Shape permits Shape.Point, Shape.Circle, Polygon {

  /** The DALI array of the shape. */
  double[] dali();

  /** A position; RA is reduced to [0, 360). */
  record Point(double ra, double dec) implements Shape {
    public Point {
      if (!Double.isFinite(ra) || !Double.isFinite(dec)) {
        throw new GeometryException("a coordinate is not a finite number");
      }
      if (dec < -90 || dec > 90) {
        throw new GeometryException("the declination " + dec + " is not in [-90, 90]");
      }
      ra = ra % 360.0;
      ra = ra < 0 ? ra + 360.0 : ra;
      ra = ra >= 360.0 ? 0 : ra;
    }

    /** The unit vector. */
    public double[] vector() {
      return Vectors.unit(ra, dec);
    }

    /** The point of a unit vector. */
    public static Point of(double[] v) {
      return new Point(Vectors.ra(v), Math.max(-90, Math.min(90, Vectors.dec(v))));
    }

    @Override
    public double[] dali() {
      return new double[] {ra, dec};
    }
  }

  /** A cap: the points at most {@code radius} degrees from the centre; 180 is the whole sky. */
  record Circle(Point centre, double radius) implements Shape {
    public Circle {
      if (!Double.isFinite(radius) || radius < 0 || radius > 180) {
        throw new GeometryException("the radius " + radius + " is not in [0, 180] degrees");
      }
    }

    @Override
    public double[] dali() {
      return new double[] {centre.ra(), centre.dec(), radius};
    }
  }

  /** The shape of a DALI array (2: point, 3: circle, an even number from 6: polygon). */
  static Shape fromDali(double[] a) {
    if (a.length == 2) {
      return new Point(a[0], a[1]);
    }
    if (a.length == 3) {
      return new Circle(new Point(a[0], a[1]), a[2]);
    }
    if (a.length >= 6 && a.length % 2 == 0) {
      List<Point> vertices = new ArrayList<>();
      for (int i = 0; i < a.length; i += 2) {
        vertices.add(new Point(a[i], a[i + 1]));
      }
      return new Polygon(vertices);
    }
    throw new GeometryException(
        "an array of " + a.length + " numbers is neither a point, a circle nor a polygon");
  }

  /**
   * The ADQL BOX: a cross centred on the centre with arms of half the width and half the height
   * along the great circles through the centre parallel to the coordinate axes there, and sides on
   * the great circles crossing the arms' ends at right angles (ADQL 2.1, after STC 1.30); the
   * polygon of the four corners where the sides meet.
   */
  static Polygon box(Point centre, double width, double height) {
    if (!(width > 0 && width < 180 && height > 0 && height < 180)) {
      throw new GeometryException(
          "a BOX needs a width and a height in (0, 180) degrees, not " + width + " x " + height);
    }
    double a = Math.toRadians(width / 2);
    double b = Math.toRadians(height / 2);
    // local frame: x towards the centre, y east, z north; sides' poles in that frame
    double[] east = {-Math.sin(a), Math.cos(a), 0};
    double[] west = {-Math.sin(a), -Math.cos(a), 0};
    double[] north = {-Math.sin(b), 0, Math.cos(b)};
    double[] south = {-Math.sin(b), 0, -Math.cos(b)};
    double[][] corners = {
      corner(west, south), corner(south, east), corner(east, north), corner(north, west)
    };
    double ra = Math.toRadians(centre.ra());
    double dec = Math.toRadians(centre.dec());
    double[] er = centre.vector();
    double[] ee = {-Math.sin(ra), Math.cos(ra), 0};
    double[] en = {-Math.sin(dec) * Math.cos(ra), -Math.sin(dec) * Math.sin(ra), Math.cos(dec)};
    List<Point> vertices = new ArrayList<>();
    for (double[] c : corners) {
      double[] w = Vectors.combine(Vectors.combine(er, c[0], ee, c[1]), 1, en, c[2]);
      vertices.add(Point.of(Vectors.normalize(w)));
    }
    return new Polygon(vertices);
  }

  private static double[] corner(double[] p, double[] q) {
    double[] c = Vectors.normalize(Vectors.cross(p, q));
    return c[0] < 0 ? Vectors.negate(c) : c;
  }
}
