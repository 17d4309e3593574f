/** Apache Tika adapter: format identification. */
package org.dpps.archive.ingest.infrastructure.tika;
