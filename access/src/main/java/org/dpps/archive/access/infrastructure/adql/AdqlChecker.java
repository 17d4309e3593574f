package org.dpps.archive.access.infrastructure.adql;

import java.util.List;
import org.dpps.archive.access.domain.adql.Query;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapSchema;

/**
 * Checks an ADQL query against the published schema: every table, alias, common table expression
 * and column resolves (or a {@code TapException} names it, with its position), types fit, set
 * operands have equal widths. Answers the result columns with their metadata.
 *
 * <p>The checks are made while the query is translated ({@link QueryTranslator}, {@link
 * SelectTranslator}, {@link JoinTranslator}, {@link ExprTranslator}, {@link FunctionTranslator}
 * with {@link Scope} and {@link TypeInference}), so that names are resolved in exactly one place;
 * this class runs that walk and keeps only the columns.
 */
public final class AdqlChecker {
  private AdqlChecker() {}

  /** The result columns of {@code query}, or a {@code TapException}. */
  public static List<TapColumn> check(Query query, TapSchema schema) {
    return new QueryTranslator(schema, new Parameters()).top(query, -1).columns();
  }

  /** Parses and checks {@code adql}. */
  public static List<TapColumn> check(String adql, TapSchema schema) {
    return check(H2Translator.parse(adql), schema);
  }
}
