package org.dpps.archive.access.infrastructure.adql.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The STC-S strings of {@code s_region}: {@code CIRCLE ICRS ra dec radius}, {@code POLYGON ICRS ra1
 * dec1 ...}, {@code POSITION ICRS ra dec}, {@code BOX ICRS ra dec width height}. The frame may be
 * omitted (then ICRS); any other frame is refused.
 */
public final class StcS {
  private static final Set<String> REFERENCE_POSITIONS =
      Set.of("GEOCENTER", "BARYCENTER", "HELIOCENTER", "TOPOCENTER", "UNKNOWNREFPOS");

  private StcS() {}

  /** The shape of an STC-S string. */
  public static Shape parse(String text) {
    String[] tokens = text.strip().split("\\s+");
    if (tokens.length == 0 || tokens[0].isEmpty()) {
      throw new GeometryException("an empty STC-S region");
    }
    String kind = tokens[0].toUpperCase(Locale.ROOT);
    int i = 1;
    if (i < tokens.length && Character.isLetter(tokens[i].charAt(0))) {
      String frame = tokens[i++].toUpperCase(Locale.ROOT);
      if (!frame.equals("ICRS")) {
        throw new GeometryException("the STC-S frame " + tokens[i - 1] + " is not supported");
      }
      if (i < tokens.length && REFERENCE_POSITIONS.contains(tokens[i].toUpperCase(Locale.ROOT))) {
        i++;
      }
    }
    List<Double> numbers = new ArrayList<>();
    for (; i < tokens.length; i++) {
      try {
        numbers.add(Double.parseDouble(tokens[i]));
      } catch (NumberFormatException e) {
        throw new GeometryException("not a number in an STC-S region: " + tokens[i]);
      }
    }
    double[] a = numbers.stream().mapToDouble(Double::doubleValue).toArray();
    switch (kind) {
      case "POSITION":
        require(a.length == 2, text);
        return new Shape.Point(a[0], a[1]);
      case "CIRCLE":
        require(a.length == 3, text);
        return new Shape.Circle(new Shape.Point(a[0], a[1]), a[2]);
      case "BOX":
        require(a.length == 4, text);
        return Shape.box(new Shape.Point(a[0], a[1]), a[2], a[3]);
      case "POLYGON":
        require(a.length >= 6 && a.length % 2 == 0, text);
        return Shape.fromDali(a);
      default:
        throw new GeometryException("the STC-S shape " + tokens[0] + " is not supported");
    }
  }

  private static void require(boolean ok, String text) {
    if (!ok) {
      throw new GeometryException("wrong number of coordinates in the STC-S region " + text);
    }
  }
}
