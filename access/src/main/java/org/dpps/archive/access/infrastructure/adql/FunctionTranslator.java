package org.dpps.archive.access.infrastructure.adql;

import static org.dpps.archive.access.infrastructure.adql.TypeInference.coerce;
import static org.dpps.archive.access.infrastructure.adql.TypeInference.requireNumeric;
import static org.dpps.archive.access.infrastructure.adql.TypeInference.requireString;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.dpps.archive.access.domain.adql.AdqlFunction;
import org.dpps.archive.access.domain.adql.Expr;
import org.dpps.archive.access.domain.adql.Position;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;

/** The ADQL functions, aggregates and CAST, checked and translated to H2 SQL. */
final class FunctionTranslator {
  private final ExprTranslator exprs;
  private final GeometryTranslator geometry;

  FunctionTranslator(ExprTranslator exprs, GeometryTranslator geometry) {
    this.exprs = exprs;
    this.geometry = geometry;
  }

  Typed call(Expr.FunctionCall call, Scope scope) {
    AdqlFunction f = call.function();
    Position at = call.position();
    if (f.kind() == AdqlFunction.Kind.GEOMETRY) {
      return geometry.call(call, scope);
    }
    if (f.kind() == AdqlFunction.Kind.UNIT) {
      throw new TapException(
          TapError.UNSUPPORTED, f + " is not supported: this service does not convert units", at);
    }
    if (!f.accepts(call.arguments().size())) {
      throw new TapException(
          TapError.INVALID_QUERY,
          f + " does not take " + call.arguments().size() + " argument(s)",
          at);
    }
    List<Typed> args = new ArrayList<>();
    for (Expr e : call.arguments()) {
      args.add(exprs.expr(e, scope));
    }
    String what = "the function " + f;
    switch (f.kind()) {
      case MATH, TRIG -> args.forEach(a -> requireNumeric(a, what, at));
      case STRING -> args.forEach(a -> requireString(a, what, at));
      default -> {}
    }
    return switch (f) {
      case ABS, CEILING, FLOOR -> sameType(f.name(), args);
      case ROUND -> sameType("ROUND", args);
      case TRUNCATE -> sameType("TRUNC", args);
      case LOG -> doubleCall("LN", args);
      case MOD -> {
        String type = TypeInference.widest(args.get(0), args.get(1));
        // H2's MOD has the type of its divisor: MOD(1.5, 1) is 1 unless both are doubles
        yield Typed.of(
            "MOD(" + coerce(args.get(0), type) + ", " + coerce(args.get(1), type) + ")", type);
      }
      case PI -> Typed.of("PI()", "double");
      case RAND ->
          args.isEmpty()
              ? Typed.of("RAND()", "double")
              : Typed.of("RAND(" + coerce(args.get(0), "int") + ")", "double");
      case DEGREES, EXP, LOG10, POWER, RADIANS, SQRT, ACOS, ASIN, ATAN, ATAN2, COS, COT, SIN, TAN ->
          doubleCall(f.name(), args);
      case LOWER, UPPER -> Typed.string(f.name() + "(" + args.get(0).sql() + ")");
      case COALESCE -> {
        Typed first = args.stream().filter(TypeInference::isKnown).findFirst().orElse(args.get(0));
        yield new Typed(
            "COALESCE(" + sqlList(args) + ")",
            first.datatype(),
            first.arraysize(),
            first.xtype(),
            null);
      }
      default -> throw new TapException(TapError.UNSUPPORTED, f + " is not supported", at);
    };
  }

  private static Typed sameType(String name, List<Typed> args) {
    Typed first = args.get(0);
    String type = TypeInference.isKnown(first) ? first.datatype() : "double";
    return Typed.of(name + "(" + sqlList(args) + ")", type);
  }

  private static Typed doubleCall(String name, List<Typed> args) {
    String sql = args.stream().map(a -> coerce(a, "double")).collect(Collectors.joining(", "));
    return Typed.of(name + "(" + sql + ")", "double");
  }

  private static String sqlList(List<Typed> args) {
    return args.stream().map(Typed::sql).collect(Collectors.joining(", "));
  }

  /** COUNT, AVG, SUM, MIN, MAX; the result types H2 gives (NUMERIC, DECFLOAT) are cast. */
  Typed aggregate(Expr.SetFunction f, Scope scope) {
    Typed arg = exprs.expr(f.argument(), scope);
    String inner = f.aggregate().name() + "(" + (f.distinct() ? "DISTINCT " : "") + arg.sql() + ")";
    Position at = ExprTranslator.positionOf(f.argument());
    String what = "the function " + f.aggregate();
    return switch (f.aggregate()) {
      case COUNT -> Typed.of(inner, "long");
      case AVG -> {
        requireNumeric(arg, what, at);
        yield Typed.of("CAST(" + inner + " AS DOUBLE PRECISION)", "double");
      }
      case SUM -> {
        requireNumeric(arg, what, at);
        String type = TypeInference.isInteger(arg) ? "long" : "double";
        yield Typed.of("CAST(" + inner + " AS " + TypeInference.sqlType(type) + ")", type);
      }
      default -> new Typed(inner, arg.datatype(), arg.arraysize(), arg.xtype(), null);
    };
  }

  Typed cast(Expr.Cast c, Scope scope) {
    Typed value = exprs.expr(c.value(), scope);
    String length = c.length().isPresent() ? "(" + c.length().getAsInt() + ")" : "";
    return switch (c.type()) {
      case SMALLINT -> Typed.of("CAST(" + value.sql() + " AS SMALLINT)", "short");
      case INTEGER -> Typed.of("CAST(" + value.sql() + " AS INTEGER)", "int");
      case BIGINT -> Typed.of("CAST(" + value.sql() + " AS BIGINT)", "long");
      case REAL -> Typed.of("CAST(" + value.sql() + " AS REAL)", "float");
      case DOUBLE_PRECISION -> Typed.of("CAST(" + value.sql() + " AS DOUBLE PRECISION)", "double");
      case TIMESTAMP ->
          new Typed("CAST(" + value.sql() + " AS TIMESTAMP)", "char", "*", "timestamp", null);
      case CHAR ->
          new Typed(
              "CAST(" + value.sql() + " AS CHAR" + length + ")",
              "char",
              c.length().isPresent() ? Integer.toString(c.length().getAsInt()) : "1",
              "",
              null);
      case VARCHAR ->
          new Typed(
              "CAST(" + value.sql() + " AS VARCHAR" + length + ")",
              "char",
              c.length().isPresent() ? c.length().getAsInt() + "*" : "*",
              "",
              null);
      default ->
          throw new TapException(
              TapError.UNSUPPORTED,
              "CAST to "
                  + c.type().name().toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT)
                  + " is not supported: geometric values are built with POINT, CIRCLE, BOX and"
                  + " POLYGON",
              ExprTranslator.positionOf(c.value()));
    };
  }
}
