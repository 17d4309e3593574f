/** Readers for the provenance a pipeline deposits: ctapipe provenance logs and CWLProv bags. */
package org.dpps.archive.schemas.provenance;
