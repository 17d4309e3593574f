package org.dpps.archive.access.application.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.dpps.archive.access.domain.tap.ResultFormat;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.dpps.archive.access.domain.tap.TapRequest;
import org.dpps.archive.access.infrastructure.adql.H2Translator;
import org.dpps.archive.access.infrastructure.tap.TapSchemaDescriptor;
import org.junit.jupiter.api.Test;

/** Checking, compiling and the query slots of synchronous TAP (nothing is run here). */
class TapQueriesTest {
  private static final TapRequest QUERY =
      new TapRequest(
          Map.of(
              "lang", "ADQL", "Query", "SELECT TOP 3 obs_id FROM ivoa.obscore", "FORMAT", "csv"));

  private static TapQueries queries(int slots, long waitSeconds) {
    // a request is checked and compiled before a slot is taken; no query runs in these tests
    return new TapQueries(
        new H2Translator(TapSchemaDescriptor.loadSpatialIndex()),
        null,
        null,
        TapSchemaDescriptor.load(),
        new TapServiceSettings(10_000, 1_000_000, 60, slots, waitSeconds));
  }

  @Test
  void aRequestIsCheckedAndCompiledWithItsFormatAndParameterNamesInAnyCase() {
    try (TapQueries.Prepared p = queries(1, 0).prepare(QUERY)) {
      assertThat(p.format()).isEqualTo(ResultFormat.CSV);
    }
    TapQueries.Compiled c = queries(1, 0).compile(QUERY);
    assertThat(c.query().sql()).containsIgnoringCase("ivoa.obscore");
    assertThat(c.query().columns()).extracting(col -> col.name()).containsExactly("obs_id");
    assertThat(c.query().fetchLimit()).isEqualTo(3);
  }

  @Test
  void badParametersAndBadAdqlAreRefusedBeforeAnySlotIsTaken() {
    TapQueries one = queries(1, 0);
    assertThatThrownBy(() -> one.prepare(new TapRequest(Map.of("QUERY", "SELECT 1"))))
        .isInstanceOfSatisfying(
            TapException.class, e -> assertThat(e.error()).isEqualTo(TapError.BAD_PARAMETER));
    assertThatThrownBy(
            () -> one.prepare(new TapRequest(Map.of("LANG", "ADQL", "QUERY", "SELECT FROM"))))
        .isInstanceOfSatisfying(
            TapException.class, e -> assertThat(e.error()).isEqualTo(TapError.SYNTAX));
    assertThatThrownBy(
            () ->
                one.prepare(
                    new TapRequest(Map.of("LANG", "ADQL", "QUERY", "SELECT 1", "MAXREC", "-1"))))
        .isInstanceOfSatisfying(
            TapException.class, e -> assertThat(e.error()).isEqualTo(TapError.BAD_PARAMETER));
    // the single slot is still free
    one.prepare(QUERY).close();
  }

  @Test
  void whenEverySlotStaysBusyPastTheWaitTheQueryIsRefusedAndAClosedSlotIsFreeAgain() {
    TapQueries one = queries(1, 1);
    TapQueries.Prepared first = one.prepare(QUERY);

    long started = System.nanoTime();
    assertThatThrownBy(() -> one.prepare(QUERY))
        .isInstanceOfSatisfying(
            TapException.class, e -> assertThat(e.error()).isEqualTo(TapError.OVERLOADED));
    assertThat((System.nanoTime() - started) / 1_000_000)
        .as("waited for a slot, ms")
        .isGreaterThan(900);

    first.close();
    first.close(); // closing twice frees one slot only
    TapQueries.Prepared again = one.prepare(QUERY);
    again.close();
  }
}
