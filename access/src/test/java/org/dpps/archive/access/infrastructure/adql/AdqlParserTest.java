package org.dpps.archive.access.infrastructure.adql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;
import org.dpps.archive.access.domain.adql.AdqlFunction;
import org.dpps.archive.access.domain.adql.AdqlSyntaxException;
import org.dpps.archive.access.domain.adql.Condition;
import org.dpps.archive.access.domain.adql.Expr;
import org.dpps.archive.access.domain.adql.Identifier;
import org.dpps.archive.access.domain.adql.OrderItem;
import org.dpps.archive.access.domain.adql.Position;
import org.dpps.archive.access.domain.adql.QualifiedName;
import org.dpps.archive.access.domain.adql.Query;
import org.dpps.archive.access.domain.adql.Select;
import org.dpps.archive.access.domain.adql.SelectItem;
import org.dpps.archive.access.domain.adql.SetOperation;
import org.dpps.archive.access.domain.adql.TableRef;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdqlParserTest {

  private static Select select(String adql) {
    return AdqlParser.parse(adql).select();
  }

  private static Condition where(String adql) {
    return select(adql).where().orElseThrow();
  }

  private static Expr firstColumn(String adql) {
    return ((SelectItem.Column) select(adql).items().get(0)).expression();
  }

  private static Expr.FunctionCall call(Expr expr, AdqlFunction function) {
    assertThat(expr).isInstanceOf(Expr.FunctionCall.class);
    Expr.FunctionCall call = (Expr.FunctionCall) expr;
    assertThat(call.function()).isEqualTo(function);
    return call;
  }

  private static Expr.ColumnRef column(String name) {
    return new Expr.ColumnRef(
        new QualifiedName(
            java.util.Arrays.stream(name.split("\\.")).map(Identifier::regular).toList()),
        new Position(0, 0));
  }

  /** Compares column references by name only, not by position. */
  private static void assertColumn(Expr expr, String name) {
    assertThat(expr).isInstanceOf(Expr.ColumnRef.class);
    assertThat(((Expr.ColumnRef) expr).name().toString()).isEqualTo(column(name).name().toString());
  }

  private static Expr.IntegerLiteral integer(long value) {
    return new Expr.IntegerLiteral(BigInteger.valueOf(value), false);
  }

  private static Expr.DecimalLiteral decimal(String value) {
    return new Expr.DecimalLiteral(new BigDecimal(value));
  }

  private static AdqlSyntaxException fails(String adql) {
    try {
      Query query = AdqlParser.parse(adql);
      return fail("expected an AdqlSyntaxException, parsed " + query);
    } catch (AdqlSyntaxException e) {
      assertThat(e.line()).isPositive();
      assertThat(e.column()).isPositive();
      assertThat(e.getMessage()).startsWith("line " + e.line() + ", column " + e.column() + ": ");
      return e;
    }
  }

  private static void assertAt(AdqlSyntaxException e, int line, int column) {
    assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(line);
    assertThat(e.column()).as("column of: %s", e.getMessage()).isEqualTo(column);
  }

  @Nested
  class ObsCoreQueries {
    @Test
    void coneSearchWithContainsPointCircle() {
      Select select =
          select(
              "SELECT * FROM ivoa.obscore WHERE CONTAINS(POINT('ICRS', s_ra, s_dec),"
                  + " CIRCLE('ICRS', 83.63, 22.01, 1)) = 1");
      assertThat(select.items()).containsExactly(new SelectItem.AllColumns());
      TableRef.Table table = (TableRef.Table) select.from().get(0);
      assertThat(table.name().toString()).isEqualTo("ivoa.obscore");
      assertThat(table.alias()).isEmpty();
      assertThat(table.position()).isEqualTo(new Position(1, 15));

      Condition.Comparison comparison = (Condition.Comparison) select.where().orElseThrow();
      assertThat(comparison.operator()).isEqualTo(Condition.ComparisonOperator.EQUAL);
      assertThat(comparison.right()).isEqualTo(integer(1));
      Expr.FunctionCall contains = call(comparison.left(), AdqlFunction.CONTAINS);
      assertThat(contains.position()).isEqualTo(new Position(1, 34));
      Expr.FunctionCall point = call(contains.arguments().get(0), AdqlFunction.POINT);
      assertThat(point.arguments().get(0)).isEqualTo(new Expr.StringLiteral("ICRS"));
      assertColumn(point.arguments().get(1), "s_ra");
      assertColumn(point.arguments().get(2), "s_dec");
      Expr.FunctionCall circle = call(contains.arguments().get(1), AdqlFunction.CIRCLE);
      assertThat(circle.arguments())
          .containsExactly(
              new Expr.StringLiteral("ICRS"), decimal("83.63"), decimal("22.01"), integer(1));
      assertThat(circle.function().kind()).isEqualTo(AdqlFunction.Kind.GEOMETRY);
    }

    @Test
    void coneSearchWithTheOneOnTheLeftAndNoCoordinateSystems() {
      Condition.Comparison comparison =
          (Condition.Comparison)
              where(
                  "SELECT obs_id FROM ivoa.obscore"
                      + " WHERE 1=CONTAINS(POINT(s_ra, s_dec), CIRCLE(83.63, 22.01, 0.5))");
      assertThat(comparison.left()).isEqualTo(integer(1));
      Expr.FunctionCall contains = call(comparison.right(), AdqlFunction.CONTAINS);
      assertThat(call(contains.arguments().get(0), AdqlFunction.POINT).arguments()).hasSize(2);
      assertThat(call(contains.arguments().get(1), AdqlFunction.CIRCLE).arguments()).hasSize(3);
    }

    @Test
    void timeRangeOnTminTmax() {
      Condition.And and =
          (Condition.And)
              where(
                  "SELECT obs_id, t_min, t_max FROM ivoa.obscore"
                      + " WHERE t_min <= 60310.5 AND t_max >= 60300.0 AND dataproduct_type ="
                      + " 'event'");
      assertThat(and.operands()).hasSize(3);
      Condition.Comparison first = (Condition.Comparison) and.operands().get(0);
      assertColumn(first.left(), "t_min");
      assertThat(first.operator()).isEqualTo(Condition.ComparisonOperator.LESS_OR_EQUAL);
      assertThat(first.right()).isEqualTo(decimal("60310.5"));
      Condition.Comparison second = (Condition.Comparison) and.operands().get(1);
      assertColumn(second.left(), "t_max");
      assertThat(second.operator()).isEqualTo(Condition.ComparisonOperator.GREATER_OR_EQUAL);
    }

    @Test
    void topOrderByAndOffset() {
      Query query =
          AdqlParser.parse(
              "SELECT TOP 10 obs_id, s_ra FROM ivoa.obscore ORDER BY t_min DESC, obs_id OFFSET"
                  + " 20");
      assertThat(query.select().top()).isEqualTo(OptionalLong.of(10));
      assertThat(query.select().distinct()).isFalse();
      assertThat(query.offset()).isEqualTo(OptionalLong.of(20));
      assertThat(query.orderBy()).hasSize(2);
      assertColumn(query.orderBy().get(0).expression(), "t_min");
      assertThat(query.orderBy().get(0).direction()).isEqualTo(OrderItem.Direction.DESC);
      assertColumn(query.orderBy().get(1).expression(), "obs_id");
      assertThat(query.orderBy().get(1).direction()).isEqualTo(OrderItem.Direction.ASC);
    }

    @Test
    void orderByPositionAndAsc() {
      Query query =
          AdqlParser.parse("SELECT DISTINCT target_name FROM ivoa.obscore ORDER BY 1 ASC");
      assertThat(query.select().distinct()).isTrue();
      assertThat(query.select().top()).isEmpty();
      assertThat(query.offset()).isEmpty();
      assertThat(query.orderBy())
          .containsExactly(new OrderItem(integer(1), OrderItem.Direction.ASC));
    }

    @Test
    void joinWithTapSchema() {
      Select select =
          select(
              "SELECT t.table_name, c.column_name, c.datatype FROM TAP_SCHEMA.tables AS t"
                  + " JOIN TAP_SCHEMA.columns AS c ON t.table_name = c.table_name"
                  + " WHERE t.schema_name = 'ivoa'");
      TableRef.Join join = (TableRef.Join) select.from().get(0);
      assertThat(join.type()).isEqualTo(TableRef.JoinType.INNER);
      assertThat(join.natural()).isFalse();
      TableRef.Table left = (TableRef.Table) join.left();
      assertThat(left.name().toString()).isEqualTo("TAP_SCHEMA.tables");
      assertThat(left.alias()).contains(Identifier.regular("t"));
      TableRef.Table right = (TableRef.Table) join.right();
      assertThat(right.name().parts())
          .containsExactly(Identifier.regular("TAP_SCHEMA"), Identifier.regular("columns"));
      assertThat(right.alias()).contains(Identifier.regular("c"));
      Condition.Comparison on = (Condition.Comparison) join.on().orElseThrow();
      assertColumn(on.left(), "t.table_name");
      assertColumn(on.right(), "c.table_name");
      Expr.ColumnRef first = (Expr.ColumnRef) firstColumn("SELECT t.table_name FROM x AS t");
      assertThat(first.name().qualifier()).containsExactly(Identifier.regular("t"));
      assertThat(first.name().last()).isEqualTo(Identifier.regular("table_name"));
    }

    @Test
    void unionAll() {
      Query query =
          AdqlParser.parse(
              "SELECT obs_id FROM ivoa.obscore WHERE calib_level = 2"
                  + " UNION ALL SELECT obs_publisher_did FROM ivoa.obscore_hea WHERE ev_xel > 1000"
                  + " ORDER BY 1");
      SetOperation union = (SetOperation) query.body();
      assertThat(union.operator()).isEqualTo(SetOperation.Operator.UNION);
      assertThat(union.all()).isTrue();
      assertThat(((TableRef.Table) ((Select) union.left()).from().get(0)).name().toString())
          .isEqualTo("ivoa.obscore");
      assertThat(((TableRef.Table) ((Select) union.right()).from().get(0)).name().toString())
          .isEqualTo("ivoa.obscore_hea");
      assertThat(query.orderBy()).hasSize(1);
    }

    @Test
    void intersectBindsTighterThanExcept() {
      Query query =
          AdqlParser.parse("SELECT a FROM t EXCEPT SELECT a FROM u INTERSECT ALL SELECT a FROM v");
      SetOperation except = (SetOperation) query.body();
      assertThat(except.operator()).isEqualTo(SetOperation.Operator.EXCEPT);
      assertThat(except.all()).isFalse();
      SetOperation intersect = (SetOperation) except.right();
      assertThat(intersect.operator()).isEqualTo(SetOperation.Operator.INTERSECT);
      assertThat(intersect.all()).isTrue();
    }

    @Test
    void parenthesizedSetOperandKeepsItsOwnOrderAndOffset() {
      Query query =
          AdqlParser.parse(
              "(SELECT TOP 5 a FROM t ORDER BY a OFFSET 1) UNION SELECT a FROM u OFFSET 3");
      SetOperation union = (SetOperation) query.body();
      Query left = (Query) union.left();
      assertThat(left.offset()).isEqualTo(OptionalLong.of(1));
      assertThat(left.orderBy()).hasSize(1);
      assertThat(query.offset()).isEqualTo(OptionalLong.of(3));
    }

    @Test
    void withCommonTableExpressions() {
      Query query =
          AdqlParser.parse(
              "WITH bright (id, ra) AS (SELECT obs_id, s_ra FROM ivoa.obscore WHERE calib_level >="
                  + " 2), faint AS (SELECT obs_id FROM ivoa.obscore)"
                  + " SELECT TOP 5 * FROM bright ORDER BY ra");
      assertThat(query.with()).hasSize(2);
      assertThat(query.with().get(0).name()).isEqualTo(Identifier.regular("bright"));
      assertThat(query.with().get(0).columns())
          .containsExactly(Identifier.regular("id"), Identifier.regular("ra"));
      assertThat(query.with().get(0).query().select().where()).isPresent();
      assertThat(query.with().get(1).columns()).isEmpty();
      assertThat(((TableRef.Table) query.select().from().get(0)).name().toString())
          .isEqualTo("bright");
      assertThat(query.select().top()).hasValue(5);
    }

    @Test
    void groupByHavingAndSetFunctions() {
      Select select =
          select(
              "SELECT calib_level, COUNT(*) AS n, AVG(t_exptime), COUNT(DISTINCT target_name),"
                  + " MAX(s_ra), min(s_dec), SUM(ALL access_estsize)"
                  + " FROM ivoa.obscore GROUP BY calib_level HAVING COUNT(*) > 10");
      List<SelectItem> items = select.items();
      SelectItem.Column count = (SelectItem.Column) items.get(1);
      assertThat(count.expression()).isEqualTo(new Expr.CountAll());
      assertThat(count.alias()).contains(Identifier.regular("n"));
      Expr.SetFunction avg = (Expr.SetFunction) ((SelectItem.Column) items.get(2)).expression();
      assertThat(avg.aggregate()).isEqualTo(Expr.Aggregate.AVG);
      assertThat(avg.distinct()).isFalse();
      Expr.SetFunction distinct =
          (Expr.SetFunction) ((SelectItem.Column) items.get(3)).expression();
      assertThat(distinct.aggregate()).isEqualTo(Expr.Aggregate.COUNT);
      assertThat(distinct.distinct()).isTrue();
      assertThat(((Expr.SetFunction) ((SelectItem.Column) items.get(5)).expression()).aggregate())
          .isEqualTo(Expr.Aggregate.MIN);
      assertThat(select.groupBy()).hasSize(1);
      assertColumn(select.groupBy().get(0), "calib_level");
      Condition.Comparison having = (Condition.Comparison) select.having().orElseThrow();
      assertThat(having.left()).isEqualTo(new Expr.CountAll());
    }
  }

  @Nested
  class Joins {
    @Test
    void outerJoinsNaturalAndUsing() {
      Select select =
          select(
              "SELECT * FROM ivoa.obscore AS o LEFT OUTER JOIN ivoa.obscore_hea h USING"
                  + " (obs_publisher_did) NATURAL JOIN ctao.observation"
                  + " RIGHT JOIN a ON o.x = a.x FULL JOIN b ON 1 = 1 INNER JOIN c ON c.y = o.y");
      TableRef.Join inner = (TableRef.Join) select.from().get(0);
      assertThat(inner.type()).isEqualTo(TableRef.JoinType.INNER);
      TableRef.Join full = (TableRef.Join) inner.left();
      assertThat(full.type()).isEqualTo(TableRef.JoinType.FULL_OUTER);
      TableRef.Join right = (TableRef.Join) full.left();
      assertThat(right.type()).isEqualTo(TableRef.JoinType.RIGHT_OUTER);
      TableRef.Join natural = (TableRef.Join) right.left();
      assertThat(natural.natural()).isTrue();
      assertThat(natural.on()).isEmpty();
      assertThat(natural.using()).isEmpty();
      TableRef.Join left = (TableRef.Join) natural.left();
      assertThat(left.type()).isEqualTo(TableRef.JoinType.LEFT_OUTER);
      assertThat(left.using()).containsExactly(Identifier.regular("obs_publisher_did"));
      assertThat(((TableRef.Table) left.right()).alias()).contains(Identifier.regular("h"));
    }

    @Test
    void commaSeparatedTablesAndDerivedTable() {
      Select select =
          select(
              "SELECT o.obs_id, s.n FROM ivoa.obscore o,"
                  + " (SELECT target_name, COUNT(*) AS n FROM ivoa.obscore GROUP BY target_name) AS s"
                  + " WHERE o.target_name = s.target_name");
      assertThat(select.from()).hasSize(2);
      TableRef.Subquery derived = (TableRef.Subquery) select.from().get(1);
      assertThat(derived.alias()).isEqualTo(Identifier.regular("s"));
      assertThat(derived.query().select().groupBy()).hasSize(1);
    }

    @Test
    void parenthesizedJoin() {
      Select select = select("SELECT * FROM (a JOIN b ON a.id = b.id) JOIN c USING (id)");
      TableRef.Join outer = (TableRef.Join) select.from().get(0);
      assertThat(outer.left()).isInstanceOf(TableRef.Join.class);
      assertThat(outer.using()).containsExactly(Identifier.regular("id"));
    }
  }

  @Nested
  class Predicates {
    @Test
    void betweenLikeIlikeInIsNull() {
      Condition.And and =
          (Condition.And)
              where(
                  "SELECT * FROM ivoa.obscore WHERE s_ra BETWEEN 10 AND 20 AND s_dec NOT BETWEEN -5"
                      + " AND 5 AND target_name LIKE 'Crab%' AND obs_collection NOT ILIKE 'cta%'"
                      + " AND calib_level IN (2, 3) AND dataproduct_type NOT IN ('image', 'cube')"
                      + " AND s_region IS NOT NULL AND t_exptime IS NULL");
      List<Condition> c = and.operands();
      assertThat(c).hasSize(8);
      Condition.Between between = (Condition.Between) c.get(0);
      assertThat(between.negated()).isFalse();
      assertThat(between.low()).isEqualTo(integer(10));
      Condition.Between notBetween = (Condition.Between) c.get(1);
      assertThat(notBetween.negated()).isTrue();
      assertThat(notBetween.low()).isEqualTo(new Expr.Unary(Expr.UnaryOperator.MINUS, integer(5)));
      Condition.Like like = (Condition.Like) c.get(2);
      assertThat(like.caseInsensitive()).isFalse();
      assertThat(like.pattern()).isEqualTo(new Expr.StringLiteral("Crab%"));
      Condition.Like ilike = (Condition.Like) c.get(3);
      assertThat(ilike.caseInsensitive()).isTrue();
      assertThat(ilike.negated()).isTrue();
      Condition.InList in = (Condition.InList) c.get(4);
      assertThat(in.values()).containsExactly(integer(2), integer(3));
      assertThat(((Condition.InList) c.get(5)).negated()).isTrue();
      assertThat(((Condition.IsNull) c.get(6)).negated()).isTrue();
      assertThat(((Condition.IsNull) c.get(7)).negated()).isFalse();
    }

    @Test
    void orAndNotPrecedence() {
      Condition.Or or =
          (Condition.Or) where("SELECT * FROM t WHERE a = 1 OR b = 2 AND NOT (c = 3 OR d = 4)");
      assertThat(or.operands()).hasSize(2);
      Condition.And and = (Condition.And) or.operands().get(1);
      Condition.Not not = (Condition.Not) and.operands().get(1);
      assertThat(not.operand()).isInstanceOf(Condition.Or.class);
    }

    @Test
    void subqueriesInInAndExists() {
      Condition.And and =
          (Condition.And)
              where(
                  "SELECT obs_id FROM ivoa.obscore AS o WHERE obs_id IN (SELECT obs_id FROM"
                      + " ivoa.obscore_hea) AND NOT EXISTS (SELECT * FROM ctao.observation AS c"
                      + " WHERE c.obs_id = o.obs_id)");
      Condition.InSubquery in = (Condition.InSubquery) and.operands().get(0);
      assertThat(in.negated()).isFalse();
      assertThat(((TableRef.Table) in.query().select().from().get(0)).name().toString())
          .isEqualTo("ivoa.obscore_hea");
      Condition.Not not = (Condition.Not) and.operands().get(1);
      Condition.Exists exists = (Condition.Exists) not.operand();
      assertThat(exists.query().select().where()).isPresent();
    }

    @Test
    void parenthesizedValueOnTheLeftOfAComparison() {
      Condition.Comparison comparison =
          (Condition.Comparison) where("SELECT * FROM t WHERE (a + 1) * 2 > 3");
      Expr.Binary times = (Expr.Binary) comparison.left();
      assertThat(times.operator()).isEqualTo(Expr.BinaryOperator.MULTIPLY);
      assertThat(((Expr.Binary) times.left()).operator()).isEqualTo(Expr.BinaryOperator.ADD);
    }

    @Test
    void notEqualsBothSpellings() {
      Condition.And and = (Condition.And) where("SELECT * FROM t WHERE a <> 1 AND b != 2");
      assertThat(and.operands())
          .allSatisfy(
              c ->
                  assertThat(((Condition.Comparison) c).operator())
                      .isEqualTo(Condition.ComparisonOperator.NOT_EQUAL));
    }
  }

  @Nested
  class ValueExpressions {
    @Test
    void arithmeticPrecedenceAndLeftAssociativity() {
      Expr e = firstColumn("SELECT 1 + 2 * 3 - 4 / 5 FROM t");
      // ((1 + (2 * 3)) - (4 / 5))
      Expr.Binary minus = (Expr.Binary) e;
      assertThat(minus.operator()).isEqualTo(Expr.BinaryOperator.SUBTRACT);
      Expr.Binary plus = (Expr.Binary) minus.left();
      assertThat(plus.operator()).isEqualTo(Expr.BinaryOperator.ADD);
      assertThat(plus.right())
          .isEqualTo(new Expr.Binary(Expr.BinaryOperator.MULTIPLY, integer(2), integer(3)));
      assertThat(minus.right())
          .isEqualTo(new Expr.Binary(Expr.BinaryOperator.DIVIDE, integer(4), integer(5)));
    }

    @Test
    void bitwiseOperatorsAndHexLiterals() {
      Condition.Comparison c =
          (Condition.Comparison) where("SELECT * FROM t WHERE flags & 0x0A = 0x0a");
      Expr.Binary and = (Expr.Binary) c.left();
      assertThat(and.operator()).isEqualTo(Expr.BinaryOperator.BIT_AND);
      assertThat(and.right()).isEqualTo(new Expr.IntegerLiteral(BigInteger.TEN, true));
      Expr e = firstColumn("SELECT ~a | b ^ c FROM t");
      Expr.Binary or = (Expr.Binary) e;
      assertThat(or.operator()).isEqualTo(Expr.BinaryOperator.BIT_OR);
      assertThat(((Expr.Unary) or.left()).operator()).isEqualTo(Expr.UnaryOperator.BIT_NOT);
      assertThat(((Expr.Binary) or.right()).operator()).isEqualTo(Expr.BinaryOperator.BIT_XOR);
    }

    @Test
    void stringConcatenationAndLiterals() {
      Expr e = firstColumn("SELECT obs_collection || '/' || 'it''s' FROM t");
      Expr.Binary outer = (Expr.Binary) e;
      assertThat(outer.operator()).isEqualTo(Expr.BinaryOperator.CONCATENATE);
      assertThat(outer.right()).isEqualTo(new Expr.StringLiteral("it's"));
      assertThat(firstColumn("SELECT 'a' \n 'b' FROM t")).isEqualTo(new Expr.StringLiteral("ab"));
    }

    @Test
    void numericLiterals() {
      Select select = select("SELECT 42, 4.2, .5, 7., 1.5E-3, 2e10, 0xFF FROM t");
      List<Expr> values =
          select.items().stream().map(i -> ((SelectItem.Column) i).expression()).toList();
      assertThat(values.get(0)).isEqualTo(integer(42));
      assertThat(values.get(1)).isEqualTo(decimal("4.2"));
      assertThat(values.get(2)).isEqualTo(decimal("0.5"));
      assertThat(values.get(3)).isInstanceOf(Expr.DecimalLiteral.class);
      assertThat(values.get(4)).isEqualTo(new Expr.RealLiteral(1.5e-3, "1.5E-3"));
      assertThat(((Expr.RealLiteral) values.get(5)).value()).isEqualTo(2e10);
      assertThat(values.get(6)).isEqualTo(new Expr.IntegerLiteral(BigInteger.valueOf(255), true));
    }

    @Test
    void delimitedIdentifiersKeepCaseAndQuotes() {
      Select select =
          select("SELECT \"Name\", \"select\" AS \"Weird \"\"alias\"\"\" FROM \"My Schema\".\"T\"");
      Expr.ColumnRef name =
          (Expr.ColumnRef) ((SelectItem.Column) select.items().get(0)).expression();
      assertThat(name.name().last()).isEqualTo(Identifier.delimited("Name"));
      assertThat(name.name().last().matches("name")).isFalse();
      SelectItem.Column second = (SelectItem.Column) select.items().get(1);
      assertThat(second.alias()).contains(Identifier.delimited("Weird \"alias\""));
      TableRef.Table table = (TableRef.Table) select.from().get(0);
      assertThat(table.name().parts())
          .containsExactly(Identifier.delimited("My Schema"), Identifier.delimited("T"));
      assertThat(Identifier.regular("OBS_ID").matches("obs_id")).isTrue();
    }

    @Test
    void qualifiedNamesAndAsterisks() {
      Select select = select("SELECT o.*, ivoa.obscore.obs_id FROM ivoa.obscore AS o");
      assertThat(select.items().get(0))
          .isEqualTo(new SelectItem.AllColumnsOf(QualifiedName.of(Identifier.regular("o"))));
      assertColumn(((SelectItem.Column) select.items().get(1)).expression(), "ivoa.obscore.obs_id");
    }

    @Test
    void caseCastAndCoalesce() {
      Select select =
          select(
              "SELECT CASE WHEN calib_level > 2 THEN 'science' WHEN calib_level = 0 THEN NULL"
                  + " ELSE 'raw' END AS kind,"
                  + " CASE dataproduct_type WHEN 'event' THEN 1 END,"
                  + " CAST(obs_id AS VARCHAR(64)), CAST(calib_level AS DOUBLE PRECISION),"
                  + " CAST(t_min AS INTEGER), COALESCE(target_name, 'unknown', '')"
                  + " FROM ivoa.obscore");
      List<Expr> e =
          select.items().stream().map(i -> ((SelectItem.Column) i).expression()).toList();
      Expr.SearchedCase searched = (Expr.SearchedCase) e.get(0);
      assertThat(searched.whens()).hasSize(2);
      assertThat(searched.whens().get(1).then()).isEqualTo(new Expr.NullLiteral());
      assertThat(searched.otherwise()).contains(new Expr.StringLiteral("raw"));
      Expr.SimpleCase simple = (Expr.SimpleCase) e.get(1);
      assertColumn(simple.operand(), "dataproduct_type");
      assertThat(simple.otherwise()).isEmpty();
      Expr.Cast varchar = (Expr.Cast) e.get(2);
      assertThat(varchar.type()).isEqualTo(Expr.CastType.VARCHAR);
      assertThat(varchar.length()).hasValue(64);
      assertThat(((Expr.Cast) e.get(3)).type()).isEqualTo(Expr.CastType.DOUBLE_PRECISION);
      assertThat(((Expr.Cast) e.get(4)).length()).isEmpty();
      assertThat(call(e.get(5), AdqlFunction.COALESCE).arguments()).hasSize(3);
    }

    @Test
    void mathTrigAndStringFunctions() {
      Select select =
          select(
              "SELECT ABS(-1), ROUND(s_ra, 2), PI(), RAND(), LOG10(x), ATAN2(y, x), MOD(7, 3),"
                  + " POWER(2, 10), TRUNCATE(x), SQRT(x), DEGREES(ACOS(COS(RADIANS(s_dec)))),"
                  + " LOWER(target_name), UPPER('a'), IN_UNIT(t_exptime, 'h') FROM t");
      List<AdqlFunction> functions =
          select.items().stream()
              .map(i -> ((Expr.FunctionCall) ((SelectItem.Column) i).expression()).function())
              .toList();
      assertThat(functions)
          .containsExactly(
              AdqlFunction.ABS,
              AdqlFunction.ROUND,
              AdqlFunction.PI,
              AdqlFunction.RAND,
              AdqlFunction.LOG10,
              AdqlFunction.ATAN2,
              AdqlFunction.MOD,
              AdqlFunction.POWER,
              AdqlFunction.TRUNCATE,
              AdqlFunction.SQRT,
              AdqlFunction.DEGREES,
              AdqlFunction.LOWER,
              AdqlFunction.UPPER,
              AdqlFunction.IN_UNIT);
    }

    @Test
    void userDefinedFunction() {
      Expr.UserFunctionCall udf =
          (Expr.UserFunctionCall) firstColumn("SELECT ivo_healpix_index(10, s_ra, s_dec) FROM t");
      assertThat(udf.name()).isEqualTo(Identifier.regular("ivo_healpix_index"));
      assertThat(udf.arguments()).hasSize(3);
      assertThat(udf.position()).isEqualTo(new Position(1, 8));
    }

    @Test
    void geometryFunctions() {
      Select select =
          select(
              "SELECT DISTANCE(POINT(25.0, -19.5), POINT(25.4, -20.0)),"
                  + " DISTANCE(25.0, -19.5, 25.4, -20.0),"
                  + " COORD1(POINT('ICRS', 1, 2)), COORD2(p), COORDSYS(p),"
                  + " CENTROID(CIRCLE('ICRS', 10, 10, 1)), AREA(BOX('ICRS', 25.4, -20.0, 10, 10)),"
                  + " POLYGON('ICRS', 10.0, -10.5, 20.0, 20.5, 30.0, 30.5),"
                  + " REGION('Circle ICRS 10 10 1')"
                  + " FROM t WHERE 1 = INTERSECTS(s_region, BOX(POINT(1, 2), 3, 4))");
      List<Expr> e =
          select.items().stream().map(i -> ((SelectItem.Column) i).expression()).toList();
      assertThat(call(e.get(0), AdqlFunction.DISTANCE).arguments()).hasSize(2);
      assertThat(call(e.get(1), AdqlFunction.DISTANCE).arguments()).hasSize(4);
      call(e.get(2), AdqlFunction.COORD1);
      call(e.get(3), AdqlFunction.COORD2);
      call(e.get(4), AdqlFunction.COORDSYS);
      call(e.get(5), AdqlFunction.CENTROID);
      call(((Expr.FunctionCall) e.get(6)).arguments().get(0), AdqlFunction.BOX);
      assertThat(call(e.get(7), AdqlFunction.POLYGON).arguments()).hasSize(7);
      call(e.get(8), AdqlFunction.REGION);
      Condition.Comparison where = (Condition.Comparison) select.where().orElseThrow();
      call(where.right(), AdqlFunction.INTERSECTS);
    }

    @Test
    void keywordsAreCaseInsensitive() {
      Query query =
          AdqlParser.parse(
              "select top 3 * from ivoa.ObsCore where s_ra between 10 and 20 "
                  + "and 1 = contains(point('ICRS', s_ra, s_dec), circle('ICRS', 1, 2, 3)) "
                  + "order by s_dec desc offset 2");
      assertThat(query.select().top()).hasValue(3);
      assertThat(((TableRef.Table) query.select().from().get(0)).name().last())
          .isEqualTo(Identifier.regular("ObsCore"));
      assertThat(query.orderBy().get(0).direction()).isEqualTo(OrderItem.Direction.DESC);
    }

    @Test
    void commentsAndLineBreaks() {
      Select select =
          select("-- cone\nSELECT obs_id -- the id\n  FROM ivoa.obscore\n WHERE s_ra > 1 --");
      Condition.Comparison where = (Condition.Comparison) select.where().orElseThrow();
      assertThat(((Expr.ColumnRef) where.left()).position()).isEqualTo(new Position(4, 8));
    }

    @Test
    void nestingUpToTheLimit() {
      int levels = AdqlParser.MAX_NESTING - 1; // the function call's own parenthesis is one more
      String adql =
          "SELECT ABS(" + "(".repeat(levels - 1) + "1" + ")".repeat(levels - 1) + ") FROM t";
      assertThat(call(firstColumn(adql), AdqlFunction.ABS).arguments()).containsExactly(integer(1));
    }

    @Test
    void longOrChainIsFlat() {
      StringBuilder adql = new StringBuilder("SELECT * FROM t WHERE a = 0");
      for (int i = 1; i < 2000; i++) {
        adql.append(" OR a = ").append(i);
      }
      assertThat(((Condition.Or) where(adql.toString())).operands()).hasSize(2000);
      StringBuilder list = new StringBuilder("SELECT * FROM t WHERE a IN (0");
      for (int i = 1; i < 5000; i++) {
        list.append(", ").append(i);
      }
      list.append(")");
      assertThat(((Condition.InList) where(list.toString())).values()).hasSize(5000);
    }
  }

  /** Queries in the style of the ADQL 2.1 Recommendation's and TAP services' examples. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM ivoa.obscore",
        "SELECT ALL obs_id FROM ivoa.obscore",
        "SELECT TOP 100 * FROM ivoa.obscore WHERE obs_collection = 'CTAO' ORDER BY t_min",
        "SELECT ra, dec FROM gaia.source WHERE 1=CONTAINS(POINT('ICRS', ra, dec),"
            + " CIRCLE('ICRS', 266.41683, -29.00781, 0.08333333))",
        "SELECT * FROM ivoa.obscore WHERE 1 = INTERSECTS(s_region,"
            + " POLYGON('ICRS', 10, 20, 11, 20, 11, 21))",
        "SELECT obs_id, DISTANCE(POINT('ICRS', s_ra, s_dec), POINT('ICRS', 83.63, 22.01)) AS d"
            + " FROM ivoa.obscore ORDER BY d",
        "SELECT * FROM tap_schema.tables WHERE schema_name = 'ivoa'",
        "SELECT table_name, column_name, datatype, unit, ucd FROM TAP_SCHEMA.columns"
            + " WHERE table_name = 'ivoa.obscore' ORDER BY column_name",
        "SELECT k.from_table, kc.from_column FROM TAP_SCHEMA.keys AS k JOIN"
            + " TAP_SCHEMA.key_columns AS kc ON k.key_id = kc.key_id",
        "SELECT source_id FROM gaia.source WHERE phot_g_mean_mag < 12 AND parallax > 10",
        "SELECT COUNT(*) FROM ivoa.obscore WHERE em_min < 1.24e-16 AND em_max > 1.24e-18",
        "SELECT * FROM ivoa.obscore WHERE t_min BETWEEN 59000 AND 60000 OFFSET 10",
        "SELECT TOP 1 obs_id FROM ivoa.obscore WHERE target_name ILIKE '%crab%'",
        "SELECT * FROM t WHERE a = -1.5 AND b = +2 AND c = - -3",
        "SELECT a AS b FROM t AS u",
        "SELECT a b FROM t u",
        "SELECT * FROM t WHERE (a = 1)",
        "SELECT * FROM t WHERE ((a + 1) = (2)) AND ((b = 1) OR (c = 2))",
        "SELECT * FROM t WHERE NOT a IN (1)",
        "SELECT * FROM t WHERE x IN ((SELECT a FROM u))",
        "SELECT TOP 5 * FROM (SELECT a FROM t) s JOIN (SELECT a FROM u) AS v ON s.a = v.a",
        "WITH x AS (SELECT a FROM t) SELECT * FROM x UNION SELECT a FROM u",
        "SELECT a FROM t UNION (SELECT a FROM u INTERSECT SELECT a FROM v)",
        "SELECT CASE WHEN a > 1 THEN CASE b WHEN 1 THEN 'x' ELSE 'y' END ELSE 'z' END FROM t",
        "SELECT CAST(a AS SMALLINT), CAST(a AS BIGINT), CAST(a AS REAL), CAST(a AS CHAR),"
            + " CAST(a AS CHAR(3)), CAST(a AS TIMESTAMP), CAST(a AS POINT) FROM t",
        "SELECT floor(a), ceiling(a), exp(a), log(a), sin(a), tan(a), cot(a), asin(a),"
            + " atan(a), round(a) FROM t",
        "SELECT * FROM t WHERE LOWER(name) LIKE 'm%' AND UPPER(name) NOT LIKE 'N%'",
        "SELECT a FROM t GROUP BY a, b HAVING COUNT(*) > 1 AND MIN(c) < 2",
        "SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a)",
        "SELECT \"TAP_SCHEMA\".\"tables\".\"table_name\" FROM \"TAP_SCHEMA\".\"tables\"",
        "SELECT a\tFROM\r\nt",
        "SELECT obs_id FROM ivoa.obscore WHERE obs_id NOT IN (SELECT obs_id FROM ivoa.obscore_hea)",
        "SELECT * FROM t WHERE COORDSYS(p) = 'ICRS' AND COORD1(CENTROID(r)) > 0",
        "SELECT * FROM t WHERE CONTAINS(POINT(ra, dec), BOX('ICRS', 1, 2, 3, 4)) = 0",
        "SELECT * FROM t WHERE CONTAINS(POINT(ra, dec), REGION('Box ICRS 1 2 3 4')) = 1",
        "SELECT * FROM t WHERE flags | 4 = 4 AND flags ^ 1 > 0 AND ~flags < 0",
        "SELECT * FROM t WHERE t.a = 'x' || 'y'",
        "SELECT COALESCE(a, b) FROM t",
        "SELECT * FROM cat.sch.tab",
        "SELECT MAX(DISTINCT a), SUM(DISTINCT a), AVG(DISTINCT a) FROM t",
      })
  void parsesValidAdql(String adql) {
    assertThat(AdqlParser.parse(adql)).isNotNull();
  }

  @Nested
  class Refused {
    @Test
    void limitSaysUseTop() {
      String adql = "SELECT * FROM ivoa.obscore LIMIT 5";
      AdqlSyntaxException e = fails(adql);
      assertAt(e, 1, adql.indexOf("LIMIT") + 1);
      assertThat(e.getMessage())
          .isEqualTo("line 1, column 28: LIMIT is not ADQL; use SELECT TOP n");
      AdqlSyntaxException afterWhere =
          fails("SELECT obs_id FROM ivoa.obscore AS o WHERE s_ra > 1 limit 10");
      assertAt(afterWhere, 1, 53);
      assertThat(afterWhere.reason()).contains("LIMIT is not ADQL");
      AdqlSyntaxException afterOrder = fails("SELECT a FROM t ORDER BY a DESC LIMIT 10");
      assertAt(afterOrder, 1, 33);
    }

    @Test
    void postgresCast() {
      AdqlSyntaxException e = fails("SELECT s_ra::int FROM ivoa.obscore");
      assertAt(e, 1, 12);
      assertThat(e.reason()).contains("CAST(");
    }

    @Test
    void twoStatements() {
      String adql = "SELECT a FROM t; SELECT b FROM u";
      AdqlSyntaxException e = fails(adql);
      assertAt(e, 1, 16);
      assertThat(e.reason()).contains("';'");
      assertAt(fails("SELECT a FROM t;"), 1, 16);
      AdqlSyntaxException noSemicolon = fails("SELECT a FROM t\nSELECT b FROM u");
      assertAt(noSemicolon, 2, 1);
      assertThat(noSemicolon.reason())
          .isEqualTo("unexpected 'SELECT'; expected the end of the query");
    }

    @Test
    void unbalancedParentheses() {
      String open = "SELECT a FROM t WHERE (a = 1 AND (b = 2)";
      AdqlSyntaxException e = fails(open);
      assertAt(e, 1, open.length() + 1);
      assertThat(e.reason()).contains("'(' at line 1, column 23 is not closed");
      AdqlSyntaxException close = fails("SELECT a FROM t WHERE a = 1)");
      assertAt(close, 1, 28);
      assertThat(close.reason()).contains("')' without a matching '('");
      assertAt(fails("SELECT ABS(a FROM t"), 1, 14);
    }

    @Test
    void unterminatedString() {
      AdqlSyntaxException e = fails("SELECT a\nFROM t\nWHERE name = 'Crab");
      assertAt(e, 3, 14);
      assertThat(e.reason()).contains("no closing quote");
      assertAt(fails("SELECT \"a FROM t"), 1, 8);
      assertAt(fails("SELECT \"\" FROM t"), 1, 8);
    }

    @Test
    void blockCommentsAndOtherCharacters() {
      AdqlSyntaxException comment = fails("SELECT a /* note */ FROM t");
      assertAt(comment, 1, 10);
      assertThat(comment.reason()).contains("use --");
      assertThat(fails("SELECT a FROM t WHERE b = ?").reason()).contains("'?'");
      assertAt(fails("SELECT a FROM t WHERE b = :x"), 1, 27);
      assertAt(fails("SELECT `a` FROM t"), 1, 8);
      assertAt(fails("SELECT a FROM t # comment"), 1, 17);
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
      String adql = "SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + " FROM t";
      AdqlSyntaxException e = fails(adql);
      assertAt(e, 1, 8 + AdqlParser.MAX_NESTING);
      assertThat(e.reason()).contains("nested deeper than " + AdqlParser.MAX_NESTING);
      String conditions =
          "SELECT a FROM t WHERE " + "(".repeat(10_000) + "a = 1" + ")".repeat(10_000);
      assertThat(fails(conditions).reason()).contains("nested deeper");
      String cases =
          "SELECT "
              + "CASE WHEN a = 1 THEN ".repeat(3_000)
              + "1"
              + " END".repeat(3_000)
              + " FROM t";
      assertThat(fails(cases).reason()).contains("nested deeper");
    }

    @Test
    void longOperatorChainsAreBoundedInDepth() {
      String adql = "SELECT " + "1 + ".repeat(5_000) + "1 FROM t";
      AdqlSyntaxException e = fails(adql);
      assertThat(e.reason()).contains("nested too deeply");
      String minus = "SELECT " + "- ".repeat(2_000) + "1 FROM t";
      assertThat(fails(minus).reason()).contains("nested too deeply");
    }

    @Test
    void tooLongInput() {
      String adql = "SELECT a FROM t WHERE b = '" + "x".repeat(AdqlParser.MAX_LENGTH) + "'";
      AdqlSyntaxException e = fails(adql);
      assertAt(e, 1, AdqlParser.MAX_LENGTH + 1);
      assertThat(e.reason()).contains("longer than 100000 characters");
      String exactlyAtLimit =
          "SELECT a FROM t WHERE b = '" + "x".repeat(AdqlParser.MAX_LENGTH - 28) + "'";
      assertThat(exactlyAtLimit).hasSize(AdqlParser.MAX_LENGTH);
      assertThat(AdqlParser.parse(exactlyAtLimit)).isNotNull();
    }

    @Test
    void emptyQuery() {
      assertAt(fails(""), 1, 1);
      assertAt(fails("  -- nothing\n"), 2, 1);
      assertThat(fails(null).reason()).isEqualTo("the query is empty");
    }

    @Test
    void errorPositionOnALaterLine() {
      AdqlSyntaxException e = fails("SELECT a\nFROM t\nWHERE a == 1");
      assertAt(e, 3, 10);
      assertThat(e.reason()).isEqualTo("unexpected '='");
    }

    @Test
    void wrongArityOfAFunction() {
      AdqlSyntaxException point = fails("SELECT POINT(1) FROM t");
      assertAt(point, 1, 8);
      assertThat(point.reason()).isEqualTo("POINT does not take 1 argument(s)");
      assertAt(fails("SELECT DISTANCE(1, 2, 3) FROM t"), 1, 8);
      assertAt(fails("SELECT a FROM t WHERE PI(1) > 0"), 1, 23);
    }

    @Test
    void geometryPredicateWithoutComparison() {
      String adql = "SELECT * FROM t WHERE CONTAINS(POINT(a, b), CIRCLE(1, 2, 3))";
      AdqlSyntaxException e = fails(adql);
      assertAt(e, 1, adql.length() + 1);
      assertThat(e.reason()).startsWith("unexpected end of the query");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "SELECT FROM t",
          "SELECT a FROM t WHERE",
          "SELECT a",
          "SELECT a FROM",
          "SELECT TOP 5.5 a FROM t",
          "SELECT TOP a FROM t",
          "SELECT a FROM t OFFSET 5 ORDER BY a",
          "SELECT a FROM (SELECT b FROM t)",
          "SELECT a FROM t NATURAL JOIN u ON t.a = u.a",
          "SELECT select FROM t",
          "SELECT a FROM t WHERE a = NULL",
          "SELECT a FROM t WHERE a IS NULLX",
          "SELECT TOP 99999999999999999999 a FROM t",
          "SELECT a FROM t WHERE a = TRUE AND b",
          "INSERT INTO t VALUES (1)",
          "DELETE FROM t",
          "SELECT a FROM t WHERE a IN ()",
          "SELECT a, FROM t",
          "SELECT COUNT(DISTINCT *) FROM t",
          "SELECT CAST(a AS TEXT) FROM t",
          "SELECT a FROM t ORDER BY a NULLS FIRST",
          "SELECT a FROM t FETCH FIRST 5 ROWS ONLY",
          "SELECT a FROM t WHERE a = 1e999",
        })
    void otherInvalidQueries(String adql) {
      fails(adql);
    }
  }
}
