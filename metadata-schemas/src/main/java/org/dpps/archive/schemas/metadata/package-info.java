/**
 * Product metadata records and the readers that extract them from FITS headers and HDF5 root
 * attributes. Plain Java, no CDI.
 */
package org.dpps.archive.schemas.metadata;
