/** REST resources of preservation planning: formats, risk report, migration plans. */
package org.dpps.archive.planning.interfaces.rest;
