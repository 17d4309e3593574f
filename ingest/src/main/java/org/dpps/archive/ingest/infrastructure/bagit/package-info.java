/** BagIt Java adapter: reading and verifying submitted bags. */
package org.dpps.archive.ingest.infrastructure.bagit;
