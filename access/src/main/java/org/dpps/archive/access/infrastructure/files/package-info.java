/** Files of the access module in the data directory: the results of asynchronous TAP queries. */
package org.dpps.archive.access.infrastructure.files;
