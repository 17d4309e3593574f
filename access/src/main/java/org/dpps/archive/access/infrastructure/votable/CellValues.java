package org.dpps.archive.access.infrastructure.votable;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;

/**
 * Converts the Java values JDBC gives to the Java type of a column's declared VOTable datatype: a
 * {@code short} column gets a Short whatever the database widened it to, a timestamp an ISO-8601
 * string, an array a primitive array.
 */
final class CellValues {
  /** DALI timestamps: {@code yyyy-MM-ddTHH:mm:ss.SSS}, UTC, no zone letter. */
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);

  private CellValues() {}

  /** The Java class STIL encodes for a column: Short for short, String for char arrays, ... */
  static Class<?> javaClass(TapColumn column) {
    boolean array = !column.arraysize().isEmpty();
    return switch (column.datatype()) {
      case "boolean" -> array ? boolean[].class : Boolean.class;
      case "short" -> array ? short[].class : Short.class;
      case "int" -> array ? int[].class : Integer.class;
      case "long" -> array ? long[].class : Long.class;
      case "float" -> array ? float[].class : Float.class;
      case "double" -> array ? double[].class : Double.class;
      case "char", "unicodeChar" -> array ? String.class : Character.class;
      default -> throw new IllegalArgumentException("datatype " + column.datatype());
    };
  }

  /** The array shape of an arraysize: {@code *} and {@code n*} are -1 (variable). */
  static int[] shape(String arraysize) {
    if (arraysize.isEmpty()) {
      return new int[0];
    }
    String[] dims = arraysize.split("x", -1);
    int[] shape = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      String dim = dims[i].strip();
      shape[i] = dim.endsWith("*") ? -1 : Integer.parseInt(dim);
    }
    return shape;
  }

  /** {@code value} as the column's Java class, or null. */
  static Object convert(TapColumn column, Object value) {
    if (value == null) {
      return null;
    }
    try {
      if (!column.arraysize().isEmpty() && !isChar(column)) {
        return toArray(column.datatype(), value);
      }
      return switch (column.datatype()) {
        case "boolean" -> toBoolean(value);
        case "short" -> (short) integral(value, Short.MIN_VALUE, Short.MAX_VALUE);
        case "int" -> (int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        case "long" -> integral(value, Long.MIN_VALUE, Long.MAX_VALUE);
        case "float" -> ((Number) numeric(value)).floatValue();
        case "double" -> ((Number) numeric(value)).doubleValue();
        default -> column.arraysize().isEmpty() ? toChar(value) : text(value);
      };
    } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
      throw new TapException(
          TapError.EXECUTION_FAILED,
          "column "
              + column.name()
              + ": a "
              + value.getClass().getSimpleName()
              + " value is not a "
              + column.datatype());
    }
  }

  private static boolean isChar(TapColumn column) {
    return column.datatype().equals("char") || column.datatype().equals("unicodeChar");
  }

  /** A value as text: timestamps in ISO-8601, decimals without exponent. */
  static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Timestamp t) {
      return TIMESTAMP.format(t.toLocalDateTime());
    }
    if (value instanceof java.sql.Date d) {
      return TIMESTAMP.format(d.toLocalDate().atStartOfDay());
    }
    if (value instanceof LocalDateTime t) {
      return TIMESTAMP.format(t);
    }
    if (value instanceof OffsetDateTime t) {
      return TIMESTAMP.format(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }
    if (value instanceof ZonedDateTime t) {
      return TIMESTAMP.format(t.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }
    if (value instanceof Instant t) {
      return TIMESTAMP.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }
    if (value instanceof LocalDate d) {
      return TIMESTAMP.format(d.atStartOfDay());
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof java.sql.Clob clob) {
      try {
        return clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length()));
      } catch (SQLException e) {
        throw new IllegalArgumentException(e);
      }
    }
    return String.valueOf(value);
  }

  private static Character toChar(Object value) {
    if (value instanceof Character c) {
      return c;
    }
    String s = text(value);
    return s.isEmpty() ? null : s.charAt(0);
  }

  private static Boolean toBoolean(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    String s = value.toString().strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "t", "1", "yes" -> Boolean.TRUE;
      case "false", "f", "0", "no" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("not a boolean: " + s);
    };
  }

  private static Object numeric(Object value) {
    if (value instanceof Number) {
      return value;
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return new BigDecimal(value.toString().strip());
  }

  private static long integral(Object value, long min, long max) {
    Object n = numeric(value);
    long result;
    if (n instanceof BigDecimal d) {
      result = d.longValueExact();
    } else if (n instanceof BigInteger i) {
      result = i.longValueExact();
    } else if (n instanceof Double || n instanceof Float) {
      double d = ((Number) n).doubleValue();
      if (d != Math.rint(d) || Double.isInfinite(d)) {
        throw new ArithmeticException("not integral");
      }
      result = (long) d;
    } else {
      result = ((Number) n).longValue();
    }
    if (result < min || result > max) {
      throw new ArithmeticException("out of range");
    }
    return result;
  }

  private static Object toArray(String datatype, Object value) {
    Object source = value;
    if (value instanceof java.sql.Array sqlArray) {
      try {
        source = sqlArray.getArray();
      } catch (SQLException e) {
        throw new IllegalArgumentException(e);
      }
    } else if (value instanceof List<?> list) {
      source = list.toArray();
    }
    if (!source.getClass().isArray()) {
      throw new IllegalArgumentException("not an array");
    }
    int length = Array.getLength(source);
    Object target =
        switch (datatype) {
          case "boolean" -> new boolean[length];
          case "short" -> new short[length];
          case "int" -> new int[length];
          case "long" -> new long[length];
          case "float" -> new float[length];
          case "double" -> new double[length];
          default -> throw new IllegalArgumentException(datatype);
        };
    for (int i = 0; i < length; i++) {
      Object element = Array.get(source, i);
      switch (datatype) {
        case "boolean" -> Array.setBoolean(target, i, element != null && toBoolean(element));
        case "short" ->
            Array.setShort(
                target,
                i,
                element == null ? 0 : (short) integral(element, Short.MIN_VALUE, Short.MAX_VALUE));
        case "int" ->
            Array.setInt(
                target,
                i,
                element == null
                    ? 0
                    : (int) integral(element, Integer.MIN_VALUE, Integer.MAX_VALUE));
        case "long" ->
            Array.setLong(
                target, i, element == null ? 0 : integral(element, Long.MIN_VALUE, Long.MAX_VALUE));
        case "float" ->
            Array.setFloat(
                target, i, element == null ? Float.NaN : ((Number) numeric(element)).floatValue());
        default ->
            Array.setDouble(
                target,
                i,
                element == null ? Double.NaN : ((Number) numeric(element)).doubleValue());
      }
    }
    return target;
  }
}
