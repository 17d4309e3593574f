package org.dpps.archive.access.domain.adql;

/** What a query computes: a SELECT, a set operation, or a parenthesized query. */
public sealed interface QueryBody permits Select, SetOperation, Query {}
