package org.dpps.archive.access.domain.adql;

import java.util.Objects;
import java.util.Optional;

/** One entry of a select list. */
public sealed interface SelectItem {
  /** {@code *}: every column of every table. */
  record AllColumns() implements SelectItem {}

  /** {@code table.*}: every column of one table (or alias). */
  record AllColumnsOf(QualifiedName table) implements SelectItem {
    public AllColumnsOf {
      Objects.requireNonNull(table, "table");
    }
  }

  /** {@code expression [AS alias]}. */
  record Column(Expr expression, Optional<Identifier> alias) implements SelectItem {
    public Column {
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(alias, "alias");
    }
  }
}
