/** Archival storage's own tables: replicas, write intents, the event log, audits. */
package org.dpps.archive.storage.infrastructure.jpa;
