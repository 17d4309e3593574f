/** Preservation planning services: registry, holdings, risk report, migration plans. */
package org.dpps.archive.planning.application;
