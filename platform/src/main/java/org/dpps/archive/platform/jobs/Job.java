package org.dpps.archive.platform.jobs;

import java.time.Instant;

/**
 * A job as stored: what it works on ({@code kind} + {@code subject}, for instance {@code deposit} +
 * the deposit id), where it is, and how far it got.
 */
public record Job(
    String id,
    String kind,
    String subject,
    JobState state,
    int attempts,
    int maxAttempts,
    Instant runAfter,
    String leaseOwner,
    Instant leaseUntil,
    boolean cancelRequested,
    long progressDone,
    long progressTotal,
    String progressNote,
    String message,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {}
