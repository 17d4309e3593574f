package org.dpps.archive.schemas.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;

class SipManifestValidatorTest {

  static final String VALID =
      """
      {
        "pipeline": {"name": "dpps-dl3-production", "version": "2.1.0",
                     "workflowId": "cwl:dl3-reduction/2.1.0"},
        "contact": {"name": "Ada Operator", "email": "ada@example.org", "organization": "CTAO"},
        "dataRelease": "DR1",
        "embargoUntil": "2027-01-01T00:00:00Z",
        "description": "DL3 of the Crab Nebula observations of 2024-01-02",
        "keywords": ["Crab", "DL3"],
        "products": [
          {"id": "obs-006789.dl3", "files": ["data/obs_006789.fits.gz", "data/irf/irf_6789.fits"],
           "description": "events and IRFs"},
          {"id": "urn:cta:0c0f6f3e", "files": ["data/x..y/index.fits"]}
        ]
      }
      """;

  private final SipManifestValidator validator = new SipManifestValidator();

  @Test
  void validManifestHasNoViolations() {
    assertThat(validator.validate(bytes(VALID))).isEmpty();
    assertThat(validator.validate(bytes("{\"pipeline\": {\"name\": \"p\"}}"))).isEmpty();
  }

  @Test
  void validManifestParses() {
    SipManifest m = SipManifest.parse(bytes(VALID));

    assertThat(m.pipelineName()).isEqualTo("dpps-dl3-production");
    assertThat(m.pipelineVersion()).contains("2.1.0");
    assertThat(m.workflowId()).contains("cwl:dl3-reduction/2.1.0");
    assertThat(m.description()).contains("DL3 of the Crab Nebula observations of 2024-01-02");
    assertThat(m.keywords()).containsExactly("Crab", "DL3");
    assertThat(m.embargoUntil()).contains(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(m.dataRelease()).contains("DR1");
    assertThat(m.contact())
        .contains(
            new SipManifest.Contact(
                Optional.of("Ada Operator"), Optional.of("ada@example.org"), Optional.of("CTAO")));
    assertThat(m.products())
        .containsExactly(
            new SipManifest.Product(
                "obs-006789.dl3",
                List.of("data/obs_006789.fits.gz", "data/irf/irf_6789.fits"),
                Optional.of("events and IRFs")),
            new SipManifest.Product(
                "urn:cta:0c0f6f3e", List.of("data/x..y/index.fits"), Optional.empty()));
  }

  @Test
  void minimalManifestParsesWithEmptyOptionals() {
    SipManifest m = SipManifest.parse(bytes("{\"pipeline\": {\"name\": \"p\"}}"));

    assertThat(m)
        .isEqualTo(
            new SipManifest(
                "p",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of()));
  }

  @Test
  void missingPipelineIsReportedAtTheRoot() {
    List<String> v = validator.validate(bytes("{\"description\": \"no pipeline\"}"));

    assertThat(v).hasSize(1);
    assertThat(v.get(0)).startsWith("(root): ").contains("pipeline");
  }

  @Test
  void missingPipelineNameIsReportedAtPipeline() {
    List<String> v = validator.validate(bytes("{\"pipeline\": {\"version\": \"1\"}}"));

    assertThat(v).hasSize(1);
    assertThat(v.get(0)).startsWith("/pipeline: ").contains("name");
  }

  @Test
  void pathsEscapingTheBagAreViolations() {
    String json =
        """
        {"pipeline": {"name": "p"}, "products": [{"id": "p1", "files": [
          "data/../../etc/passwd", "/etc/passwd", "..", "data//x", "data\\\\x", "data/ok.fits"]}]}
        """;

    List<String> v = validator.validate(bytes(json));

    assertThat(v)
        .hasSize(5)
        .allSatisfy(s -> assertThat(s).contains("must be a path relative to the bag root"))
        .anySatisfy(s -> assertThat(s).startsWith("/products/0/files/0: "))
        .anySatisfy(s -> assertThat(s).startsWith("/products/0/files/1: "))
        .anySatisfy(s -> assertThat(s).startsWith("/products/0/files/2: "))
        .anySatisfy(s -> assertThat(s).startsWith("/products/0/files/3: "))
        .anySatisfy(s -> assertThat(s).startsWith("/products/0/files/4: "))
        .noneSatisfy(s -> assertThat(s).startsWith("/products/0/files/5"));
  }

  @Test
  void tooLongDescriptionIsAViolation() {
    String json =
        "{\"pipeline\": {\"name\": \"p\"}, \"description\": \"" + "x".repeat(4001) + "\"}";

    List<String> v = validator.validate(bytes(json));

    assertThat(v).hasSize(1);
    assertThat(v.get(0)).startsWith("/description: ").containsAnyOf("4000", "4,000");
    assertThat(
            validator.validate(
                bytes(
                    "{\"pipeline\": {\"name\": \"p\"}, \"description\": \""
                        + "x".repeat(4000)
                        + "\"}")))
        .isEmpty();
  }

  @Test
  void otherConstraintsAreEnforced() {
    assertThat(validator.validate(bytes("{\"pipeline\": {\"name\": \"p\"}, \"extra\": 1}")))
        .singleElement()
        .asString()
        .startsWith("(root): ")
        .contains("extra");
    assertThat(
            validator.validate(
                bytes("{\"pipeline\": {\"name\": \"p\"}, \"embargoUntil\": \"next year\"}")))
        .singleElement()
        .asString()
        .startsWith("/embargoUntil: ");
    assertThat(
            validator.validate(
                bytes(
                    "{\"pipeline\": {\"name\": \"p\"}, \"products\": [{\"id\": \"-bad id\","
                        + " \"files\": []}]}")))
        .hasSize(2)
        .anySatisfy(s -> assertThat(s).startsWith("/products/0/id: "))
        .anySatisfy(s -> assertThat(s).startsWith("/products/0/files: "));
    assertThat(validator.validate(bytes("{\"pipeline\": {\"name\": \"" + "n".repeat(201) + "\"}}")))
        .singleElement()
        .asString()
        .startsWith("/pipeline/name: ");
  }

  @Test
  void malformedJsonIsOneViolation() {
    List<String> v = validator.validate(bytes("{\"pipeline\": {\"name\": \"p\"}"));

    assertThat(v)
        .singleElement()
        .asString()
        .startsWith("(root): malformed JSON: ")
        .contains("line 1");
  }

  @Test
  void duplicateKeysTrailingContentAndEmptyInputAreMalformed() {
    assertThat(validator.validate(bytes("{\"pipeline\": {\"name\": \"a\", \"name\": \"b\"}}")))
        .singleElement()
        .asString()
        .contains("malformed JSON")
        .contains("Duplicate field 'name'");
    assertThat(validator.validate(bytes("{\"pipeline\": {\"name\": \"a\"}} {}")))
        .singleElement()
        .asString()
        .contains("malformed JSON");
    assertThat(validator.validate(bytes("   ")))
        .singleElement()
        .asString()
        .contains("malformed JSON");
    assertThat(validator.validate(new byte[] {'{', (byte) 0xC3, '}'}))
        .singleElement()
        .asString()
        .contains("not UTF-8");
  }

  @Test
  void inputOver1MiBIsRejected() {
    byte[] big = new byte[SipManifestValidator.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');

    assertThat(validator.validate(big))
        .singleElement()
        .asString()
        .contains("more than the 1048576 allowed");
  }

  @Test
  void parseOfAnInvalidManifestThrowsSipManifestInvalid() {
    assertThatThrownBy(() -> SipManifest.parse(bytes("{\"keywords\": []}")))
        .isInstanceOfSatisfying(
            ArchiveException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SIP_MANIFEST_INVALID);
              assertThat(e.path()).contains("metadata/sip.json");
            })
        .hasMessageContaining("pipeline");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
