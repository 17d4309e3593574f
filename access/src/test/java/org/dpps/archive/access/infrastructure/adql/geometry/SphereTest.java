package org.dpps.archive.access.infrastructure.adql.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dpps.archive.access.infrastructure.adql.geometry.Shape.Circle;
import org.dpps.archive.access.infrastructure.adql.geometry.Shape.Point;
import org.junit.jupiter.api.Test;

/** The geometry library against independent oracles (dot products, a planar projection). */
class SphereTest {
  private final Random random = new Random(20240611L);

  /** A random point: uniform on the sphere, or near a pole, or near RA 0/360. */
  Point randomPoint() {
    return switch (random.nextInt(4)) {
      case 0 -> new Point(random.nextDouble() * 360, 90 - random.nextDouble() * 3);
      case 1 -> new Point(random.nextDouble() * 360, -90 + random.nextDouble() * 3);
      case 2 -> new Point(random.nextDouble() * 4 - 2, random.nextDouble() * 120 - 60);
      default ->
          new Point(
              random.nextDouble() * 360, Math.toDegrees(Math.asin(2 * random.nextDouble() - 1)));
    };
  }

  double randomRadius() {
    return switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> 180;
      case 2 -> random.nextDouble() * 1e-6;
      case 3 -> random.nextDouble() * 180;
      default -> random.nextDouble() * 5;
    };
  }

  /** Oracle: the angle from the dot product of unit vectors computed here. */
  static double oracleDistance(Point a, Point b) {
    double[] u = vector(a);
    double[] v = vector(b);
    double dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
  }

  static double[] vector(Point p) {
    double ra = p.ra() * Math.PI / 180;
    double dec = p.dec() * Math.PI / 180;
    return new double[] {Math.cos(dec) * Math.cos(ra), Math.cos(dec) * Math.sin(ra), Math.sin(dec)};
  }

  @Test
  void pointInCircleAgreesWithTheDotProduct() {
    int checked = 0;
    for (int i = 0; i < 20_000; i++) {
      Point centre = randomPoint();
      double r = randomRadius();
      Point p = random.nextInt(5) == 0 ? nearby(centre, r) : randomPoint();
      double d = oracleDistance(centre, p);
      if (Math.abs(d - r) < 1e-6 && r != 180) {
        continue; // within the oracle's own rounding of the boundary
      }
      boolean expected = r >= 180 || d <= r;
      assertThat(Sphere.contains(new Circle(centre, r), p))
          .as("%s in circle %s r=%s (d=%s)", p, centre, r, d)
          .isEqualTo(expected);
      checked++;
    }
    assertThat(checked).isGreaterThan(19_000);
  }

  /** A point at a random distance up to 2r from the centre, in a random direction. */
  Point nearby(Point centre, double r) {
    double d = Math.min(180, random.nextDouble() * 2 * Math.max(r, 1e-6));
    double bearing = random.nextDouble() * 2 * Math.PI;
    double[] c = centre.vector();
    double[] north = Vectors.normalize(Vectors.cross(Vectors.cross(c, new double[] {0, 0, 1}), c));
    if (Vectors.norm(north) == 0) {
      north = new double[] {1, 0, 0};
    }
    double[] east = Vectors.cross(north, c);
    double[] dir = Vectors.combine(north, Math.cos(bearing), east, Math.sin(bearing));
    double t = Math.toRadians(d);
    return Point.of(Vectors.normalize(Vectors.combine(c, Math.cos(t), dir, Math.sin(t))));
  }

  @Test
  void distanceAgreesWithTheDotProduct() {
    for (int i = 0; i < 10_000; i++) {
      Point a = randomPoint();
      Point b = randomPoint();
      assertThat(Sphere.distance(a, b)).isCloseTo(oracleDistance(a, b), within(1e-6));
    }
    assertThat(Sphere.distance(0, 0, 359.5, 0)).isCloseTo(0.5, within(1e-12));
    assertThat(Sphere.distance(10, 90, 200, 90)).isCloseTo(0, within(1e-12));
    assertThat(Sphere.distance(0, 0, 180, 0)).isCloseTo(180, within(1e-12));
    assertThat(Sphere.distance(10, 89.999999, 190, 89.999999)).isCloseTo(2e-6, within(1e-10));
  }

  @Test
  void boundaryPointsAreInside() {
    assertThat(Sphere.contains(new Circle(new Point(10, 20), 5), new Point(10, 25))).isTrue();
    assertThat(Sphere.contains(new Circle(new Point(10, 20), 5), new Point(10, 25.0001))).isFalse();
    assertThat(Sphere.contains(new Circle(new Point(359.5, 0), 1), new Point(0.5, 0))).isTrue();
    assertThat(Sphere.contains(new Circle(new Point(0, 90), 1), new Point(123, 89))).isTrue();
    assertThat(Sphere.contains(new Circle(new Point(5, 5), 0), new Point(5, 5))).isTrue();
    assertThat(Sphere.contains(new Circle(new Point(5, 5), 0), new Point(5, 5.0001))).isFalse();
    assertThat(Sphere.contains(new Circle(new Point(5, 5), 180), new Point(185, -5))).isTrue();
    Polygon square = square(10, 10, 2);
    assertThat(square.contains(new Point(9, 10).vector())).isTrue(); // on a meridian edge
    assertThat(square.contains(new Point(9, 9).vector())).isTrue(); // a vertex
  }

  /** The polygon of corners (ra ± h, dec ± h): edges on meridians and great circles. */
  static Polygon square(double ra, double dec, double h) {
    return new Polygon(
        List.of(
            new Point(ra - h, dec - h),
            new Point(ra + h, dec - h),
            new Point(ra + h, dec + h),
            new Point(ra - h, dec + h)));
  }

  /**
   * Oracle for convex polygons: inside when on the inner side of every edge's plane (signs of
   * triple products), the inner side being the one holding the vertices' mean.
   */
  static boolean oracleConvex(List<Point> vertices, Point p) {
    int n = vertices.size();
    double[] mean = {0, 0, 0};
    for (Point v : vertices) {
      double[] u = vector(v);
      for (int k = 0; k < 3; k++) {
        mean[k] += u[k];
      }
    }
    double[] x = vector(p);
    for (int i = 0; i < n; i++) {
      double[] a = vector(vertices.get(i));
      double[] b = vector(vertices.get((i + 1) % n));
      double[] normal = {
        a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
      };
      double side = normal[0] * mean[0] + normal[1] * mean[1] + normal[2] * mean[2];
      double s = normal[0] * x[0] + normal[1] * x[1] + normal[2] * x[2];
      if (Math.signum(s) == -Math.signum(side) && Math.abs(s) > 1e-12) {
        return false;
      }
    }
    return true;
  }

  /** A random convex polygon: points on a small circle around a centre, in angle order. */
  List<Point> randomConvex(Point centre, double radius, int n) {
    List<Double> bearings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      bearings.add(random.nextDouble() * 2 * Math.PI);
    }
    bearings.sort(null);
    if (random.nextBoolean()) {
      java.util.Collections.reverse(bearings); // either orientation
    }
    double[] c = centre.vector();
    double[] north = Vectors.normalize(Vectors.cross(Vectors.cross(c, new double[] {0, 0, 1}), c));
    if (Vectors.norm(north) == 0) {
      north = new double[] {1, 0, 0};
    }
    double[] east = Vectors.cross(north, c);
    double t = Math.toRadians(radius);
    List<Point> out = new ArrayList<>();
    for (double b : bearings) {
      double[] dir = Vectors.combine(north, Math.cos(b), east, Math.sin(b));
      out.add(Point.of(Vectors.normalize(Vectors.combine(c, Math.cos(t), dir, Math.sin(t)))));
    }
    return out;
  }

  @Test
  void convexPolygonContainmentAgreesWithTheEdgePlanes() {
    int checked = 0;
    for (int i = 0; i < 600; i++) {
      Point centre = randomPoint();
      double radius = 0.01 + random.nextDouble() * 60;
      List<Point> vertices = randomConvex(centre, radius, 3 + random.nextInt(6));
      Polygon polygon;
      try {
        polygon = new Polygon(vertices);
      } catch (GeometryException degenerate) {
        continue;
      }
      for (int k = 0; k < 20; k++) {
        Point p = random.nextBoolean() ? nearby(centre, radius) : randomPoint();
        if (polygon.distanceToBoundary(p.vector()) < 1e-9) {
          continue;
        }
        assertThat(polygon.contains(p.vector()))
            .as("%s in %s", p, vertices)
            .isEqualTo(oracleConvex(vertices, p));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(8_000);
  }

  /** Non-convex polygons: a star around a pole and across RA 0, against a winding number. */
  @Test
  void concavePolygonAgreesWithTheWindingNumberInTheGnomonicProjection() {
    for (int i = 0; i < 200; i++) {
      Point centre = randomPoint();
      int n = 5 + random.nextInt(6);
      List<Point> star = new ArrayList<>();
      double[] c = centre.vector();
      double[] north =
          Vectors.normalize(Vectors.cross(Vectors.cross(c, new double[] {0, 0, 1}), c));
      if (Vectors.norm(north) == 0) {
        north = new double[] {1, 0, 0};
      }
      double[] east = Vectors.cross(north, c);
      for (int k = 0; k < 2 * n; k++) {
        double b = Math.PI * k / n;
        double t = Math.toRadians(k % 2 == 0 ? 20 : 5 + random.nextDouble() * 10);
        double[] dir = Vectors.combine(north, Math.cos(b), east, Math.sin(b));
        star.add(Point.of(Vectors.normalize(Vectors.combine(c, Math.cos(t), dir, Math.sin(t)))));
      }
      Polygon polygon = new Polygon(star);
      for (int k = 0; k < 50; k++) {
        Point p = nearby(centre, 12);
        if (polygon.distanceToBoundary(p.vector()) < 1e-9) {
          continue;
        }
        assertThat(polygon.contains(p.vector())).isEqualTo(gnomonicWinding(star, centre, p));
      }
    }
  }

  /**
   * Oracle: project onto the plane tangent at the centre (great circles become straight lines) and
   * use the planar crossing rule.
   */
  static boolean gnomonicWinding(List<Point> vertices, Point centre, Point p) {
    double[] c = vector(centre);
    double[] e = {-c[1], c[0], 0};
    double ne = Math.hypot(e[0], e[1]);
    e = ne == 0 ? new double[] {0, 1, 0} : new double[] {e[0] / ne, e[1] / ne, 0};
    double[] nn = {c[1] * e[2] - c[2] * e[1], c[2] * e[0] - c[0] * e[2], c[0] * e[1] - c[1] * e[0]};
    double[][] xy = new double[vertices.size()][];
    for (int i = 0; i < vertices.size(); i++) {
      xy[i] = project(vector(vertices.get(i)), c, e, nn);
    }
    double[] q = project(vector(p), c, e, nn);
    boolean inside = false;
    for (int i = 0, j = xy.length - 1; i < xy.length; j = i++) {
      if ((xy[i][1] > q[1]) != (xy[j][1] > q[1])
          && q[0] < (xy[j][0] - xy[i][0]) * (q[1] - xy[i][1]) / (xy[j][1] - xy[i][1]) + xy[i][0]) {
        inside = !inside;
      }
    }
    return inside;
  }

  static double[] project(double[] v, double[] c, double[] e, double[] n) {
    double z = v[0] * c[0] + v[1] * c[1] + v[2] * c[2];
    return new double[] {
      (v[0] * e[0] + v[1] * e[1] + v[2] * e[2]) / z, (v[0] * n[0] + v[1] * n[1] + v[2] * n[2]) / z
    };
  }

  @Test
  void polygonIsTheSmallerRegionWhateverItsOrientation() {
    Polygon ccw = square(0, 0, 1);
    Polygon cw =
        new Polygon(
            List.of(new Point(-1, 1), new Point(1, 1), new Point(1, -1), new Point(-1, -1)));
    assertThat(ccw.contains(new Point(0, 0).vector())).isTrue();
    assertThat(cw.contains(new Point(0, 0).vector())).isTrue();
    assertThat(cw.contains(new Point(180, 0).vector())).isFalse();
    assertThat(Sphere.area(ccw)).isCloseTo(Sphere.area(cw), within(1e-9));
    assertThat(Sphere.area(ccw)).isCloseTo(4.0, within(0.01));
    assertThat(Sphere.centroid(cw).dec()).isCloseTo(0, within(1e-9));
  }

  @Test
  void areas() {
    assertThat(Sphere.area(new Circle(new Point(0, 0), 180))).isCloseTo(41252.96, within(0.01));
    assertThat(Sphere.area(new Circle(new Point(0, 0), 90))).isCloseTo(20626.48, within(0.01));
    assertThat(Sphere.area(new Circle(new Point(0, 0), 1))).isCloseTo(Math.PI, within(1e-3));
    // the octant: an eighth of the sky
    Polygon octant = new Polygon(List.of(new Point(0, 0), new Point(90, 0), new Point(0, 90)));
    assertThat(Sphere.area(octant)).isCloseTo(41252.96 / 8, within(0.01));
    assertThat(Sphere.centroid(octant).ra()).isCloseTo(45, within(1e-9));
  }

  @Test
  void boxIsThePolygonOfItsCorners() {
    Polygon box = Shape.box(new Point(10, 0), 4, 2);
    assertThat(box.contains(new Point(11.99, 0).vector())).isTrue();
    assertThat(box.contains(new Point(12.01, 0).vector())).isFalse();
    assertThat(box.contains(new Point(10, 0.99).vector())).isTrue();
    assertThat(box.contains(new Point(10, 1.01).vector())).isFalse();
    // sides are great circles meeting the arms at right angles: corners at ra 10 ± 2
    assertThat(box.vertices())
        .extracting(Point::ra)
        .allSatisfy(ra -> assertThat(Math.abs(ra - 10)).isCloseTo(2, within(1e-9)));
    Polygon polar = Shape.box(new Point(0, 89), 10, 10);
    assertThat(polar.contains(new Point(0, 90).vector())).isTrue();
    Polygon wrap = Shape.box(new Point(359, 0), 4, 4);
    assertThat(wrap.contains(new Point(0.5, 0).vector())).isTrue();
  }

  @Test
  void intersections() {
    Circle a = new Circle(new Point(0, 0), 1);
    assertThat(Sphere.intersects(a, new Circle(new Point(1.9, 0), 1))).isTrue();
    assertThat(Sphere.intersects(a, new Circle(new Point(2.1, 0), 1))).isFalse();
    assertThat(Sphere.intersects(a, square(2.5, 0, 1.6))).isTrue();
    assertThat(Sphere.intersects(a, square(3, 0, 0.5))).isFalse();
    assertThat(Sphere.intersects(square(0, 0, 1), square(1.5, 1.5, 1))).isTrue();
    assertThat(Sphere.intersects(square(0, 0, 1), square(3, 3, 1))).isFalse();
    assertThat(Sphere.intersects(square(0, 0, 5), square(0, 0, 1))).isTrue();
    assertThat(Sphere.contains(square(0, 0, 1), square(0, 0, 5))).isTrue();
    assertThat(Sphere.contains(square(0, 0, 5), square(0, 0, 1))).isFalse();
    assertThat(Sphere.contains(square(0, 0, 1), new Circle(new Point(0, 0), 2))).isTrue();
    assertThat(Sphere.contains(square(0, 0, 1), new Circle(new Point(180, 0), 120))).isFalse();
    assertThat(Sphere.contains(new Circle(new Point(0, 0), 0.5), square(0, 0, 1))).isTrue();
    assertThat(Sphere.contains(new Circle(new Point(0, 0), 1.5), square(0, 0, 1))).isFalse();
    assertThat(Sphere.intersects(new Circle(new Point(0, 0), 180), square(100, 50, 1))).isTrue();
  }

  @Test
  void randomCirclePolygonIntersectionAgreesWithSampling() {
    for (int i = 0; i < 300; i++) {
      Point centre = randomPoint();
      List<Point> vertices = randomConvex(centre, 1 + random.nextDouble() * 10, 4);
      Polygon polygon;
      try {
        polygon = new Polygon(vertices);
      } catch (GeometryException degenerate) {
        continue;
      }
      Circle circle = new Circle(nearby(centre, 10), random.nextDouble() * 5);
      boolean sampled = false;
      for (int k = 0; k < 2000 && !sampled; k++) {
        Point p = nearby(circle.centre(), circle.radius() / 2);
        sampled =
            oracleDistance(p, circle.centre()) <= circle.radius() && oracleConvex(vertices, p);
      }
      if (sampled) {
        assertThat(Sphere.intersects(circle, polygon)).isTrue();
      }
      if (!Sphere.intersects(circle, polygon)) {
        for (Point v : vertices) {
          assertThat(oracleDistance(v, circle.centre())).isGreaterThan(circle.radius());
        }
        assertThat(oracleConvex(vertices, circle.centre())).isFalse();
      }
    }
  }

  @Test
  void degeneratePolygonsAndBadValuesAreRefused() {
    assertThatThrownBy(
            () -> new Polygon(List.of(new Point(0, 0), new Point(1, 0), new Point(2, 0))))
        .isInstanceOf(GeometryException.class)
        .hasMessageContaining("great circle");
    assertThatThrownBy(
            () -> new Polygon(List.of(new Point(0, 0), new Point(0, 0), new Point(2, 1))))
        .hasMessageContaining("same point");
    assertThatThrownBy(
            () -> new Polygon(List.of(new Point(0, 0), new Point(180, 0), new Point(2, 1))))
        .hasMessageContaining("antipodal");
    assertThatThrownBy(
            () ->
                new Polygon(
                    List.of(new Point(0, 0), new Point(2, 2), new Point(2, 0), new Point(0, 2))))
        .hasMessageContaining("cross");
    assertThatThrownBy(() -> new Point(0, 91)).isInstanceOf(GeometryException.class);
    assertThatThrownBy(() -> new Circle(new Point(0, 0), -1)).isInstanceOf(GeometryException.class);
    assertThatThrownBy(() -> Shape.box(new Point(0, 0), 0, 1))
        .isInstanceOf(GeometryException.class);
  }

  @Test
  void stcsRegions() {
    assertThat(StcS.parse("CIRCLE ICRS 83.633 22.0145 1.5"))
        .isEqualTo(new Circle(new Point(83.633, 22.0145), 1.5));
    assertThat(StcS.parse("circle 10 20 1")).isEqualTo(new Circle(new Point(10, 20), 1));
    assertThat(StcS.parse("POLYGON ICRS 0 0 1 0 1 1")).isInstanceOf(Polygon.class);
    assertThat(StcS.parse("POSITION ICRS GEOCENTER 1 2")).isEqualTo(new Point(1, 2));
    assertThatThrownBy(() -> StcS.parse("CIRCLE GALACTIC 1 2 3")).hasMessageContaining("GALACTIC");
    assertThatThrownBy(() -> StcS.parse("CIRCLE ICRS 1 2")).hasMessageContaining("coordinates");
  }
}
