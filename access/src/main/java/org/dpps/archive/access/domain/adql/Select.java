package org.dpps.archive.access.domain.adql;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code SELECT [DISTINCT] [TOP n] items FROM tables [WHERE] [GROUP BY] [HAVING]}; ORDER BY and
 * OFFSET belong to the enclosing {@link Query}.
 */
public record Select(
    boolean distinct,
    OptionalLong top,
    List<SelectItem> items,
    List<TableRef> from,
    Optional<Condition> where,
    List<Expr> groupBy,
    Optional<Condition> having)
    implements QueryBody {
  public Select {
    Objects.requireNonNull(top, "top");
    items = List.copyOf(items);
    from = List.copyOf(from);
    Objects.requireNonNull(where, "where");
    groupBy = List.copyOf(groupBy);
    Objects.requireNonNull(having, "having");
  }
}
