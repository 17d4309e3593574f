package org.dpps.archive.access.infrastructure.adql.geometry;

import static org.dpps.archive.access.infrastructure.adql.geometry.Vectors.angle;
import static org.dpps.archive.access.infrastructure.adql.geometry.Vectors.cross;
import static org.dpps.archive.access.infrastructure.adql.geometry.Vectors.dot;
import static org.dpps.archive.access.infrastructure.adql.geometry.Vectors.normalize;

import java.util.List;

/**
 * A spherical polygon: vertices joined by great-circle arcs (each shorter than 180 degrees), the
 * edges not crossing each other, and (as ADQL says) the smaller of the two regions the edges bound.
 * Containment counts the edges crossed by the arc from the point to a reference point known to be
 * inside.
 */
public final class Polygon implements Shape {
  /** Tolerance of boundary tests (radians): points this close to an edge are on it. */
  static final double EPS = 1e-11;

  private final List<Shape.Point> vertices;
  private final double[][] v;
  private final double[][] n;
  private final double[] length;

  /** +1 when the region is on the left of the edges (in vertex order), -1 when on the right. */
  private final int side;

  private final double areaSr;
  private final double[][] references;

  public Polygon(List<Shape.Point> vertices) {
    this.vertices = List.copyOf(vertices);
    int count = vertices.size();
    if (count < 3) {
      throw new GeometryException("a polygon needs at least three vertices, not " + count);
    }
    v = new double[count][];
    for (int i = 0; i < count; i++) {
      v[i] = vertices.get(i).vector();
    }
    n = new double[count][];
    length = new double[count];
    for (int i = 0; i < count; i++) {
      double[] a = v[i];
      double[] b = v[(i + 1) % count];
      length[i] = angle(a, b);
      if (length[i] < 1e-9) {
        throw new GeometryException(
            "degenerate polygon: vertices "
                + (i + 1)
                + " and "
                + ((i + 1) % count + 1)
                + " are the same point");
      }
      if (length[i] > Math.PI - 1e-9) {
        throw new GeometryException(
            "degenerate polygon: vertices "
                + (i + 1)
                + " and "
                + ((i + 1) % count + 1)
                + " are antipodal (the edge between them is undefined)");
      }
      n[i] = normalize(cross(a, b));
    }
    for (int i = 0; i < count; i++) {
      for (int j = i + 2; j < count; j++) {
        if (i == 0 && j == count - 1) {
          continue;
        }
        if (crosses(v[i], v[(i + 1) % count], v[j], v[(j + 1) % count])) {
          throw new GeometryException(
              "degenerate polygon: edges " + (i + 1) + " and " + (j + 1) + " cross each other");
        }
      }
    }
    double turning = 0;
    for (int i = 0; i < count; i++) {
      double[] in = n[(i + count - 1) % count];
      double[] out = n[i];
      turning += Math.atan2(dot(cross(in, out), v[i]), dot(in, out));
    }
    double left = 2 * Math.PI - turning;
    if (left < 1e-12 || left > 4 * Math.PI - 1e-12 || Math.abs(left - 2 * Math.PI) < 1e-9) {
      throw new GeometryException(
          "degenerate polygon: its vertices lie on one great circle (it has no area)");
    }
    side = left <= 2 * Math.PI ? 1 : -1;
    areaSr = side > 0 ? left : 4 * Math.PI - left;
    references = referencePoints();
  }

  /** Points strictly inside, just off the middle of the longest edges. */
  private double[][] referencePoints() {
    int count = v.length;
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(length[y], length[x]));
    int k = Math.min(3, count);
    double[][] refs = new double[k][];
    for (int r = 0; r < k; r++) {
      int i = order[r];
      double[] m = normalize(Vectors.combine(v[i], 1, v[(i + 1) % count], 1));
      double clearance = Double.MAX_VALUE;
      for (int j = 0; j < count; j++) {
        if (j != i) {
          clearance = Math.min(clearance, distanceToEdge(m, j));
        }
      }
      if (clearance < 1e-9) {
        throw new GeometryException("degenerate polygon: an edge touches another one");
      }
      double e = Math.min(clearance / 2, 1e-3);
      refs[r] = normalize(Vectors.combine(m, Math.cos(e), n[i], side * Math.sin(e)));
    }
    return refs;
  }

  public List<Shape.Point> vertices() {
    return vertices;
  }

  int size() {
    return v.length;
  }

  double[] vertex(int i) {
    return v[i];
  }

  /** The area of the region in steradians. */
  public double areaSteradians() {
    return areaSr;
  }

  /** The centroid of the region: the direction of the integral of the position over it. */
  public Shape.Point centroid() {
    double[] s = {0, 0, 0};
    for (int i = 0; i < v.length; i++) {
      s = Vectors.combine(s, 1, n[i], length[i]);
    }
    if (Vectors.norm(s) < 1e-15) {
      throw new GeometryException("the centroid of this polygon is undefined");
    }
    return Shape.Point.of(normalize(side > 0 ? s : Vectors.negate(s)));
  }

  /** Whether the unit vector {@code p} is in the region or on its boundary. */
  public boolean contains(double[] p) {
    if (distanceToBoundary(p) <= EPS) {
      return true;
    }
    for (double[] q : references) {
      int parity = crossings(p, q);
      if (parity >= 0) {
        return parity % 2 == 0;
      }
    }
    throw new GeometryException("cannot decide whether a point is in this polygon");
  }

  /** The edges crossed by the arc p-q, or -1 when the arc passes through a vertex. */
  private int crossings(double[] p, double[] q) {
    if (dot(p, q) < 0) {
      double[] mid = Vectors.combine(p, 1, q, 1);
      if (Vectors.norm(mid) < 1e-6) {
        mid = cross(p, n[0]);
        if (Vectors.norm(mid) < 1e-6) {
          mid = cross(p, n[1 % n.length]);
        }
      }
      mid = normalize(mid);
      int a = crossings(p, mid);
      int b = crossings(mid, q);
      return a < 0 || b < 0 ? -1 : a + b;
    }
    int count = 0;
    for (int i = 0; i < v.length; i++) {
      double[] a = v[i];
      double[] b = v[(i + 1) % v.length];
      double[] ab = n[i];
      double acb = -dot(ab, p);
      double bda = dot(ab, q);
      double[] cd = cross(p, q);
      double cbd = -dot(cd, b);
      double dac = dot(cd, a);
      if (acb == 0 || bda == 0 || cbd == 0 || dac == 0) {
        return -1;
      }
      if (acb * bda > 0 && acb * cbd > 0 && acb * dac > 0) {
        count++;
      }
    }
    return count;
  }

  /** Whether arcs a-b and c-d cross at a point inside both. */
  static boolean crosses(double[] a, double[] b, double[] c, double[] d) {
    double[] ab = cross(a, b);
    double acb = -dot(ab, c);
    double bda = dot(ab, d);
    if (acb * bda <= 0) {
      return false;
    }
    double[] cd = cross(c, d);
    double cbd = -dot(cd, b);
    double dac = dot(cd, a);
    return acb * cbd > 0 && acb * dac > 0;
  }

  /** Whether an edge of this polygon crosses an edge of the other at an inner point of both. */
  boolean edgesCross(Polygon other) {
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < other.v.length; j++) {
        if (crosses(v[i], v[(i + 1) % v.length], other.v[j], other.v[(j + 1) % other.v.length])) {
          return true;
        }
      }
    }
    return false;
  }

  /** The angular distance (radians) from a unit vector to the boundary. */
  double distanceToBoundary(double[] p) {
    double d = Double.MAX_VALUE;
    for (int i = 0; i < v.length; i++) {
      d = Math.min(d, distanceToEdge(p, i));
    }
    return d;
  }

  /** The largest angular distance (radians) from a unit vector to a point of the boundary. */
  double farthestBoundary(double[] p) {
    double d = 0;
    for (int i = 0; i < v.length; i++) {
      double[] a = v[i];
      double[] b = v[(i + 1) % v.length];
      double far = Math.max(angle(p, a), angle(p, b));
      double[] f = foot(p, n[i]);
      if (f != null) {
        double[] opposite = Vectors.negate(f);
        if (onArc(opposite, a, b, n[i])) {
          far = Math.max(far, angle(p, opposite));
        }
      }
      d = Math.max(d, far);
    }
    return d;
  }

  private double distanceToEdge(double[] p, int i) {
    double[] a = v[i];
    double[] b = v[(i + 1) % v.length];
    double[] f = foot(p, n[i]);
    if (f != null && onArc(f, a, b, n[i])) {
      return angle(p, f);
    }
    return Math.min(angle(p, a), angle(p, b));
  }

  /** The point of the great circle of pole {@code pole} nearest to p (null: p is a pole). */
  private static double[] foot(double[] p, double[] pole) {
    double[] f = Vectors.combine(p, 1, pole, -dot(p, pole));
    return Vectors.norm(f) < 1e-15 ? null : normalize(f);
  }

  private static boolean onArc(double[] f, double[] a, double[] b, double[] pole) {
    return dot(cross(a, f), pole) >= 0 && dot(cross(f, b), pole) >= 0;
  }

  @Override
  public double[] dali() {
    double[] a = new double[2 * vertices.size()];
    for (int i = 0; i < vertices.size(); i++) {
      a[2 * i] = vertices.get(i).ra();
      a[2 * i + 1] = vertices.get(i).dec();
    }
    return a;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Polygon p && p.vertices.equals(vertices);
  }

  @Override
  public int hashCode() {
    return vertices.hashCode();
  }

  @Override
  public String toString() {
    return "Polygon" + vertices;
  }
}
