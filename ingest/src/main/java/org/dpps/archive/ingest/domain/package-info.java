/**
 * Ingest domain: deposits and their state machine, SIP contents, product candidates. No JAX-RS, JPA
 * or library types.
 */
package org.dpps.archive.ingest.domain;
