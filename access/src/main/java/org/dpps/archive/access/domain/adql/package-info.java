/**
 * The typed syntax tree of an ADQL 2.1 query: what the parser builds and what the checker and the
 * SQL translators read. Free of any parser library.
 */
package org.dpps.archive.access.domain.adql;
