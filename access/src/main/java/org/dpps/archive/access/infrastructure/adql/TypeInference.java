package org.dpps.archive.access.infrastructure.adql;

import java.util.Set;
import org.dpps.archive.access.domain.adql.Position;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;

/** The VOTable types of computed expressions and their H2 SQL types. */
final class TypeInference {
  private static final Set<String> INTEGERS = Set.of("short", "int", "long");
  private static final Set<String> NUMBERS = Set.of("short", "int", "long", "float", "double");
  private static final Set<String> STRINGS = Set.of("char", "unicodeChar");

  private TypeInference() {}

  static boolean isNumeric(Typed t) {
    return t.datatype() != null && NUMBERS.contains(t.datatype());
  }

  static boolean isInteger(Typed t) {
    return t.datatype() != null && INTEGERS.contains(t.datatype());
  }

  static boolean isString(Typed t) {
    return t.datatype() != null && STRINGS.contains(t.datatype());
  }

  static boolean isKnown(Typed t) {
    return t.datatype() != null;
  }

  /** Arithmetic: the widest of int, long and double that holds both operands. */
  static String widest(Typed left, Typed right) {
    if (isFloating(left) || isFloating(right)) {
      return "double";
    }
    if ("long".equals(left.datatype()) || "long".equals(right.datatype())) {
      return "long";
    }
    if (!isKnown(left) && !isKnown(right)) {
      return "double";
    }
    return "int";
  }

  private static boolean isFloating(Typed t) {
    return "double".equals(t.datatype()) || "float".equals(t.datatype());
  }

  /** The H2 type of a numeric VOTable datatype. */
  static String sqlType(String datatype) {
    return switch (datatype) {
      case "short" -> "SMALLINT";
      case "int" -> "INTEGER";
      case "long" -> "BIGINT";
      case "float" -> "REAL";
      case "double" -> "DOUBLE PRECISION";
      default -> throw new IllegalArgumentException("not numeric: " + datatype);
    };
  }

  /** The SQL of {@code t} converted to {@code datatype} when its type differs. */
  static String coerce(Typed t, String datatype) {
    if (datatype.equals(t.datatype()) || !isKnown(t)) {
      return t.sql();
    }
    return "CAST(" + t.sql() + " AS " + sqlType(datatype) + ")";
  }

  /** An INVALID_QUERY unless {@code t} is numeric or of unknown type. */
  static void requireNumeric(Typed t, String what, Position position) {
    if (isKnown(t) && !isNumeric(t)) {
      throw new TapException(
          TapError.INVALID_QUERY,
          what + " takes a number, not a value of type " + describe(t),
          position);
    }
  }

  /** An INVALID_QUERY unless {@code t} is an integer or of unknown type. */
  static void requireInteger(Typed t, String what, Position position) {
    if (isKnown(t) && !isInteger(t)) {
      throw new TapException(
          TapError.INVALID_QUERY,
          what + " takes an integer, not a value of type " + describe(t),
          position);
    }
  }

  /** An INVALID_QUERY unless {@code t} is a string or of unknown type. */
  static void requireString(Typed t, String what, Position position) {
    if (isKnown(t) && !isString(t)) {
      throw new TapException(
          TapError.INVALID_QUERY,
          what + " takes a string, not a value of type " + describe(t),
          position);
    }
  }

  /** An INVALID_QUERY when one side is a number and the other a string. */
  static void requireComparable(Typed left, Typed right, String what, Position position) {
    if ((isNumeric(left) && isString(right)) || (isString(left) && isNumeric(right))) {
      throw new TapException(
          TapError.INVALID_QUERY,
          what
              + " compares a value of type "
              + describe(left)
              + " with one of type "
              + describe(right),
          position);
    }
  }

  static String describe(Typed t) {
    if (!isKnown(t)) {
      return "unknown";
    }
    return t.arraysize().isEmpty() ? t.datatype() : t.datatype() + "[" + t.arraysize() + "]";
  }
}
