/** Configuration every module shares: the data directory and the database connection. */
package org.dpps.archive.platform.config;
