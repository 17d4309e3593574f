/**
 * Archival Storage's published API: the only part of the module (with its {@code domain} values
 * such as {@code AipVersion} and {@code AipCommit}) that other modules use.
 */
package org.dpps.archive.storage.api;
