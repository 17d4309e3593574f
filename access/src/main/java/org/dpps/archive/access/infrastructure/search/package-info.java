/** Hibernate Search (Lucene) configuration of the catalogue index. */
package org.dpps.archive.access.infrastructure.search;
