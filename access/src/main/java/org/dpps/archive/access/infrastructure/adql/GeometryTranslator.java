package org.dpps.archive.access.infrastructure.adql;

import static org.dpps.archive.access.infrastructure.adql.TypeInference.coerce;
import static org.dpps.archive.access.infrastructure.adql.TypeInference.requireNumeric;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.dpps.archive.access.domain.adql.AdqlFunction;
import org.dpps.archive.access.domain.adql.Condition;
import org.dpps.archive.access.domain.adql.Expr;
import org.dpps.archive.access.domain.adql.Position;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.dpps.archive.access.infrastructure.adql.geometry.GeometryException;
import org.dpps.archive.access.infrastructure.adql.geometry.Shape;
import org.dpps.archive.access.infrastructure.adql.geometry.Sphere;

/**
 * ADQL geometry on H2: shapes become DALI arrays built by the {@code adql_*} functions (or bound
 * constants), predicates call the exact spherical tests of {@link H2Sphere}, and a comparison
 * {@code 1 = CONTAINS(POINT(ra, dec), <constant shape>)} on a table with a zone index gets an
 * index-usable prefilter before the exact test ({@link ConeFilter}).
 */
final class GeometryTranslator {
  private final ExprTranslator exprs;
  private final Parameters parameters;
  private final ShapeBuilder shapes;

  GeometryTranslator(ExprTranslator exprs, Parameters parameters, QueryTranslator queries) {
    this.exprs = exprs;
    this.parameters = parameters;
    this.shapes = new ShapeBuilder(this, exprs, parameters, queries);
  }

  /** A geometry function in a value expression. */
  Typed call(Expr.FunctionCall call, Scope scope) {
    AdqlFunction f = call.function();
    Position at = call.position();
    List<Expr> args = call.arguments();
    if (!f.accepts(args.size())) {
      throw new TapException(
          TapError.INVALID_QUERY, f + " does not take " + args.size() + " argument(s)", at);
    }
    return switch (f) {
      case POINT, CIRCLE, BOX, POLYGON, CENTROID -> geo(call, scope).typed();
      case CONTAINS, INTERSECTS -> Typed.of(test(call, scope).sql(), "int");
      case DISTANCE -> distance(call, scope);
      case COORD1, COORD2 -> {
        Geo p = point(args.get(0), scope, f.name());
        if (p.constant() instanceof Shape.Point c) {
          yield real(f == AdqlFunction.COORD1 ? c.ra() : c.dec());
        }
        yield Typed.of(f == AdqlFunction.COORD1 ? p.coord1() : p.coord2(), "double");
      }
      case AREA -> {
        Geo g = geo(args.get(0), scope);
        if (g.constant() != null) {
          yield real(Sphere.area(g.constant()));
        }
        yield Typed.of("adql_area(" + g.array() + ")", "double");
      }
      case COORDSYS -> {
        geo(args.get(0), scope);
        yield Typed.string("CAST(" + parameters.add("ICRS") + " AS VARCHAR)");
      }
      default ->
          throw new TapException(
              TapError.UNSUPPORTED,
              f + " is not supported (it is deprecated in ADQL 2.1 and has no exact translation)",
              at);
    };
  }

  /** A predicate's translation: its SQL (an INT, 1 or 0) and the prefilter it allows. */
  record Test(String sql, String prefilter) {}

  /**
   * {@code CONTAINS|INTERSECTS(...) = 1|0} (either way round, or with {@code <>}): the exact test,
   * after the index prefilter when one applies and the rows sought are those that pass; null when
   * the comparison is not of that form.
   */
  String comparison(Condition.Comparison cmp, Scope scope) {
    Expr.FunctionCall call = predicate(cmp.left());
    Expr other = cmp.right();
    if (call == null) {
      call = predicate(cmp.right());
      other = cmp.left();
    }
    if (call == null
        || !(other instanceof Expr.IntegerLiteral i)
        || i.value().compareTo(BigInteger.ONE) > 0) {
      return null;
    }
    boolean one = i.value().equals(BigInteger.ONE);
    boolean wanted =
        switch (cmp.operator()) {
          case EQUAL -> one;
          case NOT_EQUAL -> !one;
          default -> false;
        };
    if (cmp.operator() != Condition.ComparisonOperator.EQUAL
        && cmp.operator() != Condition.ComparisonOperator.NOT_EQUAL) {
      return null;
    }
    if (!call.function().accepts(call.arguments().size())) {
      throw new TapException(
          TapError.INVALID_QUERY,
          call.function() + " does not take " + call.arguments().size() + " argument(s)",
          call.position());
    }
    Test t = test(call, scope);
    if (!wanted) {
      return "(" + t.sql() + " = 0)";
    }
    return t.prefilter() == null
        ? "(" + t.sql() + " = 1)"
        : "(" + t.prefilter() + " AND " + t.sql() + " = 1)";
  }

  private static Expr.FunctionCall predicate(Expr e) {
    return e instanceof Expr.FunctionCall c
            && (c.function() == AdqlFunction.CONTAINS || c.function() == AdqlFunction.INTERSECTS)
        ? c
        : null;
  }

  private Test test(Expr.FunctionCall call, Scope scope) {
    Geo a = geo(call.arguments().get(0), scope);
    Geo b = geo(call.arguments().get(1), scope);
    boolean contains = call.function() == AdqlFunction.CONTAINS;
    // INTERSECTS with a point is CONTAINS of the point (ADQL 2.1, 4.2.9)
    if (!contains && b.kind() == Geo.Kind.POINT && a.kind() != Geo.Kind.POINT) {
      Geo swap = a;
      a = b;
      b = swap;
    }
    boolean pointIn = contains || a.kind() == Geo.Kind.POINT;
    String sql;
    if (pointIn && a.kind() == Geo.Kind.POINT && b.kind() == Geo.Kind.CIRCLE && b.parts() != null) {
      sql =
          "adql_contains_point_circle("
              + a.coord1()
              + ", "
              + a.coord2()
              + ", "
              + String.join(", ", b.parts())
              + ")";
    } else {
      sql = (pointIn ? "adql_contains(" : "adql_intersects(") + a.array() + ", " + b.array() + ")";
    }
    String prefilter = null;
    if (pointIn && a.index() != null && b.constant() != null) {
      Shape.Circle cap = Sphere.boundingCap(b.constant());
      if (cap != null) {
        prefilter = ConeFilter.sql(cap, a.index(), parameters);
      }
    }
    return new Test(sql, prefilter);
  }

  private Typed distance(Expr.FunctionCall call, Scope scope) {
    List<String> coords = new ArrayList<>();
    if (call.arguments().size() == 2) {
      for (Expr e : call.arguments()) {
        Geo p = point(e, scope, "DISTANCE");
        coords.add(p.coord1());
        coords.add(p.coord2());
      }
    } else {
      for (Expr e : call.arguments()) {
        coords.add(number(e, scope, "DISTANCE"));
      }
    }
    return Typed.of("adql_distance(" + String.join(", ", coords) + ")", "double");
  }

  private Geo point(Expr e, Scope scope, String what) {
    Geo p = geo(e, scope);
    if (p.kind() != Geo.Kind.POINT) {
      throw new TapException(
          TapError.INVALID_QUERY,
          what + " takes a POINT, not a " + p.kind().name(),
          ExprTranslator.positionOf(e));
    }
    return p;
  }

  /** A geometric value: a shape function or a column of a geometric type. */
  Geo geo(Expr e, Scope scope) {
    if (e instanceof Expr.FunctionCall call
        && call.function().kind() == AdqlFunction.Kind.GEOMETRY) {
      if (!call.function().accepts(call.arguments().size())) {
        throw new TapException(
            TapError.INVALID_QUERY,
            call.function() + " does not take " + call.arguments().size() + " argument(s)",
            call.position());
      }
      try {
        return shapes.build(call, scope);
      } catch (GeometryException bad) {
        throw new TapException(
            TapError.INVALID_QUERY, call.function() + ": " + bad.getMessage(), call.position());
      }
    }
    Typed t = exprs.expr(e, scope);
    String xtype = t.xtype() == null ? "" : t.xtype().toLowerCase(Locale.ROOT);
    if (TypeInference.isString(t) && (xtype.equals("adql:region") || xtype.equals("region"))) {
      return new Geo(Geo.Kind.REGION, "adql_region(" + t.sql() + ")", null, null, null);
    }
    for (Geo.Kind k : Geo.Kind.values()) {
      if (k != Geo.Kind.REGION && k.xtype.equals(xtype) && "double".equals(t.datatype())) {
        return new Geo(k, t.sql(), null, null, null);
      }
    }
    throw new TapException(
        TapError.INVALID_QUERY,
        "a geometry function takes a POINT, CIRCLE, BOX, POLYGON or region column, not a value"
            + " of type "
            + TypeInference.describe(t),
        ExprTranslator.positionOf(e));
  }

  /** SQL of a numeric argument, as DOUBLE PRECISION. */
  String number(Expr e, Scope scope, String what) {
    OptionalDouble c = constant(e);
    if (c.isPresent()) {
      return real(c.getAsDouble()).sql();
    }
    Typed t = exprs.expr(e, scope);
    requireNumeric(t, what, ExprTranslator.positionOf(e));
    if (!TypeInference.isKnown(t)) {
      throw new TapException(TapError.INVALID_QUERY, what + " takes numbers, not NULL");
    }
    return coerce(t, "double");
  }

  /** The value of a numeric literal (with signs), if the expression is one. */
  static OptionalDouble constant(Expr e) {
    if (e instanceof Expr.IntegerLiteral i) {
      return OptionalDouble.of(i.value().doubleValue());
    }
    if (e instanceof Expr.DecimalLiteral d) {
      return OptionalDouble.of(d.value().doubleValue());
    }
    if (e instanceof Expr.RealLiteral r) {
      return OptionalDouble.of(r.value());
    }
    if (e instanceof Expr.Unary u && u.operator() != Expr.UnaryOperator.BIT_NOT) {
      OptionalDouble v = constant(u.operand());
      if (v.isPresent() && u.operator() == Expr.UnaryOperator.MINUS) {
        return OptionalDouble.of(-v.getAsDouble());
      }
      return v;
    }
    return OptionalDouble.empty();
  }

  /** A bound DOUBLE PRECISION value. */
  Typed real(double value) {
    return Typed.of("CAST(" + parameters.add(value) + " AS DOUBLE PRECISION)", "double");
  }

  /** SQL of the DALI array of a constant shape: its numbers bound one by one. */
  String array(Shape s) {
    return java.util.Arrays.stream(s.dali())
        .mapToObj(v -> real(v).sql())
        .collect(Collectors.joining(", ", "ARRAY[", "]"));
  }
}
