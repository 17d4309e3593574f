package org.dpps.archive.access.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.dpps.archive.access.domain.LineageQuery.Direction;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.schemas.model.ProductId;
import org.junit.jupiter.api.Test;

class LineageQueryTest {
  static final ProductId ID = new ProductId("dl3-c");

  @Test
  void absentParametersMeanUpstreamOneHop() {
    assertThat(LineageQuery.parse(ID, null, null))
        .isEqualTo(new LineageQuery(ID, Direction.UPSTREAM, 1));
    assertThat(LineageQuery.parse(ID, "", ""))
        .isEqualTo(new LineageQuery(ID, Direction.UPSTREAM, 1));
  }

  @Test
  void directionsAndDepthsAreParsed() {
    assertThat(LineageQuery.parse(ID, "downstream", "10"))
        .isEqualTo(new LineageQuery(ID, Direction.DOWNSTREAM, 10));
    assertThat(LineageQuery.parse(ID, "both", "3").direction()).isEqualTo(Direction.BOTH);
    assertThat(LineageQuery.parse(ID, "upstream", "01").depth()).isEqualTo(1);
    assertThat(Direction.BOTH.value()).isEqualTo("both");
  }

  @Test
  void badDirectionsAndDepthsAreProvenanceRequestProblems() {
    assertBad("sideways", "1", "direction must be upstream, downstream or both, not 'sideways'");
    assertBad("UPSTREAM", "1", "direction");
    assertBad("upstream", "0", "depth must be between 1 and 10, not 0");
    assertBad("upstream", "11", "depth must be between 1 and 10, not 11");
    assertBad("upstream", "-1", "depth must be a whole number");
    assertBad("upstream", "1.5", "depth must be a whole number");
    assertBad("upstream", "two", "depth must be a whole number");
    assertBad("upstream", "99999999999", "depth must be a whole number");
  }

  private static void assertBad(String direction, String depth, String message) {
    ArchiveException e =
        catchThrowableOfType(
            ArchiveException.class, () -> LineageQuery.parse(ID, direction, depth));
    assertThat(e).as("direction=%s depth=%s", direction, depth).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_PROVENANCE_REQUEST);
    assertThat(e.getMessage()).contains(message);
  }
}
