package org.dpps.archive.access.domain.adql;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A whole query expression: common table expressions, the body (a SELECT or a set operation), and
 * the ORDER BY and OFFSET that apply to the body's result.
 */
public record Query(
    List<CommonTableExpression> with, QueryBody body, List<OrderItem> orderBy, OptionalLong offset)
    implements QueryBody {
  public Query {
    with = List.copyOf(with);
    Objects.requireNonNull(body, "body");
    orderBy = List.copyOf(orderBy);
    Objects.requireNonNull(offset, "offset");
  }

  /** The body as a SELECT, for the common case of a query without set operators. */
  public Select select() {
    if (body instanceof Select s) {
      return s;
    }
    throw new IllegalStateException("the query is not a single SELECT: " + body.getClass());
  }
}
