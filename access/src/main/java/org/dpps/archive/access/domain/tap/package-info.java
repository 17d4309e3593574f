/**
 * The TAP service's domain: the published schema (what ADQL may name, and the metadata of every
 * column), a compiled query, the error codes, and the ports that compile ADQL and run it. Free of
 * ANTLR, STIL, JDBC and JAX-RS.
 */
package org.dpps.archive.access.domain.tap;
