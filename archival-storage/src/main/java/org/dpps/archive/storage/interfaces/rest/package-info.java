/** REST endpoints of archival storage: audits, the event log, replicas. */
package org.dpps.archive.storage.interfaces.rest;
