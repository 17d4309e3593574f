package org.dpps.archive.access.infrastructure.votable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.dpps.archive.access.domain.tap.ResultFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RESPONSEFORMAT values (the enum is in the domain; its tests live beside the writer). */
class ResultFormatTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "votable|VOTABLE_BINARY2",
        "application/x-votable+xml|VOTABLE_BINARY2",
        "APPLICATION/X-VOTABLE+XML|VOTABLE_BINARY2",
        "votable/b2|VOTABLE_BINARY2",
        "application/x-votable+xml;serialization=binary2|VOTABLE_BINARY2",
        "application/x-votable+xml ; serialization = BINARY2|VOTABLE_BINARY2",
        "application/x-votable+xml;serialization=\"binary2\"|VOTABLE_BINARY2",
        "text/xml|VOTABLE_TABLEDATA",
        "votable/td|VOTABLE_TABLEDATA",
        "application/x-votable+xml;serialization=tabledata|VOTABLE_TABLEDATA",
        "application/x-votable+xml;serialization=TABLEDATA|VOTABLE_TABLEDATA",
        "text/xml;serialization=binary2|VOTABLE_BINARY2",
        "  votable  |VOTABLE_BINARY2",
        "csv|CSV",
        "text/csv|CSV",
        "text/csv;header=present|CSV",
        "text/csv; charset=utf-8|CSV",
        "tsv|TSV",
        "text/tab-separated-values|TSV",
        "json|JSON",
        "application/json|JSON",
        "Application/JSON|JSON"
      })
  void acceptsTheTapValues(String value, ResultFormat expected) {
    assertThat(ResultFormat.parse(value)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fits",
        "application/fits",
        "application/x-votable+xml;serialization=binary",
        "application/x-votable+xml;serialization=fits",
        "text/html",
        "votable/b",
        "csv;serialization=tabledata",
        "application/x-votable+xml;junk",
        "  "
      })
  void refusesOthers(String value) {
    assertThat(ResultFormat.parse(value)).isEmpty();
  }

  @Test
  void nullIsNoFormat() {
    assertThat(ResultFormat.parse(null)).isEqualTo(Optional.empty());
    assertThat(ResultFormat.DEFAULT).isEqualTo(ResultFormat.VOTABLE_BINARY2);
  }

  @Test
  void eachFormatHasItsTypesExtensionAndIdentifier() {
    assertThat(ResultFormat.VOTABLE_BINARY2.ivoId())
        .contains("ivo://ivoa.net/std/TAPRegExt#output-votable-binary2");
    assertThat(ResultFormat.VOTABLE_TABLEDATA.ivoId())
        .contains("ivo://ivoa.net/std/TAPRegExt#output-votable-td");
    assertThat(ResultFormat.CSV.ivoId()).isEmpty();
    assertThat(ResultFormat.TSV.ivoId()).isEmpty();
    assertThat(ResultFormat.JSON.ivoId()).isEmpty();
    assertThat(ResultFormat.VOTABLE_TABLEDATA.contentType()).isEqualTo("application/x-votable+xml");
    assertThat(ResultFormat.CSV.contentType()).startsWith("text/csv");
    assertThat(ResultFormat.TSV.contentType()).isEqualTo("text/tab-separated-values");
    assertThat(ResultFormat.JSON.contentType()).isEqualTo("application/json");
    assertThat(ResultFormat.VOTABLE_BINARY2.extension()).isEqualTo("vot");
    assertThat(ResultFormat.CSV.extension()).isEqualTo("csv");
    for (ResultFormat format : ResultFormat.values()) {
      assertThat(ResultFormat.parse(format.declaredMime())).contains(format);
      assertThat(ResultFormat.parse(format.contentType())).isPresent();
      for (String alias : format.aliases()) {
        assertThat(ResultFormat.parse(alias)).contains(format);
      }
    }
  }
}
