package org.dpps.archive.access.infrastructure.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RdfFormatsTest {
  static final List<String> OFFERED =
      List.of(RdfFormats.TURTLE, RdfFormats.JSON_LD, RdfFormats.N_TRIPLES, "application/json");

  @Test
  void theFirstAcceptedRangeThatIsOfferedWins() {
    assertThat(RdfFormats.choose(List.of("application/n-triples"), OFFERED))
        .isEqualTo(RdfFormats.N_TRIPLES);
    assertThat(RdfFormats.choose(List.of("text/html", "application/ld+json", "*/*"), OFFERED))
        .isEqualTo(RdfFormats.JSON_LD);
    assertThat(RdfFormats.choose(List.of("Application/JSON; charset=utf-8"), OFFERED))
        .isEqualTo("application/json");
    assertThat(RdfFormats.choose(List.of("application/*"), OFFERED)).isEqualTo(RdfFormats.JSON_LD);
  }

  @Test
  void theDefaultIsTheFirstOfferedForAnythingElse() {
    assertThat(RdfFormats.choose(List.of(), OFFERED)).isEqualTo(RdfFormats.TURTLE);
    assertThat(RdfFormats.choose(List.of("*/*"), OFFERED)).isEqualTo(RdfFormats.TURTLE);
    assertThat(RdfFormats.choose(List.of("image/png"), OFFERED)).isEqualTo(RdfFormats.TURTLE);
  }
}
