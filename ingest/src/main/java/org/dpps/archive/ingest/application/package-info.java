/** Ingest use cases: receive, validate, characterise, assemble and store deposits. */
package org.dpps.archive.ingest.application;
