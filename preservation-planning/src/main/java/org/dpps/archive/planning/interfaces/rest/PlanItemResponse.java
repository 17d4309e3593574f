package org.dpps.archive.planning.interfaces.rest;

import java.time.Instant;
import java.util.Map;
import org.dpps.archive.planning.domain.MigrationPlan;

/** One product of a plan as {@code GET /preservation/plans/{id}/items} answers. */
public record PlanItemResponse(
    String productId,
    int seq,
    String state,
    Integer fromVersion,
    Integer toVersion,
    int files,
    long bytesBefore,
    long bytesAfter,
    long millis,
    int attempts,
    Map<String, Object> detail,
    Instant updatedAt) {

  public static PlanItemResponse of(MigrationPlan.ItemView i) {
    return new PlanItemResponse(
        i.productId(),
        i.seq(),
        i.state(),
        i.fromVersion(),
        i.toVersion(),
        i.files(),
        i.bytesBefore(),
        i.bytesAfter(),
        i.millis(),
        i.attempts(),
        i.detail(),
        i.updatedAt());
  }
}
