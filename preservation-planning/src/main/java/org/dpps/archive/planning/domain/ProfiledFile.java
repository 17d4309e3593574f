package org.dpps.archive.planning.domain;

/**
 * A file of a product's head version as preservation planning sees it: its media type and the
 * profile tags identified from its own headers.
 *
 * @param productId the product
 * @param path the file's path in the AIP, e.g. {@code data/events.fits}
 * @param version the head version the file was profiled in
 * @param size the file's size in bytes
 * @param mediaType the media type the registry sees
 * @param profile profile tags separated by single spaces, sorted ("" when none)
 * @param dataLevel the product's (first) data level, or null
 */
public record ProfiledFile(
    String productId,
    String path,
    int version,
    long size,
    String mediaType,
    String profile,
    String dataLevel) {}
