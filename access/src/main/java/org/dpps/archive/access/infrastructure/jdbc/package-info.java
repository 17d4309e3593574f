/** Runs compiled ADQL on the catalogue database over plain JDBC, streaming the rows. */
package org.dpps.archive.access.infrastructure.jdbc;
