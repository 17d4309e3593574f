package org.dpps.archive.access.infrastructure.adql;

import static org.dpps.archive.access.infrastructure.adql.TypeInference.coerce;
import static org.dpps.archive.access.infrastructure.adql.TypeInference.requireComparable;
import static org.dpps.archive.access.infrastructure.adql.TypeInference.requireInteger;
import static org.dpps.archive.access.infrastructure.adql.TypeInference.requireNumeric;
import static org.dpps.archive.access.infrastructure.adql.TypeInference.requireString;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dpps.archive.access.domain.adql.Condition;
import org.dpps.archive.access.domain.adql.Expr;
import org.dpps.archive.access.domain.adql.Position;
import org.dpps.archive.access.domain.adql.Query;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;

/** Checks and translates value expressions and search conditions to H2 SQL. */
final class ExprTranslator {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final QueryTranslator queries;
  private final Parameters parameters;
  private final FunctionTranslator functions;
  private final GeometryTranslator geometry;

  ExprTranslator(QueryTranslator queries, Parameters parameters) {
    this.queries = queries;
    this.parameters = parameters;
    this.geometry = new GeometryTranslator(this, parameters, queries);
    this.functions = new FunctionTranslator(this, geometry);
  }

  // ------------------------------------------------------------------ value expressions

  Typed expr(Expr e, Scope scope) {
    if (e instanceof Expr.ColumnRef ref) {
      Scope.Col col = scope.resolve(ref);
      return Typed.ofColumn(col.sql(), col.meta());
    }
    if (e instanceof Expr.Literal literal) {
      return literal(literal);
    }
    if (e instanceof Expr.Binary b) {
      return binary(b, scope);
    }
    if (e instanceof Expr.Unary u) {
      return unary(u, scope);
    }
    if (e instanceof Expr.FunctionCall call) {
      return functions.call(call, scope);
    }
    if (e instanceof Expr.UserFunctionCall call) {
      throw new TapException(
          TapError.UNSUPPORTED,
          "the function " + call.name() + " is not an ADQL function this service provides",
          call.position());
    }
    if (e instanceof Expr.CountAll) {
      return Typed.of("COUNT(*)", "long");
    }
    if (e instanceof Expr.SetFunction f) {
      return functions.aggregate(f, scope);
    }
    if (e instanceof Expr.SimpleCase c) {
      return simpleCase(c, scope);
    }
    if (e instanceof Expr.SearchedCase c) {
      return searchedCase(c, scope);
    }
    if (e instanceof Expr.Cast c) {
      return functions.cast(c, scope);
    }
    throw new TapException(TapError.UNSUPPORTED, "unsupported expression: " + e);
  }

  private Typed literal(Expr.Literal literal) {
    if (literal instanceof Expr.IntegerLiteral i) {
      if (i.value().compareTo(LONG_MIN) < 0 || i.value().compareTo(LONG_MAX) > 0) {
        throw new TapException(
            TapError.INVALID_QUERY, "the integer " + i.value() + " is out of range (64 bits)");
      }
      return Typed.of("CAST(" + parameters.add(i.value().longValue()) + " AS BIGINT)", "long");
    }
    if (literal instanceof Expr.DecimalLiteral d) {
      return Typed.of("CAST(" + parameters.add(d.value()) + " AS DOUBLE PRECISION)", "double");
    }
    if (literal instanceof Expr.RealLiteral r) {
      return Typed.of("CAST(" + parameters.add(r.value()) + " AS DOUBLE PRECISION)", "double");
    }
    if (literal instanceof Expr.StringLiteral s) {
      return Typed.string("CAST(" + parameters.add(s.value()) + " AS VARCHAR)");
    }
    return Typed.of("NULL", null);
  }

  private Typed binary(Expr.Binary b, Scope scope) {
    Typed left = expr(b.left(), scope);
    Typed right = expr(b.right(), scope);
    String symbol = "the operator " + b.operator().symbol();
    switch (b.operator()) {
      case CONCATENATE:
        return Typed.string("(" + left.sql() + " || " + right.sql() + ")");
      case BIT_AND:
      case BIT_OR:
      case BIT_XOR:
        requireInteger(left, symbol, positionOf(b.left()));
        requireInteger(right, symbol, positionOf(b.right()));
        String type =
            "long".equals(left.datatype()) || "long".equals(right.datatype()) ? "long" : "int";
        String fn =
            switch (b.operator()) {
              case BIT_AND -> "BITAND";
              case BIT_OR -> "BITOR";
              default -> "BITXOR";
            };
        return Typed.of(fn + "(" + coerce(left, type) + ", " + coerce(right, type) + ")", type);
      default:
        requireNumeric(left, symbol, positionOf(b.left()));
        requireNumeric(right, symbol, positionOf(b.right()));
        String widest = TypeInference.widest(left, right);
        return Typed.of(
            "("
                + coerce(left, widest)
                + " "
                + b.operator().symbol()
                + " "
                + coerce(right, widest)
                + ")",
            widest);
    }
  }

  private Typed unary(Expr.Unary u, Scope scope) {
    Typed operand = expr(u.operand(), scope);
    switch (u.operator()) {
      case PLUS:
        requireNumeric(operand, "the sign +", positionOf(u.operand()));
        return operand.withSql("(" + operand.sql() + ")");
      case MINUS:
        requireNumeric(operand, "the sign -", positionOf(u.operand()));
        return operand.withSql("(-" + operand.sql() + ")");
      default:
        requireInteger(operand, "the operator ~", positionOf(u.operand()));
        return operand.withSql("BITNOT(" + operand.sql() + ")");
    }
  }

  private Typed simpleCase(Expr.SimpleCase c, Scope scope) {
    Typed operand = expr(c.operand(), scope);
    StringBuilder sql = new StringBuilder("CASE ").append(operand.sql());
    List<Typed> results = new ArrayList<>();
    for (Expr.SimpleWhen w : c.whens()) {
      Typed when = expr(w.when(), scope);
      requireComparable(operand, when, "CASE", null);
      Typed then = expr(w.then(), scope);
      results.add(then);
      sql.append(" WHEN ").append(when.sql()).append(" THEN ").append(then.sql());
    }
    return endCase(sql, results, c.otherwise(), scope);
  }

  private Typed searchedCase(Expr.SearchedCase c, Scope scope) {
    StringBuilder sql = new StringBuilder("CASE");
    List<Typed> results = new ArrayList<>();
    for (Expr.SearchedWhen w : c.whens()) {
      String when = condition(w.when(), scope);
      Typed then = expr(w.then(), scope);
      results.add(then);
      sql.append(" WHEN ").append(when).append(" THEN ").append(then.sql());
    }
    return endCase(sql, results, c.otherwise(), scope);
  }

  private Typed endCase(
      StringBuilder sql, List<Typed> results, Optional<Expr> otherwise, Scope scope) {
    if (otherwise.isPresent()) {
      Typed e = expr(otherwise.get(), scope);
      results.add(e);
      sql.append(" ELSE ").append(e.sql());
    }
    sql.append(" END");
    Typed first =
        results.stream().filter(TypeInference::isKnown).findFirst().orElse(Typed.of("", null));
    return new Typed(sql.toString(), first.datatype(), first.arraysize(), first.xtype(), null);
  }

  // ------------------------------------------------------------------ conditions

  String condition(Condition c, Scope scope) {
    if (c instanceof Condition.And and) {
      return join(and.operands(), " AND ", scope);
    }
    if (c instanceof Condition.Or or) {
      return join(or.operands(), " OR ", scope);
    }
    if (c instanceof Condition.Not not) {
      return "(NOT " + condition(not.operand(), scope) + ")";
    }
    if (c instanceof Condition.Comparison cmp) {
      String spatial = geometry.comparison(cmp, scope);
      if (spatial != null) {
        return spatial;
      }
      Typed left = expr(cmp.left(), scope);
      Typed right = expr(cmp.right(), scope);
      requireComparable(left, right, "the comparison " + cmp.operator().symbol(), position(cmp));
      if (isShape(left) || isShape(right)) {
        throw new TapException(
            TapError.UNSUPPORTED,
            "comparing geometric values with " + cmp.operator().symbol() + " is not supported",
            position(cmp));
      }
      return "(" + left.sql() + " " + cmp.operator().symbol() + " " + right.sql() + ")";
    }
    if (c instanceof Condition.Between b) {
      Typed value = expr(b.value(), scope);
      Typed low = expr(b.low(), scope);
      Typed high = expr(b.high(), scope);
      requireComparable(value, low, "BETWEEN", null);
      requireComparable(value, high, "BETWEEN", null);
      return "("
          + value.sql()
          + (b.negated() ? " NOT" : "")
          + " BETWEEN "
          + low.sql()
          + " AND "
          + high.sql()
          + ")";
    }
    if (c instanceof Condition.Like like) {
      Typed value = expr(like.value(), scope);
      Typed pattern = expr(like.pattern(), scope);
      String op = like.caseInsensitive() ? "ILIKE" : "LIKE";
      requireString(value, op, positionOf(like.value()));
      requireString(pattern, op, positionOf(like.pattern()));
      // ADQL has no escape character; H2's default one is the backslash
      return "("
          + value.sql()
          + (like.negated() ? " NOT " : " ")
          + op
          + " "
          + pattern.sql()
          + " ESCAPE '')";
    }
    if (c instanceof Condition.InList in) {
      Typed value = expr(in.value(), scope);
      List<String> values = new ArrayList<>();
      for (Expr e : in.values()) {
        Typed t = expr(e, scope);
        requireComparable(value, t, "IN", null);
        values.add(t.sql());
      }
      return "("
          + value.sql()
          + (in.negated() ? " NOT IN (" : " IN (")
          + String.join(", ", values)
          + "))";
    }
    if (c instanceof Condition.InSubquery in) {
      Typed value = expr(in.value(), scope);
      QueryTranslator.Result sub = queries.subquery(in.query(), scope);
      if (sub.columns().size() != 1) {
        throw new TapException(
            TapError.INVALID_QUERY,
            "the subquery of IN must select one column, not " + sub.columns().size());
      }
      TapColumn only = sub.columns().get(0);
      requireComparable(
          value, new Typed("", only.datatype(), only.arraysize(), "", null), "IN", null);
      return "(" + value.sql() + (in.negated() ? " NOT IN (" : " IN (") + sub.sql() + "))";
    }
    if (c instanceof Condition.IsNull isNull) {
      Typed value = expr(isNull.value(), scope);
      return "(" + value.sql() + (isNull.negated() ? " IS NOT NULL)" : " IS NULL)");
    }
    Condition.Exists exists = (Condition.Exists) c;
    Query q = exists.query();
    return "EXISTS (" + queries.subquery(q, scope).sql() + ")";
  }

  private static boolean isShape(Typed t) {
    return "double".equals(t.datatype())
        && List.of("point", "circle", "polygon").contains(t.xtype());
  }

  private String join(List<Condition> operands, String operator, Scope scope) {
    return operands.stream()
        .map(o -> condition(o, scope))
        .collect(Collectors.joining(operator, "(", ")"));
  }

  /** The position of a comparison: that of its first operand, when it has one. */
  private static Position position(Condition.Comparison cmp) {
    return positionOf(cmp.left()) != null ? positionOf(cmp.left()) : positionOf(cmp.right());
  }

  static Position positionOf(Expr e) {
    if (e instanceof Expr.ColumnRef ref) {
      return ref.position();
    }
    if (e instanceof Expr.FunctionCall call) {
      return call.position();
    }
    if (e instanceof Expr.UserFunctionCall call) {
      return call.position();
    }
    return null;
  }
}
