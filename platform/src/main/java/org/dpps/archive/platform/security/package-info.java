/** Who calls the archive (roles and groups from a bearer token) and what embargoes allow them. */
package org.dpps.archive.platform.security;
