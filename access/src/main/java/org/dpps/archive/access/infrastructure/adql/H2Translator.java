package org.dpps.archive.access.infrastructure.adql;

import org.dpps.archive.access.domain.adql.AdqlSyntaxException;
import org.dpps.archive.access.domain.adql.Position;
import org.dpps.archive.access.domain.adql.Query;
import org.dpps.archive.access.domain.adql.Select;
import org.dpps.archive.access.domain.tap.AdqlCompiler;
import org.dpps.archive.access.domain.tap.CompiledQuery;
import org.dpps.archive.access.domain.tap.SpatialIndex;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.dpps.archive.access.domain.tap.TapSchema;

/**
 * ADQL 2.1 to H2 2.2 SQL, geometry included (exact spherical functions, see {@link
 * GeometryTranslator}). The SQL names only physical tables and columns of the published schema and
 * generated aliases; every string and number of the query is a bind parameter; the statement
 * fetches at most {@code maxRec + 1} rows.
 */
@jakarta.enterprise.context.ApplicationScoped
public class H2Translator implements AdqlCompiler {
  private final SpatialIndex spatialIndex;

  /** A translator that knows no zone index: geometry is exact but never prefiltered. */
  public H2Translator() {
    this(SpatialIndex.NONE);
  }

  /** A translator that prefilters cone searches with the tables' zone indexes. */
  @jakarta.inject.Inject
  public H2Translator(SpatialIndex spatialIndex) {
    this.spatialIndex = spatialIndex;
  }

  @Override
  public CompiledQuery compile(String adql, TapSchema schema, long maxRec) {
    if (maxRec < 0) {
      throw new TapException(TapError.BAD_PARAMETER, "MAXREC must not be negative: " + maxRec);
    }
    Query query = parse(adql);
    long fetchLimit = maxRec == Long.MAX_VALUE ? maxRec : maxRec + 1;
    if (query.body() instanceof Select s && s.top().isPresent()) {
      fetchLimit = Math.min(fetchLimit, s.top().getAsLong());
    }
    Parameters parameters = new Parameters();
    QueryTranslator.Result result =
        new QueryTranslator(schema, spatialIndex, parameters).top(query, fetchLimit);
    Parameters.Bound bound = parameters.bind(result.sql());
    return new CompiledQuery(bound.sql(), bound.values(), result.columns(), maxRec, fetchLimit);
  }

  /** The syntax tree, or a {@link TapError#SYNTAX} error with the fault's line and column. */
  static Query parse(String adql) {
    try {
      return AdqlParser.parse(adql);
    } catch (AdqlSyntaxException e) {
      throw new TapException(TapError.SYNTAX, e.reason(), new Position(e.line(), e.column()));
    }
  }
}
