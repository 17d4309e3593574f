/** REST interface of ingest: the deposits resource. Thin: parse, call one service, map. */
package org.dpps.archive.ingest.interfaces.rest;
