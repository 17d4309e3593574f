/** Error model shared by every module: stable error codes, the exception root, problems as data. */
package org.dpps.archive.platform.error;
