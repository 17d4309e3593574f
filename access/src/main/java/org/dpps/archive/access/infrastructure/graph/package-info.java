/** Apache Jena TDB2 adapter: the provenance graph and its SPARQL endpoint. */
package org.dpps.archive.access.infrastructure.graph;
