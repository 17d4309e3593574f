/**
 * Access domain: search queries and results, lineage queries and graphs, and the ports the use
 * cases reach storage, search, graphs and files through (catalogue repository, product search,
 * provenance graphs, lineage, PREMIS events, GADF files). No JAX-RS, JPA or library types.
 */
package org.dpps.archive.access.domain;
