package org.dpps.archive.access.infrastructure.adql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dpps.archive.access.domain.adql.Expr;
import org.dpps.archive.access.domain.adql.Identifier;
import org.dpps.archive.access.domain.adql.Position;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;

/**
 * The names a FROM clause makes visible: its range variables (tables, aliases, derived tables,
 * common table expressions) and their columns, with the enclosing query's scope for correlated
 * subqueries.
 */
final class Scope {

  /**
   * A column a query can name.
   *
   * @param name the name under ADQL's case rules (lower case unless it came from a delimited name)
   * @param meta the published (or computed) metadata, named as results show it
   * @param sql the SQL that reads it ({@code t1.obs_id}); generated names only
   */
  record Col(String name, TapColumn meta, String sql) {}

  /**
   * A range variable of a FROM clause.
   *
   * @param schema the schema of an unaliased published table (it may qualify the name), else null
   * @param name the exposed name under ADQL's case rules
   * @param display the name as the query wrote it, for messages
   * @param sqlAlias the generated SQL alias
   * @param columns its columns in order
   */
  record Relation(String schema, String name, String display, String sqlAlias, List<Col> columns) {}

  private final Scope parent;
  private final List<Relation> relations = new ArrayList<>();
  private final List<List<Col>> entries = new ArrayList<>();

  Scope(Scope parent) {
    this.parent = parent;
  }

  Scope parent() {
    return parent;
  }

  /** Adds one entry of the FROM clause: its range variables and its visible columns. */
  void add(List<Relation> newRelations, List<Col> visible, Position position) {
    for (Relation r : newRelations) {
      for (Relation existing : relations) {
        if (existing.name().equals(r.name()) && sameSchema(existing, r)) {
          throw new TapException(
              TapError.AMBIGUOUS_NAME,
              "the table name " + r.display() + " appears twice in FROM; give one of them an alias",
              position);
        }
      }
      relations.add(r);
    }
    entries.add(List.copyOf(visible));
  }

  private static boolean sameSchema(Relation a, Relation b) {
    return a.schema() == null || b.schema() == null || a.schema().equals(b.schema());
  }

  /** Every visible column, in FROM order (what {@code *} expands to). */
  List<Col> allColumns() {
    return entries.stream().flatMap(List::stream).toList();
  }

  /** The name under ADQL's case rules: regular identifiers fold to lower case. */
  static String canonical(Identifier id) {
    return id.delimited() ? id.name() : id.name().toLowerCase(Locale.ROOT);
  }

  /** The range variable a qualifier names ({@code t}, {@code schema.t}), here or outside. */
  Relation relation(List<Identifier> qualifier, Position position) {
    for (Scope s = this; s != null; s = s.parent) {
      List<Relation> found = s.relationsMatching(qualifier, position);
      if (found.size() > 1) {
        throw new TapException(
            TapError.AMBIGUOUS_NAME,
            "the table name " + display(qualifier) + " is ambiguous: qualify it or use aliases",
            position);
      }
      if (found.size() == 1) {
        return found.get(0);
      }
    }
    throw new TapException(
        TapError.UNKNOWN_TABLE, "no table " + display(qualifier) + " in the FROM clause", position);
  }

  private List<Relation> relationsMatching(List<Identifier> qualifier, Position position) {
    if (qualifier.size() > 2) {
      throw new TapException(
          TapError.UNKNOWN_TABLE,
          "catalog names are not supported: " + display(qualifier),
          position);
    }
    String table = canonical(qualifier.get(qualifier.size() - 1));
    String schema = qualifier.size() == 2 ? canonical(qualifier.get(0)) : null;
    return relations.stream()
        .filter(r -> r.name().equals(table))
        .filter(r -> schema == null || schema.equals(r.schema()))
        .toList();
  }

  /** The column a reference names, here or in an enclosing query. */
  Col resolve(Expr.ColumnRef ref) {
    List<Identifier> qualifier = ref.name().qualifier();
    String column = canonical(ref.name().last());
    if (!qualifier.isEmpty()) {
      Relation r = relation(qualifier, ref.position());
      return findIn(r.columns(), column)
          .orElseThrow(
              () ->
                  new TapException(
                      TapError.UNKNOWN_COLUMN,
                      "table " + r.display() + " has no column " + ref.name().last(),
                      ref.position()));
    }
    for (Scope s = this; s != null; s = s.parent) {
      List<Col> found = new ArrayList<>();
      for (List<Col> entry : s.entries) {
        for (Col c : entry) {
          if (c.name().equals(column)) {
            found.add(c);
          }
        }
      }
      if (found.size() > 1) {
        throw new TapException(
            TapError.AMBIGUOUS_NAME,
            "the column name "
                + ref.name().last()
                + " is ambiguous: "
                + found.size()
                + " tables of FROM have it; qualify it with a table name or alias",
            ref.position());
      }
      if (found.size() == 1) {
        return found.get(0);
      }
    }
    throw new TapException(
        TapError.UNKNOWN_COLUMN,
        "no table of the FROM clause has a column " + ref.name().last(),
        ref.position());
  }

  /** The one column of this name in a list, if any. */
  static Optional<Col> findIn(List<Col> columns, String canonicalName) {
    return columns.stream().filter(c -> c.name().equals(canonicalName)).findFirst();
  }

  static String display(List<Identifier> parts) {
    return parts.stream().map(Identifier::toString).collect(Collectors.joining("."));
  }
}
