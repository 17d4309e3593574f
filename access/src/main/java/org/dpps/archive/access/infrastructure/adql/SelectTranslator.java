package org.dpps.archive.access.infrastructure.adql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.dpps.archive.access.domain.adql.Expr;
import org.dpps.archive.access.domain.adql.Identifier;
import org.dpps.archive.access.domain.adql.Position;
import org.dpps.archive.access.domain.adql.Select;
import org.dpps.archive.access.domain.adql.SelectItem;
import org.dpps.archive.access.domain.adql.TableRef;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.dpps.archive.access.domain.tap.TapSchema;
import org.dpps.archive.access.domain.tap.TapTable;

/** Checks and translates one SELECT: FROM (tables, derived tables, joins), items, WHERE, GROUP. */
final class SelectTranslator {

  /** A translated SELECT and the scope of its FROM clause (for ORDER BY expressions). */
  record Translated(QueryTranslator.Result result, Scope scope) {}

  /** A translated entry of FROM: its SQL, the columns it shows, its range variables. */
  record From(String sql, List<Scope.Col> visible, List<Scope.Relation> relations) {}

  private final TapSchema schema;
  private final QueryTranslator queries;
  private final ExprTranslator exprs;
  private int tableCount;

  SelectTranslator(TapSchema schema, QueryTranslator queries, ExprTranslator exprs) {
    this.schema = schema;
    this.queries = queries;
    this.exprs = exprs;
  }

  Translated select(Select s, Scope outer) {
    Scope scope = new Scope(outer);
    List<String> from = new ArrayList<>();
    for (TableRef ref : s.from()) {
      From f = from(ref, scope);
      scope.add(f.relations(), f.visible(), position(ref));
      from.add(f.sql());
    }
    Output out = new Output();
    for (SelectItem item : s.items()) {
      if (item instanceof SelectItem.AllColumns) {
        scope.allColumns().forEach(c -> out.add(c.name(), c.meta(), c.sql()));
      } else if (item instanceof SelectItem.AllColumnsOf all) {
        Scope.Relation r = scope.relation(all.table().parts(), null);
        r.columns().forEach(c -> out.add(c.name(), c.meta(), c.sql()));
      } else {
        column((SelectItem.Column) item, scope, out);
      }
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    if (s.distinct()) {
      sql.append("DISTINCT ");
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < out.sqls.size(); i++) {
      items.add(out.sqls.get(i) + " AS c" + (i + 1));
    }
    sql.append(String.join(", ", items)).append(" FROM ").append(String.join(", ", from));
    s.where().ifPresent(w -> sql.append(" WHERE ").append(exprs.condition(w, scope)));
    if (!s.groupBy().isEmpty()) {
      List<String> keys = new ArrayList<>();
      for (Expr e : s.groupBy()) {
        keys.add(groupKey(e, scope, out));
      }
      sql.append(" GROUP BY ").append(String.join(", ", keys));
    }
    s.having().ifPresent(h -> sql.append(" HAVING ").append(exprs.condition(h, scope)));
    return new Translated(
        new QueryTranslator.Result(sql.toString(), out.columns, out.names), scope);
  }

  /** The result columns of a SELECT being built; names are made unique with a suffix. */
  private static final class Output {
    final List<TapColumn> columns = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<String> sqls = new ArrayList<>();

    void add(String name, TapColumn meta, String sql) {
      String unique = name;
      String display = meta.name();
      for (int k = 2; names.contains(unique); k++) {
        unique = name + "_" + k;
        display = meta.name() + "_" + k;
      }
      names.add(unique);
      columns.add(meta.named(display));
      sqls.add(sql);
    }
  }

  private void column(SelectItem.Column item, Scope scope, Output out) {
    Expr e = item.expression();
    Typed t = exprs.expr(e, scope);
    String display;
    String name;
    if (item.alias().isPresent()) {
      Identifier alias = item.alias().get();
      display = alias.name();
      name = Scope.canonical(alias);
    } else if (e instanceof Expr.ColumnRef ref) {
      Scope.Col col = scope.resolve(ref);
      display = col.meta().name();
      name = col.name();
    } else {
      display = defaultName(e, out.columns.size() + 1);
      name = display;
    }
    TapColumn meta =
        t.column() != null
            ? t.column()
            : new TapColumn(
                display,
                t.datatype() == null ? "char" : t.datatype(),
                t.datatype() == null ? "*" : t.arraysize(),
                t.xtype(),
                "",
                "",
                "",
                "",
                false,
                false,
                false,
                "");
    out.add(name, meta.named(display), t.sql());
  }

  /** The name of an unnamed computed column: the function's, or {@code col_<position>}. */
  private static String defaultName(Expr e, int position) {
    if (e instanceof Expr.FunctionCall call) {
      return call.function().name().toLowerCase(Locale.ROOT);
    }
    if (e instanceof Expr.SetFunction f) {
      return f.aggregate().name().toLowerCase(Locale.ROOT);
    }
    if (e instanceof Expr.CountAll) {
      return "count";
    }
    return "col_" + position;
  }

  /** A GROUP BY key: an expression over FROM, or the name of a result column. */
  private String groupKey(Expr e, Scope scope, Output out) {
    try {
      return exprs.expr(e, scope).sql();
    } catch (TapException unknown) {
      if (unknown.error() == TapError.UNKNOWN_COLUMN
          && e instanceof Expr.ColumnRef ref
          && ref.name().qualifier().isEmpty()) {
        int index = out.names.indexOf(Scope.canonical(ref.name().last()));
        if (index >= 0) {
          return out.sqls.get(index);
        }
      }
      throw unknown;
    }
  }

  // ------------------------------------------------------------------ FROM

  private From from(TableRef ref, Scope scope) {
    if (ref instanceof TableRef.Table t) {
      return table(t);
    }
    if (ref instanceof TableRef.Subquery sub) {
      QueryTranslator.Result r = queries.subquery(sub.query(), null);
      String alias = "t" + (++tableCount);
      List<Scope.Col> cols = new ArrayList<>();
      for (int i = 0; i < r.columns().size(); i++) {
        cols.add(new Scope.Col(r.names().get(i), r.columns().get(i), alias + ".c" + (i + 1)));
      }
      Scope.Relation rel =
          new Scope.Relation(
              null, Scope.canonical(sub.alias()), sub.alias().toString(), alias, cols);
      return new From("(" + r.sql() + ") AS " + alias, cols, List.of(rel));
    }
    return JoinTranslator.join((TableRef.Join) ref, scope, this, exprs);
  }

  /** Translates one side of a join (package access for {@link JoinTranslator}). */
  From side(TableRef ref, Scope scope) {
    return from(ref, scope);
  }

  private From table(TableRef.Table t) {
    String alias = "t" + (++tableCount);
    List<Identifier> parts = t.name().parts();
    String exposed = t.alias().map(Scope::canonical).orElse(null);
    String display = t.alias().map(Identifier::toString).orElse(t.name().toString());
    if (parts.size() == 1) {
      QueryTranslator.Cte cte = queries.cte(Scope.canonical(parts.get(0)));
      if (cte != null) {
        List<Scope.Col> cols =
            cte.columns().stream()
                .map(c -> new Scope.Col(c.name(), c.meta(), alias + "." + c.sql()))
                .toList();
        String name = exposed != null ? exposed : cte.name();
        Scope.Relation rel = new Scope.Relation(null, name, display, alias, cols);
        return new From(cte.sqlName() + " AS " + alias, cols, List.of(rel));
      }
    }
    TapTable table = resolveTable(t);
    queries.published(alias, table);
    List<Scope.Col> cols =
        table.columns().stream()
            .map(c -> new Scope.Col(c.name(), c, alias + "." + c.physicalName()))
            .toList();
    Scope.Relation rel =
        exposed != null
            ? new Scope.Relation(null, exposed, display, alias, cols)
            : new Scope.Relation(
                table.schema().toLowerCase(Locale.ROOT),
                table.name().toLowerCase(Locale.ROOT),
                display,
                alias,
                cols);
    return new From(table.physicalName() + " AS " + alias, cols, List.of(rel));
  }

  private TapTable resolveTable(TableRef.Table t) {
    List<Identifier> parts = t.name().parts();
    if (parts.size() > 2) {
      throw new TapException(
          TapError.UNKNOWN_TABLE,
          "the table " + t.name() + " is not published: catalog names are not supported",
          t.position());
    }
    Identifier name = parts.get(parts.size() - 1);
    List<TapTable> found =
        schema.tables().stream()
            .filter(table -> name.matches(table.name()))
            .filter(table -> parts.size() == 1 || parts.get(0).matches(table.schema()))
            .toList();
    if (found.isEmpty()) {
      throw new TapException(
          TapError.UNKNOWN_TABLE,
          "the table " + t.name() + " is not published by this service (see TAP_SCHEMA.tables)",
          t.position());
    }
    if (found.size() > 1) {
      throw new TapException(
          TapError.AMBIGUOUS_NAME,
          "the table name "
              + t.name()
              + " is ambiguous: it is in schemas "
              + found.stream().map(TapTable::schema).collect(Collectors.joining(", "))
              + "; qualify it with the schema",
          t.position());
    }
    return found.get(0);
  }

  static Position position(TableRef ref) {
    if (ref instanceof TableRef.Table t) {
      return t.position();
    }
    if (ref instanceof TableRef.Join j) {
      return position(j.left());
    }
    return null;
  }
}
