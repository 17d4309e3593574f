/**
 * TAP results and documents: VOTable 1.4 (BINARY2, TABLEDATA) written through STIL, CSV, TSV and
 * JSON written here, the DALI error document, and the VOSI capabilities, tables and availability
 * documents written with StAX. Every column's metadata comes from the published {@code TapColumn},
 * never from JDBC.
 */
package org.dpps.archive.access.infrastructure.votable;
