package org.dpps.archive.access.infrastructure.adql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dpps.archive.access.domain.adql.CommonTableExpression;
import org.dpps.archive.access.domain.adql.Expr;
import org.dpps.archive.access.domain.adql.OrderItem;
import org.dpps.archive.access.domain.adql.Query;
import org.dpps.archive.access.domain.adql.QueryBody;
import org.dpps.archive.access.domain.adql.Select;
import org.dpps.archive.access.domain.adql.SetOperation;
import org.dpps.archive.access.domain.tap.SpatialIndex;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.dpps.archive.access.domain.tap.TapSchema;
import org.dpps.archive.access.domain.tap.TapTable;

/**
 * Checks and translates whole queries: WITH, set operations, ORDER BY, OFFSET and the row limit;
 * each SELECT is done by {@link SelectTranslator}. Names in the SQL are generated ({@code t1},
 * {@code c1}, {@code w1}) or physical; values are bind parameters.
 */
final class QueryTranslator {

  /**
   * A translated query.
   *
   * @param sql the SQL with parameter markers; its result columns are named {@code c1..cn}
   * @param columns the result columns' metadata, named as the query names them
   * @param names the result columns' names under ADQL's case rules
   */
  record Result(String sql, List<TapColumn> columns, List<String> names) {}

  /** A common table expression in reach: its name, its SQL name and its columns. */
  record Cte(String name, String sqlName, List<Scope.Col> columns) {}

  private final Parameters parameters;
  private final ExprTranslator exprs;
  private final SelectTranslator selects;
  private final Deque<List<Cte>> ctes = new ArrayDeque<>();
  private final SpatialIndex spatialIndex;
  private final Map<String, TapTable> publishedTables = new HashMap<>();
  private int withCount;

  QueryTranslator(TapSchema schema, Parameters parameters) {
    this(schema, SpatialIndex.NONE, parameters);
  }

  QueryTranslator(TapSchema schema, SpatialIndex spatialIndex, Parameters parameters) {
    this.parameters = parameters;
    this.spatialIndex = spatialIndex;
    this.exprs = new ExprTranslator(this, parameters);
    this.selects = new SelectTranslator(schema, this, exprs);
  }

  Parameters parameters() {
    return parameters;
  }

  /** The zone indexes of the published tables. */
  SpatialIndex spatialIndex() {
    return spatialIndex;
  }

  /** Records that the SQL alias {@code alias} reads the published table {@code table}. */
  void published(String alias, TapTable table) {
    publishedTables.put(alias, table);
  }

  /** The published table an SQL alias reads, or null (a derived table, a WITH query). */
  TapTable publishedTable(String alias) {
    return publishedTables.get(alias);
  }

  /** The whole query, fetching at most {@code fetchLimit} rows (negative: its own TOP only). */
  Result top(Query q, long fetchLimit) {
    return query(q, null, fetchLimit);
  }

  /** A query inside another (IN, EXISTS), which may refer to the columns of {@code outer}. */
  Result subquery(Query q, Scope outer) {
    return query(q, outer, -1);
  }

  /** The common table expression of this name in reach, innermost first. */
  Cte cte(String name) {
    for (List<Cte> frame : ctes) {
      for (Cte c : frame) {
        if (c.name().equals(name)) {
          return c;
        }
      }
    }
    return null;
  }

  private Result query(Query q, Scope outer, long limit) {
    List<Cte> frame = new ArrayList<>();
    ctes.push(frame);
    try {
      StringBuilder sql = new StringBuilder();
      if (!q.with().isEmpty()) {
        List<String> parts = new ArrayList<>();
        for (CommonTableExpression c : q.with()) {
          parts.add(with(c, frame));
        }
        sql.append("WITH ").append(String.join(", ", parts)).append(' ');
      }
      long rows = limit;
      Scope orderScope = null;
      Result body;
      if (q.body() instanceof Select s) {
        if (rows < 0 && s.top().isPresent()) {
          rows = s.top().getAsLong();
        }
        SelectTranslator.Translated t = selects.select(s, outer);
        body = t.result();
        orderScope = t.scope();
        sql.append(body.sql());
      } else if (q.body() instanceof SetOperation op) {
        body = setOperation(op, outer);
        sql.append(body.sql());
      } else {
        body = query((Query) q.body(), outer, -1);
        sql.append('(').append(body.sql()).append(')');
      }
      if (!q.orderBy().isEmpty()) {
        List<String> keys = new ArrayList<>();
        for (OrderItem item : q.orderBy()) {
          keys.add(orderKey(item, body, orderScope) + " " + item.direction().name());
        }
        sql.append(" ORDER BY ").append(String.join(", ", keys));
      }
      if (q.offset().isPresent()) {
        sql.append(" OFFSET ").append(q.offset().getAsLong()).append(" ROWS");
      }
      if (rows >= 0) {
        sql.append(" FETCH FIRST ").append(rows).append(" ROWS ONLY");
      }
      return new Result(sql.toString(), body.columns(), body.names());
    } finally {
      ctes.pop();
    }
  }

  private String with(CommonTableExpression c, List<Cte> frame) {
    String name = Scope.canonical(c.name());
    if (frame.stream().anyMatch(other -> other.name().equals(name))) {
      throw new TapException(
          TapError.AMBIGUOUS_NAME, "the WITH clause defines " + c.name() + " twice");
    }
    Result r = query(c.query(), null, -1);
    if (!c.columns().isEmpty() && c.columns().size() != r.columns().size()) {
      throw new TapException(
          TapError.INVALID_QUERY,
          "the WITH query "
              + c.name()
              + " names "
              + c.columns().size()
              + " columns but selects "
              + r.columns().size());
    }
    List<Scope.Col> columns = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < r.columns().size(); i++) {
      String colName = r.names().get(i);
      TapColumn meta = r.columns().get(i);
      if (!c.columns().isEmpty()) {
        colName = Scope.canonical(c.columns().get(i));
        meta = meta.named(c.columns().get(i).name());
      }
      if (seen.contains(colName)) {
        throw new TapException(
            TapError.AMBIGUOUS_NAME, "the WITH query " + c.name() + " has two columns " + colName);
      }
      seen.add(colName);
      columns.add(new Scope.Col(colName, meta, "c" + (i + 1)));
    }
    String sqlName = "w" + (++withCount);
    frame.add(new Cte(name, sqlName, columns));
    return sqlName + " AS (" + r.sql() + ")";
  }

  private Result setOperation(SetOperation op, Scope outer) {
    if (op.all() && op.operator() != SetOperation.Operator.UNION) {
      throw new TapException(
          TapError.UNSUPPORTED,
          op.operator()
              + " ALL is not supported: the database has only "
              + op.operator()
              + " (without ALL)");
    }
    Result left = operand(op.left(), outer);
    Result right = operand(op.right(), outer);
    if (left.columns().size() != right.columns().size()) {
      throw new TapException(
          TapError.INVALID_QUERY,
          "the operands of "
              + op.operator()
              + " select different numbers of columns: "
              + left.columns().size()
              + " and "
              + right.columns().size());
    }
    String sql = left.sql() + " " + op.operator() + (op.all() ? " ALL " : " ") + right.sql();
    return new Result(sql, left.columns(), left.names());
  }

  private Result operand(QueryBody body, Scope outer) {
    Result r;
    if (body instanceof Select s) {
      r = selects.select(s, outer).result();
      if (s.top().isPresent()) {
        r =
            new Result(
                r.sql() + " FETCH FIRST " + s.top().getAsLong() + " ROWS ONLY",
                r.columns(),
                r.names());
      }
    } else if (body instanceof SetOperation op) {
      r = setOperation(op, outer);
    } else {
      r = query((Query) body, outer, -1);
    }
    return new Result("(" + r.sql() + ")", r.columns(), r.names());
  }

  /** A key of ORDER BY: a position, an output column's name, or (for a SELECT) an expression. */
  private String orderKey(OrderItem item, Result body, Scope scope) {
    Expr e = item.expression();
    if (e instanceof Expr.IntegerLiteral i) {
      int count = body.columns().size();
      if (i.value().signum() <= 0 || i.value().compareTo(java.math.BigInteger.valueOf(count)) > 0) {
        throw new TapException(
            TapError.INVALID_QUERY,
            "ORDER BY " + i.value() + ": the query has " + count + " column(s)");
      }
      return i.value().toString();
    }
    if (e instanceof Expr.ColumnRef ref && ref.name().qualifier().isEmpty()) {
      int index = body.names().indexOf(Scope.canonical(ref.name().last()));
      if (index >= 0) {
        return "c" + (index + 1);
      }
    }
    if (scope == null) {
      throw new TapException(
          TapError.INVALID_QUERY,
          "ORDER BY of a UNION, INTERSECT or EXCEPT takes the name or position of a result column",
          ExprTranslator.positionOf(e));
    }
    return exprs.expr(e, scope).sql();
  }
}
