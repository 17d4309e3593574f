/**
 * IVOA TAP 1.1 and VOSI over HTTP ({@code /tap/sync}, {@code /tap/capabilities}, {@code
 * /tap/availability}, {@code /tap/tables}). Errors are VOTable error documents, as TAP requires,
 * with the stable {@code TAP-0nn} code at the start of their message.
 */
package org.dpps.archive.access.interfaces.tap;
