/** Preservation planning's model: formats, their status, how a file resolves to them. */
package org.dpps.archive.planning.domain;
