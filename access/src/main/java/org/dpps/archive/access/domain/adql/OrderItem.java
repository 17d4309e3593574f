package org.dpps.archive.access.domain.adql;

import java.util.Objects;

/** One {@code expression [ASC|DESC]} of an ORDER BY; a bare integer is a select-list position. */
public record OrderItem(Expr expression, Direction direction) {
  public OrderItem {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(direction, "direction");
  }

  /** The sort direction; ASC when none is written. */
  public enum Direction {
    ASC,
    DESC
  }
}
