/** ocfl-java adapter: the OCFL storage root behind {@code AipStore}. */
package org.dpps.archive.storage.infrastructure.ocfl;
