package org.dpps.archive.access.infrastructure.adql;

import java.util.ArrayList;
import java.util.List;
import org.dpps.archive.access.domain.adql.Identifier;
import org.dpps.archive.access.domain.adql.TableRef;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;

/**
 * Joins. USING and NATURAL are written as ON conditions on the generated aliases (so the SQL never
 * depends on the database's handling of column names), and the joined column that USING merges is
 * read from the side that always has it (COALESCE of both would serve a FULL join, which H2 2.2
 * lacks).
 */
final class JoinTranslator {
  private JoinTranslator() {}

  static SelectTranslator.From join(
      TableRef.Join j, Scope scope, SelectTranslator selects, ExprTranslator exprs) {
    if (j.type() == TableRef.JoinType.FULL_OUTER) {
      throw new TapException(
          TapError.UNSUPPORTED,
          "FULL OUTER JOIN is not supported: the database (H2 2.2) has no full outer join",
          SelectTranslator.position(j.left()));
    }
    SelectTranslator.From left = selects.side(j.left(), scope);
    SelectTranslator.From right = selects.side(j.right(), scope);
    List<Scope.Relation> relations = new ArrayList<>(left.relations());
    relations.addAll(right.relations());
    List<Scope.Col> visible = new ArrayList<>();
    String condition = null;
    if (j.natural() || !j.using().isEmpty()) {
      List<String> common = new ArrayList<>();
      if (j.natural()) {
        for (Scope.Col c : left.visible()) {
          if (!common.contains(c.name())
              && right.visible().stream().anyMatch(r -> r.name().equals(c.name()))) {
            common.add(c.name());
          }
        }
      } else {
        for (Identifier id : j.using()) {
          String name = Scope.canonical(id);
          if (common.contains(name)) {
            throw new TapException(
                TapError.INVALID_QUERY, "USING names the column " + id + " twice");
          }
          common.add(name);
        }
      }
      List<String> equalities = new ArrayList<>();
      for (String name : common) {
        Scope.Col l = only(left.visible(), name, "left");
        Scope.Col r = only(right.visible(), name, "right");
        equalities.add("(" + l.sql() + " = " + r.sql() + ")");
        Scope.Col kept = j.type() == TableRef.JoinType.RIGHT_OUTER ? r : l;
        visible.add(new Scope.Col(name, l.meta(), kept.sql()));
      }
      left.visible().stream().filter(c -> !common.contains(c.name())).forEach(visible::add);
      right.visible().stream().filter(c -> !common.contains(c.name())).forEach(visible::add);
      condition = equalities.isEmpty() ? null : String.join(" AND ", equalities);
    } else {
      visible.addAll(left.visible());
      visible.addAll(right.visible());
      if (j.on().isPresent()) {
        Scope on = new Scope(scope.parent());
        on.add(left.relations(), left.visible(), SelectTranslator.position(j.left()));
        on.add(right.relations(), right.visible(), SelectTranslator.position(j.right()));
        condition = exprs.condition(j.on().get(), on);
      }
    }
    String keyword =
        switch (j.type()) {
          case LEFT_OUTER -> "LEFT OUTER JOIN";
          case RIGHT_OUTER -> "RIGHT OUTER JOIN";
          default -> condition == null ? "CROSS JOIN" : "INNER JOIN";
        };
    String rightSql = j.right() instanceof TableRef.Join ? "(" + right.sql() + ")" : right.sql();
    String sql = left.sql() + " " + keyword + " " + rightSql;
    if (condition != null) {
      sql += " ON " + condition;
    } else if (j.type() != TableRef.JoinType.INNER) {
      sql += " ON TRUE";
    }
    return new SelectTranslator.From(sql, visible, relations);
  }

  private static Scope.Col only(List<Scope.Col> columns, String name, String side) {
    List<Scope.Col> found = columns.stream().filter(c -> c.name().equals(name)).toList();
    if (found.isEmpty()) {
      throw new TapException(
          TapError.UNKNOWN_COLUMN,
          "the join column " + name + " is not in the " + side + " table of the join");
    }
    if (found.size() > 1) {
      throw new TapException(
          TapError.AMBIGUOUS_NAME,
          "the join column " + name + " is in more than one table on the " + side + " side");
    }
    return found.get(0);
  }
}
