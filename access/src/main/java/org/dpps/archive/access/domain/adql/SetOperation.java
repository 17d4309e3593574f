package org.dpps.archive.access.domain.adql;

import java.util.Objects;

/** {@code left UNION|INTERSECT|EXCEPT [ALL] right}. */
public record SetOperation(Operator operator, boolean all, QueryBody left, QueryBody right)
    implements QueryBody {
  public SetOperation {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
  }

  /** The set operators of ADQL 2.1. */
  public enum Operator {
    UNION,
    INTERSECT,
    EXCEPT
  }
}
