package org.dpps.archive.planning.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One recorded change of the format registry: who, when, why, and the entry's fields before (null
 * when it was added) and after, as the API shows them.
 */
public record FormatChange(
    String formatId,
    int revision,
    Instant changedAt,
    String changedBy,
    String reason,
    Map<String, Object> before,
    Map<String, Object> after) {}
