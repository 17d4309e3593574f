package org.dpps.archive.access.infrastructure.adql;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Optional;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.dpps.archive.access.domain.adql.AdqlSyntaxException;
import org.dpps.archive.access.domain.adql.Query;
import org.dpps.archive.access.infrastructure.adql.grammar.AdqlLexer;

/**
 * Parses ADQL 2.1 into the domain's syntax tree; anything that is not ADQL is an {@link
 * AdqlSyntaxException} at its first fault, with line and column.
 */
public final class AdqlParser {
  /** The longest query accepted, in characters. */
  public static final int MAX_LENGTH = 100_000;

  /** The deepest nesting of parentheses and CASE expressions accepted. */
  public static final int MAX_NESTING = 50;

  /** The deepest syntax tree accepted (long operator chains nest to the left). */
  public static final int MAX_TREE_DEPTH = 1_000;

  private AdqlParser() {}

  /** The syntax tree of {@code adql}, or an {@link AdqlSyntaxException}. */
  public static Query parse(String adql) {
    if (adql == null || adql.isBlank()) {
      throw new AdqlSyntaxException(1, 1, "the query is empty");
    }
    if (adql.length() > MAX_LENGTH) {
      int[] at = lineAndColumn(adql, MAX_LENGTH);
      throw new AdqlSyntaxException(
          at[0], at[1], "the query is longer than " + MAX_LENGTH + " characters");
    }
    AdqlLexer lexer = new AdqlLexer(CharStreams.fromString(adql));
    lexer.removeErrorListeners(); // every character lexes: the last rule takes any one
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    scan(tokens);
    Query query;
    try {
      query = parse(tokens, PredictionMode.SLL);
    } catch (ParseCancellationException sllFailed) {
      // SLL is fast but may fail on valid input; full LL decides, and finds the real error
      tokens.seek(0);
      try {
        query = parse(tokens, PredictionMode.LL);
      } catch (ParseCancellationException e) {
        throw syntaxError(e, tokens);
      }
    } catch (StackOverflowError e) {
      // not expected below MAX_NESTING; a last guard so that no input can end the thread
      throw new AdqlSyntaxException(1, 1, "the query is nested too deeply");
    }
    checkDepth(query);
    return query;
  }

  private static Query parse(CommonTokenStream tokens, PredictionMode mode) {
    var parser = new org.dpps.archive.access.infrastructure.adql.grammar.AdqlParser(tokens);
    parser.removeErrorListeners();
    parser.setErrorHandler(new BailErrorStrategy());
    parser.getInterpreter().setPredictionMode(mode);
    return new AstBuilder().visitQuery(parser.query());
  }

  /** Refuses the tokens that are not ADQL, unbalanced ')' and nesting beyond the limit. */
  private static void scan(CommonTokenStream tokens) {
    int depth = 0;
    for (Token token : tokens.getTokens()) {
      switch (token.getType()) {
        case AdqlLexer.UNTERMINATED_STRING ->
            throw AstBuilder.error(token, "the string starting here has no closing quote (')");
        case AdqlLexer.UNTERMINATED_IDENTIFIER ->
            throw AstBuilder.error(
                token, "the delimited identifier starting here is empty or has no closing quote");
        case AdqlLexer.BLOCK_COMMENT_START ->
            throw AstBuilder.error(
                token, "/* comments are not ADQL; use -- up to the end of the line");
        case AdqlLexer.DOUBLE_COLON ->
            throw AstBuilder.error(token, ":: casts are not ADQL; use CAST(value AS type)");
        case AdqlLexer.SEMICOLON ->
            throw AstBuilder.error(
                token, "';' is not ADQL: send a single query, without a semicolon");
        case AdqlLexer.ERROR_CHARACTER ->
            throw AstBuilder.error(token, "unexpected character '" + token.getText() + "'");
        case AdqlLexer.LPAREN, AdqlLexer.CASE -> {
          if (++depth > MAX_NESTING) {
            throw AstBuilder.error(
                token,
                "the query is nested deeper than "
                    + MAX_NESTING
                    + " levels of parentheses and CASE");
          }
        }
        case AdqlLexer.RPAREN -> {
          if (--depth < 0) {
            throw AstBuilder.error(token, "')' without a matching '('");
          }
        }
        case AdqlLexer.END -> depth--;
        default -> {}
      }
    }
  }

  private static AdqlSyntaxException syntaxError(
      ParseCancellationException e, CommonTokenStream tokens) {
    Token offending = null;
    IntervalSet expected = null;
    if (e.getCause() instanceof RecognitionException r) {
      offending = r.getOffendingToken();
      if (r instanceof InputMismatchException) {
        expected = r.getExpectedTokens();
      }
    }
    if (offending == null) {
      offending = tokens.LT(1);
    }
    // LIMIT is no keyword of ADQL: "FROM t LIMIT 5" reads LIMIT as the alias of t
    Token previous =
        offending.getTokenIndex() > 0 ? tokens.get(offending.getTokenIndex() - 1) : null;
    for (Token candidate : new Token[] {offending, previous}) {
      if (candidate != null
          && candidate.getType() == AdqlLexer.REGULAR_IDENTIFIER
          && candidate.getText().equalsIgnoreCase("LIMIT")) {
        throw AstBuilder.error(candidate, "LIMIT is not ADQL; use SELECT TOP n");
      }
    }
    if (offending.getType() == Token.EOF) {
      Optional<Token> open = unclosedParenthesis(tokens);
      if (open.isPresent()) {
        Token paren = open.get();
        return AstBuilder.error(
            offending,
            "unexpected end of the query: the '(' at line "
                + paren.getLine()
                + ", column "
                + (paren.getCharPositionInLine() + 1)
                + " is not closed");
      }
      return AstBuilder.error(offending, "unexpected end of the query" + expecting(expected));
    }
    return AstBuilder.error(
        offending, "unexpected '" + offending.getText() + "'" + expecting(expected));
  }

  private static String expecting(IntervalSet expected) {
    if (expected == null || expected.isNil() || expected.size() > 6) {
      return "";
    }
    return "; expected "
        + expected.toList().stream()
            .map(AdqlParser::describe)
            .distinct()
            .collect(Collectors.joining(" or "));
  }

  private static String describe(int tokenType) {
    return switch (tokenType) {
      case Token.EOF -> "the end of the query";
      case AdqlLexer.UNSIGNED_INTEGER -> "an unsigned integer";
      case AdqlLexer.REGULAR_IDENTIFIER, AdqlLexer.DELIMITED_IDENTIFIER -> "an identifier";
      case AdqlLexer.STRING -> "a string";
      default -> AdqlLexer.VOCABULARY.getDisplayName(tokenType);
    };
  }

  private static Optional<Token> unclosedParenthesis(CommonTokenStream tokens) {
    Deque<Token> open = new ArrayDeque<>();
    for (Token token : tokens.getTokens()) {
      if (token.getType() == AdqlLexer.LPAREN) {
        open.push(token);
      } else if (token.getType() == AdqlLexer.RPAREN && !open.isEmpty()) {
        open.pop();
      }
    }
    return Optional.ofNullable(open.peekLast());
  }

  /** Measures the syntax tree without recursion, so that later passes may recurse over it. */
  private static void checkDepth(Query query) {
    Deque<Object> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(query);
    depths.push(1);
    while (!nodes.isEmpty()) {
      Object node = nodes.pop();
      int depth = depths.pop();
      if (depth > MAX_TREE_DEPTH) {
        throw new AdqlSyntaxException(
            1, 1, "the query is nested too deeply (more than " + MAX_TREE_DEPTH + " levels)");
      }
      for (Object child : children(node)) {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }

  private static Collection<Object> children(Object node) {
    var children = new java.util.ArrayList<Object>();
    if (node instanceof Collection<?> list) {
      children.addAll(list);
    } else if (node instanceof Optional<?> optional) {
      optional.ifPresent(children::add);
    } else if (node instanceof Record record
        && record.getClass().getPackageName().equals(Query.class.getPackageName())) {
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        try {
          Object value = component.getAccessor().invoke(record);
          if (value != null) {
            children.add(value);
          }
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return children;
  }

  private static int[] lineAndColumn(String text, int index) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }
}
