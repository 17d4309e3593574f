package org.dpps.archive.access.infrastructure.adql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.dpps.archive.access.domain.adql.AdqlFunction;
import org.dpps.archive.access.domain.adql.Expr;
import org.dpps.archive.access.domain.tap.SpatialIndex;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.dpps.archive.access.domain.tap.TapTable;
import org.dpps.archive.access.infrastructure.adql.geometry.Polygon;
import org.dpps.archive.access.infrastructure.adql.geometry.Shape;
import org.dpps.archive.access.infrastructure.adql.geometry.Sphere;

/**
 * The shape constructors POINT, CIRCLE, BOX, POLYGON and CENTROID: their coordinate system checked,
 * their numbers translated (and, when all are literals, the shape built and checked now).
 */
final class ShapeBuilder {
  private final GeometryTranslator geometry;
  private final ExprTranslator exprs;
  private final QueryTranslator queries;

  ShapeBuilder(
      GeometryTranslator geometry,
      ExprTranslator exprs,
      Parameters parameters,
      QueryTranslator queries) {
    this.geometry = geometry;
    this.exprs = exprs;
    this.queries = queries;
  }

  Geo build(Expr.FunctionCall call, Scope scope) {
    AdqlFunction f = call.function();
    List<Expr> args = call.arguments();
    return switch (f) {
      case POINT -> point(args.size() == 3 ? system(args) : args, scope);
      case CIRCLE -> circle(withoutSystem(args, 3, scope), scope);
      case BOX -> box(withoutSystem(args, 4, scope), scope);
      case POLYGON -> polygon(withoutSystem(args, -1, scope), scope);
      case CENTROID -> {
        Geo g = geometry.geo(args.get(0), scope);
        if (g.constant() != null) {
          yield constant(Sphere.centroid(g.constant()), Geo.Kind.POINT);
        }
        yield new Geo(Geo.Kind.POINT, "adql_centroid(" + g.array() + ")", null, null, null);
      }
      default ->
          throw new TapException(
              TapError.INVALID_QUERY,
              f + " is not a shape: a geometry argument must be a POINT, CIRCLE, BOX or POLYGON",
              call.position());
    };
  }

  /**
   * The arguments after the coordinate system. A shape of {@code full} arguments (or with a string
   * first) has one; POLYGON ({@code full} -1) has one when its first argument is a string.
   */
  private List<Expr> withoutSystem(List<Expr> args, int full, Scope scope) {
    boolean hasSystem = args.size() == full + 1 || isString(args.get(0), scope);
    return hasSystem ? system(args) : args;
  }

  private boolean isString(Expr e, Scope scope) {
    if (e instanceof Expr.StringLiteral) {
      return true;
    }
    if (e instanceof Expr.FunctionCall c && c.function().kind() == AdqlFunction.Kind.GEOMETRY) {
      return false;
    }
    return TypeInference.isString(exprs.expr(e, scope));
  }

  /** Checks the coordinate system (the first argument); the other arguments. */
  private List<Expr> system(List<Expr> args) {
    Expr first = args.get(0);
    if (!(first instanceof Expr.StringLiteral s)) {
      throw new TapException(
          TapError.UNSUPPORTED,
          "the coordinate system of a shape must be a string literal ('ICRS' or '')",
          ExprTranslator.positionOf(first));
    }
    String[] words = s.value().strip().toUpperCase(Locale.ROOT).split("\\s+");
    boolean icrs =
        words[0].isEmpty()
            || (words[0].equals("ICRS")
                && (words.length == 1
                    || (words.length == 2
                        && List.of("GEOCENTER", "BARYCENTER", "UNKNOWNREFPOS")
                            .contains(words[1]))));
    if (!icrs) {
      throw new TapException(
          TapError.UNSUPPORTED,
          "the coordinate system '"
              + s.value()
              + "' is not supported: positions are ICRS only (use 'ICRS' or '')");
    }
    return args.subList(1, args.size());
  }

  private Geo point(List<Expr> args, Scope scope) {
    if (args.size() != 2 || isGeometric(args.get(0))) {
      throw new TapException(TapError.INVALID_QUERY, "POINT takes two coordinates");
    }
    OptionalDouble ra = GeometryTranslator.constant(args.get(0));
    OptionalDouble dec = GeometryTranslator.constant(args.get(1));
    if (ra.isPresent() && dec.isPresent()) {
      return constant(new Shape.Point(ra.getAsDouble(), dec.getAsDouble()), Geo.Kind.POINT);
    }
    String raSql = geometry.number(args.get(0), scope, "POINT");
    String decSql = geometry.number(args.get(1), scope, "POINT");
    return new Geo(
        Geo.Kind.POINT,
        "adql_point(" + raSql + ", " + decSql + ")",
        List.of(raSql, decSql),
        null,
        index(args.get(0), args.get(1), scope));
  }

  /** The zone index of POINT(ra column, dec column), if the table has one. */
  private Geo.Indexed index(Expr ra, Expr dec, Scope scope) {
    if (!(ra instanceof Expr.ColumnRef raRef) || !(dec instanceof Expr.ColumnRef decRef)) {
      return null;
    }
    Scope.Col raCol = scope.resolve(raRef);
    Scope.Col decCol = scope.resolve(decRef);
    String alias = raCol.sql().substring(0, Math.max(0, raCol.sql().indexOf('.')));
    TapTable table = queries.publishedTable(alias);
    if (table == null || !decCol.sql().startsWith(alias + ".")) {
      return null;
    }
    SpatialIndex.Columns columns = queries.spatialIndex().of(table.qualifiedName()).orElse(null);
    if (columns == null
        || !raCol.sql().equals(alias + "." + columns.ra())
        || !decCol.sql().equals(alias + "." + columns.dec())) {
      return null;
    }
    return new Geo.Indexed(columns, alias);
  }

  private Geo circle(List<Expr> args, Scope scope) {
    Geo centre;
    Expr radius;
    if (args.size() == 2) {
      centre = pointArgument(args.get(0), scope, "CIRCLE");
      radius = args.get(1);
    } else if (args.size() == 3) {
      centre = point(args.subList(0, 2), scope);
      radius = args.get(2);
    } else {
      throw new TapException(TapError.INVALID_QUERY, "CIRCLE takes a centre and a radius");
    }
    OptionalDouble r = GeometryTranslator.constant(radius);
    if (centre.constant() instanceof Shape.Point c && r.isPresent()) {
      return constant(new Shape.Circle(c, r.getAsDouble()), Geo.Kind.CIRCLE);
    }
    List<String> parts =
        List.of(centre.coord1(), centre.coord2(), geometry.number(radius, scope, "CIRCLE"));
    return new Geo(
        Geo.Kind.CIRCLE, "adql_circle(" + String.join(", ", parts) + ")", parts, null, null);
  }

  private Geo box(List<Expr> args, Scope scope) {
    Geo centre;
    List<Expr> size;
    if (args.size() == 3) {
      centre = pointArgument(args.get(0), scope, "BOX");
      size = args.subList(1, 3);
    } else if (args.size() == 4) {
      centre = point(args.subList(0, 2), scope);
      size = args.subList(2, 4);
    } else {
      throw new TapException(TapError.INVALID_QUERY, "BOX takes a centre, a width and a height");
    }
    OptionalDouble w = GeometryTranslator.constant(size.get(0));
    OptionalDouble h = GeometryTranslator.constant(size.get(1));
    if (centre.constant() instanceof Shape.Point c && w.isPresent() && h.isPresent()) {
      return constant(Shape.box(c, w.getAsDouble(), h.getAsDouble()), Geo.Kind.POLYGON);
    }
    String sql =
        "adql_box("
            + centre.coord1()
            + ", "
            + centre.coord2()
            + ", "
            + geometry.number(size.get(0), scope, "BOX")
            + ", "
            + geometry.number(size.get(1), scope, "BOX")
            + ")";
    return new Geo(Geo.Kind.POLYGON, sql, null, null, null);
  }

  private Geo polygon(List<Expr> args, Scope scope) {
    List<Geo> vertices = new ArrayList<>();
    if (!args.isEmpty() && isGeometric(args.get(0))) {
      for (Expr e : args) {
        vertices.add(pointArgument(e, scope, "POLYGON"));
      }
    } else {
      if (args.size() % 2 != 0) {
        throw new TapException(
            TapError.INVALID_QUERY, "POLYGON takes pairs of coordinates, not " + args.size());
      }
      for (int i = 0; i < args.size(); i += 2) {
        vertices.add(point(args.subList(i, i + 2), scope));
      }
    }
    if (vertices.size() < 3) {
      throw new TapException(
          TapError.INVALID_QUERY, "POLYGON needs at least three vertices, not " + vertices.size());
    }
    if (vertices.stream().allMatch(v -> v.constant() instanceof Shape.Point)) {
      return constant(
          new Polygon(vertices.stream().map(v -> (Shape.Point) v.constant()).toList()),
          Geo.Kind.POLYGON);
    }
    List<String> coords = new ArrayList<>();
    for (Geo v : vertices) {
      coords.add(v.coord1());
      coords.add(v.coord2());
    }
    return new Geo(
        Geo.Kind.POLYGON,
        "adql_polygon(ARRAY[" + String.join(", ", coords) + "])",
        null,
        null,
        null);
  }

  private Geo pointArgument(Expr e, Scope scope, String what) {
    Geo p = geometry.geo(e, scope);
    if (p.kind() != Geo.Kind.POINT) {
      throw new TapException(
          TapError.INVALID_QUERY,
          what + " takes a POINT here, not a " + p.kind().name(),
          ExprTranslator.positionOf(e));
    }
    return p;
  }

  private static boolean isGeometric(Expr e) {
    return e instanceof Expr.FunctionCall c && c.function().kind() == AdqlFunction.Kind.GEOMETRY;
  }

  private Geo constant(Shape s, Geo.Kind kind) {
    List<String> parts = null;
    String array = geometry.array(s);
    if (s instanceof Shape.Point p) {
      parts = List.of(geometry.real(p.ra()).sql(), geometry.real(p.dec()).sql());
    } else if (s instanceof Shape.Circle c) {
      parts =
          List.of(
              geometry.real(c.centre().ra()).sql(),
              geometry.real(c.centre().dec()).sql(),
              geometry.real(c.radius()).sql());
    }
    return new Geo(kind, array, parts, s, null);
  }
}
