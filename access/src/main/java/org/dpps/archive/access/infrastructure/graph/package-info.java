/**
 * Apache Jena adapter: the TDB2 provenance graph and its SPARQL endpoint, the lineage walk over it,
 * and the PREMIS events of an AIP.
 */
package org.dpps.archive.access.infrastructure.graph;
