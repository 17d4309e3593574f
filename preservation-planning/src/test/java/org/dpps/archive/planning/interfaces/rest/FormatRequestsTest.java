package org.dpps.archive.planning.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dpps.archive.planning.domain.FormatFields;
import org.dpps.archive.planning.domain.FormatPatch;
import org.dpps.archive.planning.domain.FormatPatch.Field;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * The JSON shape of the format registry's request bodies, checked before the registry sees them.
 */
class FormatRequestsTest {
  static InputStream in(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  static JsonNode body(String json) {
    return JsonBodies.object(in(json), ErrorCode.FORMAT_REQUEST_INVALID);
  }

  @Test
  void aCreateBodyBecomesTheFieldsAsGivenAndTheReason() {
    FormatRequests.Create c =
        FormatRequests.create(
            body(
                """
                {"$comment": {"any": "thing"}, "id": " vodf-1.0 ", "name": "VODF 1.0",
                 "mediaType": "application/fits", "profile": "vodf-1.0", "version": null,
                 "pronom": "fmt/1", "status": "AT_RISK", "reasons": [" a ", "b"],
                 "specification": "https://vodf.org", "reason": "VODF released"}
                """));
    assertThat(c.reason()).isEqualTo("VODF released");
    assertThat(c.format())
        .as("values are passed on as given: the registry checks and trims them")
        .isEqualTo(
            new FormatFields(
                " vodf-1.0 ",
                "VODF 1.0",
                "application/fits",
                "vodf-1.0",
                null,
                "fmt/1",
                "AT_RISK",
                List.of(" a ", "b"),
                "https://vodf.org"));
    assertThat(FormatRequests.create(body("{}")))
        .as("missing fields are null: the registry says which are required")
        .isEqualTo(
            new FormatRequests.Create(
                new FormatRequests.Fields(null, null, null, null, null, null, null, null, null),
                null));
    assertThat(FormatRequests.create(body("{}")).format())
        .isEqualTo(new FormatFields(null, null, null, null, null, null, null, null, null));
  }

  static String createReason(String json) {
    return FormatRequests.create(body("{\"reason\": " + json + "}")).reason();
  }

  static String updateReason(String json) {
    return FormatRequests.update(body("{\"reason\": " + json + "}")).reason();
  }

  @Test
  void theReasonIsReadAsItAlwaysWas() {
    // POST takes a number or a boolean as its text (a container as ""), PATCH only a string
    assertThat(createReason("\" why \"")).isEqualTo(" why ");
    assertThat(createReason("5")).isEqualTo("5");
    assertThat(createReason("true")).isEqualTo("true");
    assertThat(createReason("[]")).isEmpty();
    assertThat(createReason("{}")).isEmpty();
    assertThat(createReason("null")).isNull();
    assertThat(FormatRequests.create(body("{}")).reason()).isNull();
    assertThat(updateReason("\" why \"")).isEqualTo(" why ");
    for (String json : List.of("5", "true", "[]", "{}", "null")) {
      assertThat(updateReason(json)).as(json).isNull();
    }
    assertThat(FormatRequests.update(body("{}")).reason()).isNull();
  }

  @Test
  void aPatchTellsAnAbsentFieldFromOneSetToNull() {
    assertThat(FormatRequests.update(body("{\"reason\": \"r\"}")).patch())
        .isEqualTo(FormatPatch.NONE);
    FormatPatch p =
        FormatRequests.update(
                body(
                    """
                    {"profile": null, "reasons": null, "status": " at-risk ", "$comment": 1,
                     "name": "N", "mediaType": "application/x-n", "version": "1",
                     "pronom": null, "specification": "http://s"}
                    """))
            .patch();
    assertThat(p.id()).isEqualTo(Field.absent());
    assertThat(p.profile()).isEqualTo(Field.of(null));
    assertThat(p.reasons()).isEqualTo(Field.of(null));
    assertThat(p.pronom()).isEqualTo(Field.of(null));
    assertThat(p.status()).isEqualTo(Field.of(" at-risk "));
    assertThat(p)
        .isEqualTo(
            FormatPatch.NONE
                .withProfile(null)
                .withReasons(null)
                .withStatus(" at-risk ")
                .withName("N")
                .withMediaType("application/x-n")
                .withVersion("1")
                .withPronom(null)
                .withSpecification("http://s"));
    assertThat(FormatRequests.update(body("{\"reasons\": [\"x\", \"y\"]}")).patch().reasons())
        .isEqualTo(Field.of(List.of("x", "y")));
  }

  @Test
  void theIdOfAPatchIsPassedOnAsTextForTheRegistryToCompare() {
    assertThat(FormatRequests.update(body("{\"id\": \"fits\"}")).patch().id())
        .isEqualTo(Field.of("fits"));
    assertThat(FormatRequests.update(body("{\"id\": 5}")).patch().id()).isEqualTo(Field.of("5"));
    assertThat(FormatRequests.update(body("{\"id\": null}")).patch().id())
        .isEqualTo(Field.of("null"));
    assertThat(FormatRequests.update(body("{\"id\": [\"fits\"]}")).patch().id())
        .isEqualTo(Field.of(""));
  }

  @Test
  void unknownFieldsAndValuesOfTheWrongJsonTypeAreRefusedWithStableMessages() {
    Map<String, String> bad =
        Map.ofEntries(
            Map.entry("{\"colour\": \"red\", \"reason\": \"r\"}", "Unknown field 'colour'"),
            Map.entry("{\"revision\": 3}", "Unknown field 'revision'"),
            Map.entry("{\"updatedBy\": \"x\"}", "Unknown field 'updatedBy'"),
            Map.entry("{\"name\": 5}", "'name' must be a non-empty string"),
            Map.entry("{\"name\": true}", "'name' must be a non-empty string"),
            Map.entry("{\"name\": {}}", "'name' must be a non-empty string"),
            Map.entry("{\"name\": []}", "'name' must be a non-empty string"),
            Map.entry("{\"mediaType\": 1.5}", "'mediaType' must be a non-empty string"),
            Map.entry("{\"profile\": 5}", "'profile' must be a non-empty string"),
            Map.entry("{\"version\": 5}", "'version' must be a non-empty string"),
            Map.entry("{\"pronom\": 5}", "'pronom' must be a non-empty string"),
            Map.entry("{\"status\": 5}", "'status' must be a non-empty string"),
            Map.entry("{\"specification\": 5}", "'specification' must be a non-empty string"),
            Map.entry("{\"reasons\": \"x\"}", "reasons must be an array of at most 20 strings"),
            Map.entry("{\"reasons\": {}}", "reasons must be an array of at most 20 strings"),
            Map.entry(
                "{\"reasons\": [1]}",
                "reasons must be non-empty strings of at most 2000 characters"),
            Map.entry(
                "{\"reasons\": [null]}",
                "reasons must be non-empty strings of at most 2000 characters"),
            Map.entry(
                "{\"reasons\": [[\"a\"]]}",
                "reasons must be non-empty strings of at most 2000 characters"));
    bad.forEach(
        (json, message) -> {
          for (Consumer<JsonNode> parse :
              List.<Consumer<JsonNode>>of(FormatRequests::create, FormatRequests::update)) {
            assertThatThrownBy(() -> parse.accept(body(json)))
                .as(json)
                .isInstanceOf(ArchiveException.class)
                .hasMessage(message)
                .extracting(t -> ((ArchiveException) t).code())
                .isEqualTo(ErrorCode.FORMAT_REQUEST_INVALID);
          }
        });
    assertThatThrownBy(() -> FormatRequests.create(body("{\"id\": 5}")))
        .hasMessage("'id' must be a non-empty string");
  }

  @Test
  void theResourceChecksTheBodyBeforeTheRegistryAndIfMatchBeforeTheFields() {
    // no registry: every one of these is refused before it would be asked
    FormatResource resource = new FormatResource(null);
    assertThatThrownBy(() -> resource.update("fits", null, in("{\"colour\": \"red\"}"), null))
        .hasMessage("Unknown field 'colour'");
    assertThatThrownBy(() -> resource.update("fits", "abc", in("{\"colour\": \"red\"}"), null))
        .hasMessage("If-Match must be the entry's ETag, e.g. \"3\"");
    assertThatThrownBy(() -> resource.update("fits", "abc", in("[1, 2]"), null))
        .hasMessage("Expected a JSON object");
    assertThatThrownBy(() -> resource.create(in("{\"name\": 5, \"reason\": \"r\"}"), null))
        .hasMessage("'name' must be a non-empty string");
    assertThatThrownBy(() -> resource.create(in("{\"a\": 1, \"a\": 2}"), null))
        .hasMessage("Expected a JSON object: Duplicate field 'a'")
        .extracting(t -> ((ArchiveException) t).code())
        .isEqualTo(ErrorCode.FORMAT_REQUEST_INVALID);
  }
}
