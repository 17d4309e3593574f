package org.dpps.archive.access.domain.adql;

import java.util.List;
import java.util.Objects;

/** One {@code name [(columns)] AS (query)} of a WITH clause. */
public record CommonTableExpression(Identifier name, List<Identifier> columns, Query query) {
  public CommonTableExpression {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    Objects.requireNonNull(query, "query");
  }
}
