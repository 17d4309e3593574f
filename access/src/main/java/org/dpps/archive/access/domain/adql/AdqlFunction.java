package org.dpps.archive.access.domain.adql;

/** The functions ADQL 2.1 defines, each with its kind and the number of arguments it takes. */
public enum AdqlFunction {
  ABS(Kind.MATH, 1, 1),
  CEILING(Kind.MATH, 1, 1),
  DEGREES(Kind.MATH, 1, 1),
  EXP(Kind.MATH, 1, 1),
  FLOOR(Kind.MATH, 1, 1),
  LOG(Kind.MATH, 1, 1),
  LOG10(Kind.MATH, 1, 1),
  MOD(Kind.MATH, 2, 2),
  PI(Kind.MATH, 0, 0),
  POWER(Kind.MATH, 2, 2),
  RADIANS(Kind.MATH, 1, 1),
  RAND(Kind.MATH, 0, 1),
  ROUND(Kind.MATH, 1, 2),
  SQRT(Kind.MATH, 1, 1),
  TRUNCATE(Kind.MATH, 1, 2),
  ACOS(Kind.TRIG, 1, 1),
  ASIN(Kind.TRIG, 1, 1),
  ATAN(Kind.TRIG, 1, 1),
  ATAN2(Kind.TRIG, 2, 2),
  COS(Kind.TRIG, 1, 1),
  COT(Kind.TRIG, 1, 1),
  SIN(Kind.TRIG, 1, 1),
  TAN(Kind.TRIG, 1, 1),
  LOWER(Kind.STRING, 1, 1),
  UPPER(Kind.STRING, 1, 1),
  COALESCE(Kind.CONDITIONAL, 2, Integer.MAX_VALUE),
  IN_UNIT(Kind.UNIT, 2, 2),
  /** AREA(region). */
  AREA(Kind.GEOMETRY, 1, 1),
  /** BOX([coordsys,] x, y, width, height) or BOX([coordsys,] point, width, height). */
  BOX(Kind.GEOMETRY, 3, 5),
  CENTROID(Kind.GEOMETRY, 1, 1),
  /** CIRCLE([coordsys,] x, y, radius) or CIRCLE([coordsys,] point, radius). */
  CIRCLE(Kind.GEOMETRY, 2, 4),
  CONTAINS(Kind.GEOMETRY, 2, 2),
  COORD1(Kind.GEOMETRY, 1, 1),
  COORD2(Kind.GEOMETRY, 1, 1),
  COORDSYS(Kind.GEOMETRY, 1, 1),
  /** DISTANCE(point, point) or DISTANCE(ra1, dec1, ra2, dec2). */
  DISTANCE(Kind.GEOMETRY, 2, 4),
  INTERSECTS(Kind.GEOMETRY, 2, 2),
  /** POINT([coordsys,] x, y). */
  POINT(Kind.GEOMETRY, 2, 3),
  /** POLYGON([coordsys,] points or coordinates...): at least three vertices. */
  POLYGON(Kind.GEOMETRY, 3, Integer.MAX_VALUE),
  /** REGION(string): deprecated in ADQL 2.1; the checker may refuse it. */
  REGION(Kind.GEOMETRY, 1, 1);

  private final Kind kind;
  private final int minArguments;
  private final int maxArguments;

  AdqlFunction(Kind kind, int minArguments, int maxArguments) {
    this.kind = kind;
    this.minArguments = minArguments;
    this.maxArguments = maxArguments;
  }

  /** The family of the function (the language feature it belongs to). */
  public Kind kind() {
    return kind;
  }

  /** The fewest arguments a call may have. */
  public int minArguments() {
    return minArguments;
  }

  /** The most arguments a call may have ({@link Integer#MAX_VALUE}: no limit). */
  public int maxArguments() {
    return maxArguments;
  }

  /** Whether a call with {@code count} arguments has an acceptable number of them. */
  public boolean accepts(int count) {
    if (this == DISTANCE) {
      return count == 2 || count == 4;
    }
    return count >= minArguments && count <= maxArguments;
  }

  /** The families of ADQL functions. */
  public enum Kind {
    MATH,
    TRIG,
    STRING,
    CONDITIONAL,
    UNIT,
    GEOMETRY
  }
}
