package org.dpps.archive.access.domain.adql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** A value expression of ADQL 2.1 (numeric, string or geometric). */
public sealed interface Expr {

  /** {@code [[[catalog.]schema.]table.]column}. */
  record ColumnRef(QualifiedName name, Position position) implements Expr {
    public ColumnRef {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(position, "position");
    }
  }

  /** A constant written in the query. */
  sealed interface Literal extends Expr {}

  /** An unsigned integer, decimal ({@code 42}) or hexadecimal ({@code 0x2A}). */
  record IntegerLiteral(BigInteger value, boolean hex) implements Literal {
    public IntegerLiteral {
      Objects.requireNonNull(value, "value");
    }
  }

  /** An unsigned exact decimal such as {@code 83.63}. */
  record DecimalLiteral(BigDecimal value) implements Literal {
    public DecimalLiteral {
      Objects.requireNonNull(value, "value");
    }
  }

  /** An unsigned approximate number such as {@code 1.5E-3}, with its text as written. */
  record RealLiteral(double value, String text) implements Literal {
    public RealLiteral {
      Objects.requireNonNull(text, "text");
    }
  }

  /** A string, quotes removed and doubled quotes undone (adjacent literals joined). */
  record StringLiteral(String value) implements Literal {
    public StringLiteral {
      Objects.requireNonNull(value, "value");
    }
  }

  /** NULL, allowed by ADQL only as the result of a CASE. */
  record NullLiteral() implements Literal {}

  /** {@code left op right}. */
  record Binary(BinaryOperator operator, Expr left, Expr right) implements Expr {
    public Binary {
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  /** The binary operators, with their ADQL symbols. */
  enum BinaryOperator {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/"),
    CONCATENATE("||"),
    BIT_AND("&"),
    BIT_OR("|"),
    BIT_XOR("^");

    private final String symbol;

    BinaryOperator(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written in ADQL. */
    public String symbol() {
      return symbol;
    }
  }

  /** {@code op operand}. */
  record Unary(UnaryOperator operator, Expr operand) implements Expr {
    public Unary {
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** The prefix operators: signs and the bitwise NOT ({@code ~}). */
  enum UnaryOperator {
    PLUS,
    MINUS,
    BIT_NOT
  }

  /** A call of a function that ADQL 2.1 defines (math, trig, string, geometry, ...). */
  record FunctionCall(AdqlFunction function, List<Expr> arguments, Position position)
      implements Expr {
    public FunctionCall {
      Objects.requireNonNull(function, "function");
      arguments = List.copyOf(arguments);
      Objects.requireNonNull(position, "position");
    }
  }

  /** A call of a user-defined function: any regular identifier that is not an ADQL keyword. */
  record UserFunctionCall(Identifier name, List<Expr> arguments, Position position)
      implements Expr {
    public UserFunctionCall {
      Objects.requireNonNull(name, "name");
      arguments = List.copyOf(arguments);
      Objects.requireNonNull(position, "position");
    }
  }

  /** {@code COUNT(*)}. */
  record CountAll() implements Expr {}

  /** {@code COUNT|AVG|MIN|MAX|SUM([DISTINCT] argument)}. */
  record SetFunction(Aggregate aggregate, boolean distinct, Expr argument) implements Expr {
    public SetFunction {
      Objects.requireNonNull(aggregate, "aggregate");
      Objects.requireNonNull(argument, "argument");
    }
  }

  /** The set (aggregate) functions. */
  enum Aggregate {
    COUNT,
    AVG,
    MIN,
    MAX,
    SUM
  }

  /** {@code CASE operand WHEN value THEN result ... [ELSE result] END}. */
  record SimpleCase(Expr operand, List<SimpleWhen> whens, Optional<Expr> otherwise)
      implements Expr {
    public SimpleCase {
      Objects.requireNonNull(operand, "operand");
      whens = List.copyOf(whens);
      Objects.requireNonNull(otherwise, "otherwise");
    }
  }

  /** {@code WHEN value THEN result} of a simple CASE. */
  record SimpleWhen(Expr when, Expr then) {
    public SimpleWhen {
      Objects.requireNonNull(when, "when");
      Objects.requireNonNull(then, "then");
    }
  }

  /** {@code CASE WHEN condition THEN result ... [ELSE result] END}. */
  record SearchedCase(List<SearchedWhen> whens, Optional<Expr> otherwise) implements Expr {
    public SearchedCase {
      whens = List.copyOf(whens);
      Objects.requireNonNull(otherwise, "otherwise");
    }
  }

  /** {@code WHEN condition THEN result} of a searched CASE. */
  record SearchedWhen(Condition when, Expr then) {
    public SearchedWhen {
      Objects.requireNonNull(when, "when");
      Objects.requireNonNull(then, "then");
    }
  }

  /** {@code CAST(value AS type[(length)])}. */
  record Cast(Expr value, CastType type, OptionalInt length) implements Expr {
    public Cast {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(length, "length");
    }
  }

  /** The target types of CAST in ADQL 2.1. */
  enum CastType {
    SMALLINT,
    INTEGER,
    BIGINT,
    REAL,
    DOUBLE_PRECISION,
    TIMESTAMP,
    CHAR,
    VARCHAR,
    POINT,
    CIRCLE,
    POLYGON
  }
}
