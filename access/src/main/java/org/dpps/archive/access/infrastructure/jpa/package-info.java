/**
 * JPA + Hibernate Search adapter of the catalogue (tables {@code catalogue_entry}, {@code
 * catalogue_file}).
 */
package org.dpps.archive.access.infrastructure.jpa;
