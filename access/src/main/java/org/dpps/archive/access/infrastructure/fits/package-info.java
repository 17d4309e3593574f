/**
 * nom-tam-fits adapter for GADF DL3 files: reads the HDU headers of stored files and writes the
 * index tables ({@code hdu-index.fits.gz}, {@code obs-index.fits.gz}) that make a directory a
 * gammapy data store.
 */
package org.dpps.archive.access.infrastructure.fits;
