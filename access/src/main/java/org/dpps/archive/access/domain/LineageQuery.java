package org.dpps.archive.access.domain;

import java.util.Locale;
import java.util.Objects;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.schemas.model.ProductId;

/**
 * A request for the lineage of a product: which way to walk its provenance and how far.
 *
 * <p>{@code depth} counts product-to-product hops. The product's own provenance (its AIP versions,
 * the activities that generated it with their agents, its deposit, the files and entities it was
 * made from) is part of hop 0; a product reached from there is one hop away, whatever activity lies
 * in between. Depth N holds the products up to N hops away and the provenance of those fewer than N
 * hops away.
 *
 * @param product the product to start from
 * @param direction upstream (what it was made from), downstream (what was made from it), or both
 * @param depth 1 to {@value #MAX_DEPTH}
 */
public record LineageQuery(ProductId product, Direction direction, int depth) {
  public static final int DEFAULT_DEPTH = 1;
  public static final int MAX_DEPTH = 10;

  /** Which way to walk the provenance graph. */
  public enum Direction {
    UPSTREAM,
    DOWNSTREAM,
    BOTH;

    /**
     * The name used in requests and documents: {@code upstream}, {@code downstream}, {@code both}.
     */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean includesUpstream() {
      return this != DOWNSTREAM;
    }

    public boolean includesDownstream() {
      return this != UPSTREAM;
    }
  }

  public LineageQuery {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(direction, "direction");
    if (depth < 1 || depth > MAX_DEPTH) {
      throw invalid("depth must be between 1 and " + MAX_DEPTH + ", not " + depth);
    }
  }

  /**
   * A query from request parameters; absent ones take their defaults (upstream, depth 1).
   *
   * @throws ArchiveException {@code ACCESS-008} when a parameter is not valid
   */
  public static LineageQuery parse(ProductId product, String direction, String depth) {
    return new LineageQuery(product, direction(direction), depth(depth));
  }

  private static Direction direction(String text) {
    if (text == null || text.isEmpty()) {
      return Direction.UPSTREAM;
    }
    for (Direction d : Direction.values()) {
      if (d.value().equals(text)) {
        return d;
      }
    }
    throw invalid("direction must be upstream, downstream or both, not '" + clip(text) + "'");
  }

  private static int depth(String text) {
    if (text == null || text.isEmpty()) {
      return DEFAULT_DEPTH;
    }
    if (!text.matches("[0-9]{1,9}")) {
      throw invalid(
          "depth must be a whole number between 1 and " + MAX_DEPTH + ", not '" + clip(text) + "'");
    }
    return Integer.parseInt(text);
  }

  private static String clip(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  static ArchiveException invalid(String message) {
    return new ArchiveException(ErrorCode.BAD_PROVENANCE_REQUEST, message);
  }
}
