/**
 * The published TAP schema: read from the descriptor {@code tap-schema.json} (the one source of
 * TAP_SCHEMA, {@code /tables}, the ADQL checker and the results' FIELDs) and written into the
 * TAP_SCHEMA tables.
 */
package org.dpps.archive.access.infrastructure.tap;
