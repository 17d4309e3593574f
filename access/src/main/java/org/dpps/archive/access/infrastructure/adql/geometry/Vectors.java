package org.dpps.archive.access.infrastructure.adql.geometry;

/** Unit vectors of the celestial sphere: x towards (0, 0), z towards the north pole. */
public final class Vectors {
  private Vectors() {}

  /** The unit vector of a position in degrees. */
  public static double[] unit(double raDeg, double decDeg) {
    double ra = Math.toRadians(raDeg);
    double dec = Math.toRadians(decDeg);
    double c = Math.cos(dec);
    return new double[] {c * Math.cos(ra), c * Math.sin(ra), Math.sin(dec)};
  }

  public static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  public static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  public static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** {@code a} scaled to length 1 (the zero vector stays zero). */
  public static double[] normalize(double[] a) {
    double n = norm(a);
    return n == 0 ? new double[] {0, 0, 0} : new double[] {a[0] / n, a[1] / n, a[2] / n};
  }

  /** {@code a * s + b * t}. */
  public static double[] combine(double[] a, double s, double[] b, double t) {
    return new double[] {a[0] * s + b[0] * t, a[1] * s + b[1] * t, a[2] * s + b[2] * t};
  }

  public static double[] negate(double[] a) {
    return new double[] {-a[0], -a[1], -a[2]};
  }

  /** The angle between two unit vectors in radians, accurate at 0 and at pi. */
  public static double angle(double[] a, double[] b) {
    return Math.atan2(norm(cross(a, b)), dot(a, b));
  }

  /** Right ascension of a vector, degrees in [0, 360). */
  public static double ra(double[] v) {
    if (v[0] == 0 && v[1] == 0) {
      return 0;
    }
    double ra = Math.toDegrees(Math.atan2(v[1], v[0]));
    ra = ra < 0 ? ra + 360 : ra;
    return ra >= 360 ? 0 : ra;
  }

  /** Declination of a vector, degrees. */
  public static double dec(double[] v) {
    return Math.toDegrees(Math.atan2(v[2], Math.hypot(v[0], v[1])));
  }
}
