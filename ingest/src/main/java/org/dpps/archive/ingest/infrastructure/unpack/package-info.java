/** Safe extraction of serialized bags (commons-compress) into the staging area. */
package org.dpps.archive.ingest.infrastructure.unpack;
