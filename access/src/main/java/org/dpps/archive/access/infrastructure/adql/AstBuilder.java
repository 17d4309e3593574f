package org.dpps.archive.access.infrastructure.adql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.dpps.archive.access.domain.adql.AdqlFunction;
import org.dpps.archive.access.domain.adql.AdqlSyntaxException;
import org.dpps.archive.access.domain.adql.CommonTableExpression;
import org.dpps.archive.access.domain.adql.Condition;
import org.dpps.archive.access.domain.adql.Expr;
import org.dpps.archive.access.domain.adql.Identifier;
import org.dpps.archive.access.domain.adql.OrderItem;
import org.dpps.archive.access.domain.adql.Position;
import org.dpps.archive.access.domain.adql.QualifiedName;
import org.dpps.archive.access.domain.adql.Query;
import org.dpps.archive.access.domain.adql.QueryBody;
import org.dpps.archive.access.domain.adql.Select;
import org.dpps.archive.access.domain.adql.SelectItem;
import org.dpps.archive.access.domain.adql.SetOperation;
import org.dpps.archive.access.domain.adql.TableRef;
// the generated parser; within this class "AdqlParser" means it, not our facade of that name
import org.dpps.archive.access.infrastructure.adql.grammar.AdqlBaseVisitor;
import org.dpps.archive.access.infrastructure.adql.grammar.AdqlParser;

/**
 * Turns ANTLR's parse tree of an ADQL query into the typed syntax tree of the domain.
 *
 * <p>Over ~400 lines on purpose: it is the generated visitor's one implementation, one short method
 * per rule of {@code Adql.g4} in the grammar's order, so that grammar and tree are read side by
 * side; split by topic, a rule's method would be looked for in several classes.
 */
final class AstBuilder extends AdqlBaseVisitor<Object> {

  // ------------------------------------------------------------------ queries

  @Override
  public Query visitQuery(AdqlParser.QueryContext ctx) {
    return visitQueryExpression(ctx.queryExpression());
  }

  @Override
  public Query visitQueryExpression(AdqlParser.QueryExpressionContext ctx) {
    List<CommonTableExpression> with = new ArrayList<>();
    if (ctx.withClause() != null) {
      for (var cte : ctx.withClause().commonTableExpression()) {
        with.add(
            new CommonTableExpression(
                identifier(cte.identifier(0)),
                cte.identifier().subList(1, cte.identifier().size()).stream()
                    .map(AstBuilder::identifier)
                    .toList(),
                visitQueryExpression(cte.queryExpression())));
      }
    }
    List<OrderItem> orderBy = new ArrayList<>();
    if (ctx.orderByClause() != null) {
      for (var sort : ctx.orderByClause().sortSpecification()) {
        orderBy.add(
            new OrderItem(
                expr(sort.valueExpression()),
                sort.DESC() != null ? OrderItem.Direction.DESC : OrderItem.Direction.ASC));
      }
    }
    OptionalLong offset =
        ctx.offsetClause() == null
            ? OptionalLong.empty()
            : OptionalLong.of(count(ctx.offsetClause().UNSIGNED_INTEGER().getSymbol(), "OFFSET"));
    return new Query(with, visitSetExpression(ctx.setExpression()), orderBy, offset);
  }

  @Override
  public QueryBody visitSetExpression(AdqlParser.SetExpressionContext ctx) {
    QueryBody body = visitSetTerm(ctx.setTerm(0));
    for (int i = 1; i < ctx.setTerm().size(); i++) {
      var op = ctx.setUnionOp(i - 1);
      body =
          new SetOperation(
              op.UNION() != null ? SetOperation.Operator.UNION : SetOperation.Operator.EXCEPT,
              op.ALL() != null,
              body,
              visitSetTerm(ctx.setTerm(i)));
    }
    return body;
  }

  @Override
  public QueryBody visitSetTerm(AdqlParser.SetTermContext ctx) {
    QueryBody body = visitSetPrimary(ctx.setPrimary(0));
    for (int i = 1; i < ctx.setPrimary().size(); i++) {
      // the i-th INTERSECT token is followed by ALL when the next child after it is ALL
      boolean all = isAllAfter(ctx, ctx.INTERSECT(i - 1));
      body =
          new SetOperation(
              SetOperation.Operator.INTERSECT, all, body, visitSetPrimary(ctx.setPrimary(i)));
    }
    return body;
  }

  private static boolean isAllAfter(ParserRuleContext parent, TerminalNode node) {
    int index = parent.children.indexOf(node);
    ParseTree next = parent.getChild(index + 1);
    return next instanceof TerminalNode t && t.getSymbol().getType() == AdqlParser.ALL;
  }

  @Override
  public QueryBody visitSetPrimary(AdqlParser.SetPrimaryContext ctx) {
    if (ctx.querySpecification() != null) {
      return visitQuerySpecification(ctx.querySpecification());
    }
    return visitQueryExpression(ctx.queryExpression());
  }

  @Override
  public Select visitQuerySpecification(AdqlParser.QuerySpecificationContext ctx) {
    boolean distinct = ctx.setQuantifier() != null && ctx.setQuantifier().DISTINCT() != null;
    OptionalLong top =
        ctx.topClause() == null
            ? OptionalLong.empty()
            : OptionalLong.of(count(ctx.topClause().UNSIGNED_INTEGER().getSymbol(), "TOP"));
    List<SelectItem> items = new ArrayList<>();
    if (ctx.selectList().ASTERISK() != null) {
      items.add(new SelectItem.AllColumns());
    } else {
      for (var item : ctx.selectList().selectItem()) {
        items.add((SelectItem) visit(item));
      }
    }
    List<TableRef> from =
        ctx.fromClause().tableReference().stream().map(this::visitTableReference).toList();
    Optional<Condition> where =
        Optional.ofNullable(ctx.whereClause()).map(w -> condition(w.searchCondition()));
    List<Expr> groupBy =
        ctx.groupByClause() == null
            ? List.of()
            : ctx.groupByClause().valueExpression().stream().map(this::expr).toList();
    Optional<Condition> having =
        Optional.ofNullable(ctx.havingClause()).map(h -> condition(h.searchCondition()));
    return new Select(distinct, top, items, from, where, groupBy, having);
  }

  @Override
  public SelectItem visitQualifiedAsterisk(AdqlParser.QualifiedAsteriskContext ctx) {
    return new SelectItem.AllColumnsOf(qualifiedName(ctx.qualifiedName()));
  }

  @Override
  public SelectItem visitDerivedColumn(AdqlParser.DerivedColumnContext ctx) {
    return new SelectItem.Column(
        expr(ctx.valueExpression()),
        Optional.ofNullable(ctx.identifier()).map(AstBuilder::identifier));
  }

  // ------------------------------------------------------------------ FROM

  @Override
  public TableRef visitTableReference(AdqlParser.TableReferenceContext ctx) {
    TableRef table = (TableRef) visit(ctx.tablePrimary());
    for (var join : ctx.joinPart()) {
      TableRef right = (TableRef) visit(join.tablePrimary());
      Optional<Condition> on = Optional.empty();
      List<Identifier> using = List.of();
      var spec = join.joinSpecification();
      if (spec instanceof AdqlParser.JoinOnContext j) {
        on = Optional.of(condition(j.searchCondition()));
      } else if (spec instanceof AdqlParser.JoinUsingContext u) {
        using = u.identifier().stream().map(AstBuilder::identifier).toList();
      }
      if (join.NATURAL() != null && spec != null) {
        throw error(spec.getStart(), "a NATURAL JOIN takes neither ON nor USING");
      }
      table =
          new TableRef.Join(
              joinType(join.joinType()), join.NATURAL() != null, table, right, on, using);
    }
    return table;
  }

  private static TableRef.JoinType joinType(AdqlParser.JoinTypeContext ctx) {
    if (ctx == null || ctx.INNER() != null) {
      return TableRef.JoinType.INNER;
    }
    if (ctx.LEFT() != null) {
      return TableRef.JoinType.LEFT_OUTER;
    }
    if (ctx.RIGHT() != null) {
      return TableRef.JoinType.RIGHT_OUTER;
    }
    return TableRef.JoinType.FULL_OUTER;
  }

  @Override
  public TableRef visitNamedTable(AdqlParser.NamedTableContext ctx) {
    return new TableRef.Table(
        qualifiedName(ctx.qualifiedName()),
        Optional.ofNullable(ctx.identifier()).map(AstBuilder::identifier),
        position(ctx.getStart()));
  }

  @Override
  public TableRef visitDerivedTable(AdqlParser.DerivedTableContext ctx) {
    return new TableRef.Subquery(
        visitQueryExpression(ctx.queryExpression()), identifier(ctx.identifier()));
  }

  @Override
  public TableRef visitParenthesizedJoin(AdqlParser.ParenthesizedJoinContext ctx) {
    return visitTableReference(ctx.tableReference());
  }

  // ------------------------------------------------------------------ conditions

  Condition condition(AdqlParser.SearchConditionContext ctx) {
    return visitSearchCondition(ctx);
  }

  @Override
  public Condition visitSearchCondition(AdqlParser.SearchConditionContext ctx) {
    List<Condition> terms = ctx.booleanTerm().stream().map(this::visitBooleanTerm).toList();
    return terms.size() == 1 ? terms.get(0) : new Condition.Or(terms);
  }

  @Override
  public Condition visitBooleanTerm(AdqlParser.BooleanTermContext ctx) {
    List<Condition> factors = ctx.booleanFactor().stream().map(this::visitBooleanFactor).toList();
    return factors.size() == 1 ? factors.get(0) : new Condition.And(factors);
  }

  @Override
  public Condition visitBooleanFactor(AdqlParser.BooleanFactorContext ctx) {
    Condition primary = (Condition) visit(ctx.booleanPrimary());
    return ctx.NOT() != null ? new Condition.Not(primary) : primary;
  }

  @Override
  public Condition visitNestedCondition(AdqlParser.NestedConditionContext ctx) {
    return visitSearchCondition(ctx.searchCondition());
  }

  @Override
  public Condition visitPredicateCondition(AdqlParser.PredicateConditionContext ctx) {
    return (Condition) visit(ctx.predicate());
  }

  @Override
  public Condition visitExists(AdqlParser.ExistsContext ctx) {
    return new Condition.Exists(visitQueryExpression(ctx.queryExpression()));
  }

  @Override
  public Condition visitValuePredicate(AdqlParser.ValuePredicateContext ctx) {
    Expr left = expr(ctx.valueExpression());
    var tail = ctx.predicateTail();
    if (tail instanceof AdqlParser.ComparisonContext c) {
      return new Condition.Comparison(
          left, comparison(c.comparisonOperator().getStart()), expr(c.valueExpression()));
    }
    if (tail instanceof AdqlParser.BetweenContext b) {
      return new Condition.Between(
          left, b.NOT() != null, expr(b.valueExpression(0)), expr(b.valueExpression(1)));
    }
    if (tail instanceof AdqlParser.LikeContext l) {
      return new Condition.Like(
          left, l.NOT() != null, l.ILIKE() != null, expr(l.valueExpression()));
    }
    if (tail instanceof AdqlParser.InSubqueryContext s) {
      return new Condition.InSubquery(
          left, s.NOT() != null, visitQueryExpression(s.queryExpression()));
    }
    if (tail instanceof AdqlParser.InListContext in) {
      return new Condition.InList(
          left, in.NOT() != null, in.valueExpression().stream().map(this::expr).toList());
    }
    var isNull = (AdqlParser.IsNullContext) tail;
    return new Condition.IsNull(left, isNull.NOT() != null);
  }

  private static Condition.ComparisonOperator comparison(Token token) {
    return switch (token.getType()) {
      case AdqlParser.EQ -> Condition.ComparisonOperator.EQUAL;
      case AdqlParser.NE -> Condition.ComparisonOperator.NOT_EQUAL;
      case AdqlParser.LT -> Condition.ComparisonOperator.LESS;
      case AdqlParser.GT -> Condition.ComparisonOperator.GREATER;
      case AdqlParser.LE -> Condition.ComparisonOperator.LESS_OR_EQUAL;
      case AdqlParser.GE -> Condition.ComparisonOperator.GREATER_OR_EQUAL;
      default -> throw error(token, "unknown comparison '" + token.getText() + "'");
    };
  }

  // ------------------------------------------------------------------ value expressions

  Expr expr(AdqlParser.ValueExpressionContext ctx) {
    return visitValueExpression(ctx);
  }

  @Override
  public Expr visitValueExpression(AdqlParser.ValueExpressionContext ctx) {
    Expr result = visitBitOrExpression(ctx.bitOrExpression(0));
    for (int i = 1; i < ctx.bitOrExpression().size(); i++) {
      result =
          new Expr.Binary(
              Expr.BinaryOperator.CONCATENATE,
              result,
              visitBitOrExpression(ctx.bitOrExpression(i)));
    }
    return result;
  }

  @Override
  public Expr visitBitOrExpression(AdqlParser.BitOrExpressionContext ctx) {
    Expr result = visitBitXorExpression(ctx.bitXorExpression(0));
    for (int i = 1; i < ctx.bitXorExpression().size(); i++) {
      result =
          new Expr.Binary(
              Expr.BinaryOperator.BIT_OR, result, visitBitXorExpression(ctx.bitXorExpression(i)));
    }
    return result;
  }

  @Override
  public Expr visitBitXorExpression(AdqlParser.BitXorExpressionContext ctx) {
    Expr result = visitBitAndExpression(ctx.bitAndExpression(0));
    for (int i = 1; i < ctx.bitAndExpression().size(); i++) {
      result =
          new Expr.Binary(
              Expr.BinaryOperator.BIT_XOR, result, visitBitAndExpression(ctx.bitAndExpression(i)));
    }
    return result;
  }

  @Override
  public Expr visitBitAndExpression(AdqlParser.BitAndExpressionContext ctx) {
    Expr result = visitAdditiveExpression(ctx.additiveExpression(0));
    for (int i = 1; i < ctx.additiveExpression().size(); i++) {
      result =
          new Expr.Binary(
              Expr.BinaryOperator.BIT_AND,
              result,
              visitAdditiveExpression(ctx.additiveExpression(i)));
    }
    return result;
  }

  @Override
  public Expr visitAdditiveExpression(AdqlParser.AdditiveExpressionContext ctx) {
    Expr result = visitMultiplicativeExpression(ctx.multiplicativeExpression(0));
    for (int i = 1; i < ctx.multiplicativeExpression().size(); i++) {
      var op =
          ctx.additiveOperator(i - 1).PLUS() != null
              ? Expr.BinaryOperator.ADD
              : Expr.BinaryOperator.SUBTRACT;
      result =
          new Expr.Binary(
              op, result, visitMultiplicativeExpression(ctx.multiplicativeExpression(i)));
    }
    return result;
  }

  @Override
  public Expr visitMultiplicativeExpression(AdqlParser.MultiplicativeExpressionContext ctx) {
    Expr result = visitUnaryExpression(ctx.unaryExpression(0));
    for (int i = 1; i < ctx.unaryExpression().size(); i++) {
      var op =
          ctx.multiplicativeOperator(i - 1).ASTERISK() != null
              ? Expr.BinaryOperator.MULTIPLY
              : Expr.BinaryOperator.DIVIDE;
      result = new Expr.Binary(op, result, visitUnaryExpression(ctx.unaryExpression(i)));
    }
    return result;
  }

  @Override
  public Expr visitUnaryExpression(AdqlParser.UnaryExpressionContext ctx) {
    Expr result = (Expr) visit(ctx.primary());
    for (int i = ctx.unaryOperator().size() - 1; i >= 0; i--) {
      var op = ctx.unaryOperator(i);
      Expr.UnaryOperator operator =
          op.PLUS() != null
              ? Expr.UnaryOperator.PLUS
              : op.MINUS() != null ? Expr.UnaryOperator.MINUS : Expr.UnaryOperator.BIT_NOT;
      result = new Expr.Unary(operator, result);
    }
    return result;
  }

  @Override
  public Expr visitLiteralPrimary(AdqlParser.LiteralPrimaryContext ctx) {
    return (Expr) visit(ctx.literal());
  }

  @Override
  public Expr visitIntegerLiteral(AdqlParser.IntegerLiteralContext ctx) {
    return new Expr.IntegerLiteral(new BigInteger(ctx.getText()), false);
  }

  @Override
  public Expr visitHexLiteral(AdqlParser.HexLiteralContext ctx) {
    return new Expr.IntegerLiteral(new BigInteger(ctx.getText().substring(2), 16), true);
  }

  @Override
  public Expr visitDecimalLiteral(AdqlParser.DecimalLiteralContext ctx) {
    return new Expr.DecimalLiteral(new BigDecimal(ctx.getText()));
  }

  @Override
  public Expr visitApproximateLiteral(AdqlParser.ApproximateLiteralContext ctx) {
    double value = Double.parseDouble(ctx.getText());
    if (Double.isInfinite(value)) {
      throw error(ctx.getStart(), "number " + ctx.getText() + " is out of range");
    }
    return new Expr.RealLiteral(value, ctx.getText());
  }

  @Override
  public Expr visitStringLiteral(AdqlParser.StringLiteralContext ctx) {
    StringBuilder value = new StringBuilder();
    for (TerminalNode part : ctx.STRING()) {
      String text = part.getText();
      value.append(text, 1, text.length() - 1);
    }
    return new Expr.StringLiteral(value.toString().replace("''", "'"));
  }

  @Override
  public Expr visitParenthesizedValue(AdqlParser.ParenthesizedValueContext ctx) {
    return expr(ctx.valueExpression());
  }

  @Override
  public Expr visitSetFunctionPrimary(AdqlParser.SetFunctionPrimaryContext ctx) {
    return (Expr) visit(ctx.setFunction());
  }

  @Override
  public Expr visitCountAll(AdqlParser.CountAllContext ctx) {
    return new Expr.CountAll();
  }

  @Override
  public Expr visitAggregate(AdqlParser.AggregateContext ctx) {
    var aggregate = Expr.Aggregate.valueOf(ctx.name.getText().toUpperCase(Locale.ROOT));
    boolean distinct = ctx.setQuantifier() != null && ctx.setQuantifier().DISTINCT() != null;
    return new Expr.SetFunction(aggregate, distinct, expr(ctx.valueExpression()));
  }

  @Override
  public Expr visitCasePrimary(AdqlParser.CasePrimaryContext ctx) {
    return (Expr) visit(ctx.caseExpression());
  }

  @Override
  public Expr visitSimpleCase(AdqlParser.SimpleCaseContext ctx) {
    return new Expr.SimpleCase(
        expr(ctx.valueExpression()),
        ctx.simpleWhen().stream()
            .map(w -> new Expr.SimpleWhen(expr(w.valueExpression()), result(w.caseResult())))
            .toList(),
        Optional.ofNullable(ctx.elseClause()).map(e -> result(e.caseResult())));
  }

  @Override
  public Expr visitSearchedCase(AdqlParser.SearchedCaseContext ctx) {
    return new Expr.SearchedCase(
        ctx.searchedWhen().stream()
            .map(w -> new Expr.SearchedWhen(condition(w.searchCondition()), result(w.caseResult())))
            .toList(),
        Optional.ofNullable(ctx.elseClause()).map(e -> result(e.caseResult())));
  }

  private Expr result(AdqlParser.CaseResultContext ctx) {
    return ctx.NULL() != null ? new Expr.NullLiteral() : expr(ctx.valueExpression());
  }

  @Override
  public Expr visitCastPrimary(AdqlParser.CastPrimaryContext ctx) {
    var target = ctx.castTarget();
    Expr.CastType type =
        target.DOUBLE() != null
            ? Expr.CastType.DOUBLE_PRECISION
            : Expr.CastType.valueOf(target.name.getText().toUpperCase(Locale.ROOT));
    OptionalInt length = OptionalInt.empty();
    if (target.UNSIGNED_INTEGER() != null) {
      Token token = target.UNSIGNED_INTEGER().getSymbol();
      long value = count(token, "the length");
      if (value < 1 || value > Integer.MAX_VALUE) {
        throw error(token, "the length of " + type + " must be between 1 and " + Integer.MAX_VALUE);
      }
      length = OptionalInt.of((int) value);
    }
    return new Expr.Cast(expr(ctx.valueExpression()), type, length);
  }

  @Override
  public Expr visitBuiltinPrimary(AdqlParser.BuiltinPrimaryContext ctx) {
    var call = ctx.builtinFunction();
    Token name = call.name;
    AdqlFunction function = AdqlFunction.valueOf(name.getText().toUpperCase(Locale.ROOT));
    List<Expr> arguments = arguments(call.arguments());
    if (!function.accepts(arguments.size())) {
      throw error(name, function + " does not take " + arguments.size() + " argument(s)");
    }
    return new Expr.FunctionCall(function, arguments, position(name));
  }

  @Override
  public Expr visitUserFunctionPrimary(AdqlParser.UserFunctionPrimaryContext ctx) {
    Token name = ctx.REGULAR_IDENTIFIER().getSymbol();
    return new Expr.UserFunctionCall(
        Identifier.regular(name.getText()), arguments(ctx.arguments()), position(name));
  }

  private List<Expr> arguments(AdqlParser.ArgumentsContext ctx) {
    return ctx == null ? List.of() : ctx.valueExpression().stream().map(this::expr).toList();
  }

  @Override
  public Expr visitColumnPrimary(AdqlParser.ColumnPrimaryContext ctx) {
    return new Expr.ColumnRef(qualifiedName(ctx.qualifiedName()), position(ctx.getStart()));
  }

  // ------------------------------------------------------------------ names and numbers

  private static QualifiedName qualifiedName(AdqlParser.QualifiedNameContext ctx) {
    return new QualifiedName(ctx.identifier().stream().map(AstBuilder::identifier).toList());
  }

  private static Identifier identifier(AdqlParser.IdentifierContext ctx) {
    if (ctx.DELIMITED_IDENTIFIER() != null) {
      String text = ctx.getText();
      return Identifier.delimited(text.substring(1, text.length() - 1).replace("\"\"", "\""));
    }
    return Identifier.regular(ctx.getText());
  }

  private static long count(Token token, String what) {
    try {
      return Long.parseLong(token.getText());
    } catch (NumberFormatException e) {
      throw error(token, what + " " + token.getText() + " is too large");
    }
  }

  static Position position(Token token) {
    return new Position(token.getLine(), token.getCharPositionInLine() + 1);
  }

  static AdqlSyntaxException error(Token token, String reason) {
    return new AdqlSyntaxException(token.getLine(), token.getCharPositionInLine() + 1, reason);
  }
}
