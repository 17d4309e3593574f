/** Value objects shared by every module: product identity and file digests. */
package org.dpps.archive.schemas.model;
