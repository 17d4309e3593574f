package org.dpps.archive.access.domain.adql;

/** Where a node starts in the query text: line and column, both from 1. */
public record Position(int line, int column) {}
