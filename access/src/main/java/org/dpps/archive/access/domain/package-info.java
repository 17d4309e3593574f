/** Access domain: search queries and results. No JAX-RS, JPA or library types. */
package org.dpps.archive.access.domain;
