package org.dpps.archive.storage.interfaces.rest;

/** What {@code POST /api/v1/events/checkpoint} answers with: the seq of the event signed. */
public record CheckpointResponse(long seq) {}
