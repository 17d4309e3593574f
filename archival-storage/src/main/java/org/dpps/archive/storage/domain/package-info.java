/**
 * Archival Storage domain: AIP versions as stored, the storage and sealing ports, the committed
 * event. No JAX-RS, JPA or library types.
 */
package org.dpps.archive.storage.domain;
