/**
 * Access domain: search queries and results, lineage queries and graphs. No JAX-RS, JPA or library
 * types.
 */
package org.dpps.archive.access.domain;
