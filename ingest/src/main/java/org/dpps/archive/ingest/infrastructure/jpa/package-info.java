/** JPA adapter for deposits (table {@code deposit}). */
package org.dpps.archive.ingest.infrastructure.jpa;
