package org.dpps.archive.access.infrastructure.adql.geometry;

/** A shape that cannot be built: coordinates out of range, a degenerate polygon, bad STC-S. */
public class GeometryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public GeometryException(String message) {
    super(message);
  }
}
