package org.dpps.archive.access.domain;

import java.util.List;

/** Port: the PREMIS events an AIP records about itself ({@code metadata/premis.ttl}). */
public interface PremisEvents {
  /** The events of a PREMIS Turtle document, by time then type. */
  List<PremisEvent> read(byte[] premisTurtle);

  /**
   * A PREMIS event.
   *
   * @param type the last segment of its {@code dct:type} IRI
   * @param time its {@code prov:atTime} as written
   * @param outcome the last segment of its {@code premis:outcome} IRI
   * @param note its {@code premis:outcomeNote}, null if it has none
   */
  record PremisEvent(String type, String time, String outcome, String note) {}
}
