package org.dpps.archive.access.domain.adql;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An entry of a FROM clause: a table, a derived table, or a join. */
public sealed interface TableRef {
  /** {@code [catalog.][schema.]table [[AS] alias]}. */
  record Table(QualifiedName name, Optional<Identifier> alias, Position position)
      implements TableRef {
    public Table {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(alias, "alias");
      Objects.requireNonNull(position, "position");
    }
  }

  /** {@code (query) [AS] alias}: ADQL requires the alias. */
  record Subquery(Query query, Identifier alias) implements TableRef {
    public Subquery {
      Objects.requireNonNull(query, "query");
      Objects.requireNonNull(alias, "alias");
    }
  }

  /**
   * {@code left [NATURAL] [type] JOIN right [ON condition | USING (columns)]}; without ON or USING
   * (and not NATURAL) it is a cross join.
   */
  record Join(
      JoinType type,
      boolean natural,
      TableRef left,
      TableRef right,
      Optional<Condition> on,
      List<Identifier> using)
      implements TableRef {
    public Join {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
      Objects.requireNonNull(on, "on");
      using = List.copyOf(using);
    }
  }

  /** The join types of ADQL 2.1 ({@code JOIN} alone is INNER). */
  enum JoinType {
    INNER,
    LEFT_OUTER,
    RIGHT_OUTER,
    FULL_OUTER
  }
}
