/** Archival Storage use cases: commit AIP versions (firing the committed event), read them. */
package org.dpps.archive.storage.application;
