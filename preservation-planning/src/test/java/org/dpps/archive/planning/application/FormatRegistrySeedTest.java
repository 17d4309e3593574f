package org.dpps.archive.planning.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dpps.archive.planning.domain.FormatEntry;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;

/** Reading a seed file: strict about its JSON, then checked as an archivist's new entry is. */
class FormatRegistrySeedTest {
  static InputStream in(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  static String seed(String entry) {
    return "{\"formats\": [" + entry + "]}";
  }

  static final String GOOD =
      "\"id\": \"a\", \"name\": \"A\", \"mediaType\": \"application/fits\", \"status\":"
          + " \"preferred\"";

  @Test
  void theEntriesAreCheckedAndNormalisedLikeANewEntry() throws IOException {
    List<FormatEntry> entries =
        FormatRegistry.readSeed(
            in(
                """
                {"$comment": "the seed", "formats": [
                  {"$comment": "one", "id": " a ", "name": " A ", "mediaType": "application/fits",
                   "status": "AT_RISK", "reasons": [" old "], "version": null},
                  {"id": "b", "name": "B", "mediaType": "text/plain", "profile": "p",
                   "pronom": "fmt/1", "status": "preferred", "specification": "https://b"}]}
                """));
    assertThat(entries)
        .containsExactly(
            new FormatEntry(
                "a",
                "A",
                "application/fits",
                null,
                null,
                null,
                "at-risk",
                List.of("old"),
                null,
                0,
                null,
                null),
            new FormatEntry(
                "b",
                "B",
                "text/plain",
                "p",
                null,
                "fmt/1",
                "preferred",
                List.of(),
                "https://b",
                0,
                null,
                null));
    assertThat(FormatRegistry.readSeed(in("{}"))).isEmpty();
    assertThat(FormatRegistry.readSeed(in("{\"formats\": []}"))).isEmpty();
  }

  @Test
  void unknownFieldsAndValuesOfTheWrongJsonTypeAreRefused() {
    for (String bad :
        List.of(
            GOOD + ", \"colour\": \"red\"",
            GOOD + ", \"revision\": 1",
            GOOD + ", \"version\": 5",
            GOOD + ", \"version\": 1.5",
            GOOD + ", \"version\": true",
            GOOD + ", \"version\": {}",
            GOOD + ", \"version\": [\"1\"]",
            GOOD + ", \"reasons\": \"x\"",
            GOOD + ", \"reasons\": [5]",
            GOOD + ", \"reasons\": [[\"x\"]]")) {
      assertThatThrownBy(() -> FormatRegistry.readSeed(in(seed("{" + bad + "}"))))
          .as(bad)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void badValuesAreRefusedAsForAnArchivist() {
    assertThatThrownBy(() -> FormatRegistry.readSeed(in(seed("null"))))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("Expected a JSON object");
    assertThatThrownBy(() -> FormatRegistry.readSeed(in(seed("{\"id\": \"a\"}"))))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("'name' is required");
    assertThatThrownBy(
            () ->
                FormatRegistry.readSeed(in(seed("{" + GOOD.replace("preferred", "doomed") + "}"))))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("status must be one of preferred, acceptable, at-risk, obsolete")
        .extracting(t -> ((ArchiveException) t).code())
        .isEqualTo(ErrorCode.FORMAT_REQUEST_INVALID);
    assertThatThrownBy(
            () -> FormatRegistry.readSeed(in(seed("{" + GOOD + ", \"reasons\": [null]}"))))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("reasons must be non-empty strings of at most 2000 characters");
  }
}
