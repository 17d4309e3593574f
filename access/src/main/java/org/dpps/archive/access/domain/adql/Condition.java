package org.dpps.archive.access.domain.adql;

import java.util.List;
import java.util.Objects;

/** A search condition (WHERE, HAVING, ON, CASE WHEN). */
public sealed interface Condition {

  /** {@code a AND b AND ...} (at least two operands). */
  record And(List<Condition> operands) implements Condition {
    public And {
      operands = List.copyOf(operands);
    }
  }

  /** {@code a OR b OR ...} (at least two operands). */
  record Or(List<Condition> operands) implements Condition {
    public Or {
      operands = List.copyOf(operands);
    }
  }

  /** {@code NOT condition}. */
  record Not(Condition operand) implements Condition {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** {@code left op right}. */
  record Comparison(Expr left, ComparisonOperator operator, Expr right) implements Condition {
    public Comparison {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(right, "right");
    }
  }

  /** The comparison operators, with their ADQL symbols ({@code !=} is read as NOT_EQUAL). */
  enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS("<"),
    GREATER(">"),
    LESS_OR_EQUAL("<="),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written in ADQL. */
    public String symbol() {
      return symbol;
    }
  }

  /** {@code value [NOT] BETWEEN low AND high}. */
  record Between(Expr value, boolean negated, Expr low, Expr high) implements Condition {
    public Between {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(low, "low");
      Objects.requireNonNull(high, "high");
    }
  }

  /** {@code value [NOT] LIKE|ILIKE pattern}. */
  record Like(Expr value, boolean negated, boolean caseInsensitive, Expr pattern)
      implements Condition {
    public Like {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  /** {@code value [NOT] IN (v1, v2, ...)}. */
  record InList(Expr value, boolean negated, List<Expr> values) implements Condition {
    public InList {
      Objects.requireNonNull(value, "value");
      values = List.copyOf(values);
    }
  }

  /** {@code value [NOT] IN (query)}. */
  record InSubquery(Expr value, boolean negated, Query query) implements Condition {
    public InSubquery {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(query, "query");
    }
  }

  /** {@code value IS [NOT] NULL}. */
  record IsNull(Expr value, boolean negated) implements Condition {
    public IsNull {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code EXISTS (query)}. */
  record Exists(Query query) implements Condition {
    public Exists {
      Objects.requireNonNull(query, "query");
    }
  }
}
