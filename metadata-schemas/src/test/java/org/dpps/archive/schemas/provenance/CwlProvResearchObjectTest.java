package org.dpps.archive.schemas.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CwlProvResearchObjectTest {

  static final String EVENTS_SHA1 = "32a39263097eb3786eba6a777a0e8558a3528821";
  static final String SORTED_SHA1 = "ff92b60177a1e2fd089c3515c64636c9c9b68e77";

  @TempDir Path tmp;

  /** A real bag written by cwltool 3.1 for a one-step workflow (sort events.txt > sorted.txt). */
  @Test
  void readsTheWorkflowRunOfARealCwltoolResearchObject() throws Exception {
    Path bag = fixture("workflow-run");

    CwlProvRun run = CwlProvResearchObject.read(bag);

    assertThat(run.runIri()).isEqualTo("urn:uuid:8f53041c-e42f-4afc-9ef6-8ab295a98247");
    assertThat(run.start()).contains(Instant.parse("2026-11-24T00:26:40.162727Z"));
    assertThat(run.end()).contains(Instant.parse("2026-11-24T00:26:40.182035Z"));
    assertThat(run.inputs())
        .containsExactly(
            new CwlProvFile(
                "urn:uuid:ee5464fa-f4d2-4ae3-8713-e84fd1a073df",
                EVENTS_SHA1,
                Optional.of("events.txt"),
                Optional.of("events"),
                "data/32/" + EVENTS_SHA1));
    assertThat(run.outputs())
        .containsExactly(
            new CwlProvFile(
                "urn:uuid:1dcd0d62-0063-4f5c-9a17-f1bf37947ad0",
                SORTED_SHA1,
                Optional.of("sorted.txt"),
                Optional.of("result"),
                "data/ff/" + SORTED_SHA1));
    // the bag paths point at the payload files cwltool wrote
    assertThat(bag.resolve(run.inputs().get(0).bagPath())).hasContent("obs_3\nobs_1\nobs_2");
    assertThat(bag.resolve(run.outputs().get(0).bagPath())).hasContent("obs_1\nobs_2\nobs_3");
    assertThat(run.graph().size()).isGreaterThan(50);
  }

  /** The bare CommandLineTool run, with only the N-Triples serialisation left in the bag. */
  @Test
  void fallsBackToNTriplesAndReportsAFileBoundTwiceOnce() throws Exception {
    CwlProvRun run = CwlProvResearchObject.read(fixture("tool-run-nt-only"));

    assertThat(run.runIri()).isEqualTo("urn:uuid:7a2c2633-7588-4b5a-a4de-eba67444ded1");
    assertThat(run.inputs()).hasSize(1);
    assertThat(run.inputs().get(0).sha1()).isEqualTo(EVENTS_SHA1);
    assertThat(run.inputs().get(0).basename()).contains("events.txt");
    assertThat(run.inputs().get(0).role()).contains("infile");
    assertThat(run.outputs()).hasSize(1);
    assertThat(run.outputs().get(0).sha1()).isEqualTo(SORTED_SHA1);
    assertThat(run.outputs().get(0).basename()).contains("sorted.txt");
    assertThat(run.outputs().get(0).role()).contains("sorted");
    assertThat(run.start()).isPresent();
    assertThat(run.end()).isPresent();
    assertThat(run.start().get()).isBefore(run.end().get());
  }

  @Test
  void plainProvUsedAndWasGeneratedByOnHashEntitiesAreAccepted() throws Exception {
    Path bag = tmp.resolve("bag");
    Files.createDirectories(bag.resolve("metadata/provenance"));
    Files.writeString(
        bag.resolve("metadata/provenance/primary.cwlprov.ttl"),
        """
        @prefix prov: <http://www.w3.org/ns/prov#> .
        @prefix wfprov: <http://purl.org/wf4ever/wfprov#> .
        @prefix cwlprov: <https://w3id.org/cwl/prov#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <urn:uuid:00000000-0000-4000-8000-000000000001> a wfprov:WorkflowRun ;
            prov:startedAtTime "2024-01-02T03:04:05Z"^^xsd:dateTime ;
            prov:endedAtTime "2024-01-02T04:04:05+01:00"^^xsd:dateTime ;
            prov:used <urn:hash::sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA> ,
                      <urn:uuid:dir-entity> .
        <urn:hash::sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA> cwlprov:basename "in.fits" .
        <urn:uuid:dir-entity> a prov:Entity .
        <urn:hash::sha1:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb>
            prov:wasGeneratedBy <urn:uuid:00000000-0000-4000-8000-000000000001> .
        <urn:uuid:00000000-0000-4000-8000-000000000002> a wfprov:WorkflowRun ;
            wfprov:wasPartOfWorkflowRun <urn:uuid:00000000-0000-4000-8000-000000000001> .
        """);

    CwlProvRun run = CwlProvResearchObject.read(bag);

    assertThat(run.runIri()).isEqualTo("urn:uuid:00000000-0000-4000-8000-000000000001");
    assertThat(run.start()).contains(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(run.end()).contains(Instant.parse("2024-01-02T03:04:05Z"));
    String a = "a".repeat(40);
    assertThat(run.inputs())
        .containsExactly(
            new CwlProvFile(
                "urn:hash::sha1:" + "A".repeat(40),
                a,
                Optional.of("in.fits"),
                Optional.empty(),
                "data/aa/" + a));
    assertThat(run.outputs()).extracting(CwlProvFile::sha1).containsExactly("b".repeat(40));
    assertThat(run.outputs().get(0).basename()).isEmpty();
  }

  @Test
  void missingGraphIsProvenanceInvalid() throws Exception {
    Path bag = tmp.resolve("empty-bag");
    Files.createDirectories(bag.resolve("metadata/provenance"));
    Files.writeString(bag.resolve("bagit.txt"), "BagIt-Version: 0.97\n");

    assertInvalid(bag, "no metadata/provenance/primary.cwlprov.ttl or primary.cwlprov.nt");
  }

  @Test
  void garbageTurtleIsProvenanceInvalid() throws Exception {
    Path bag = tmp.resolve("garbage");
    Files.createDirectories(bag.resolve("metadata/provenance"));
    Files.writeString(
        bag.resolve("metadata/provenance/primary.cwlprov.ttl"), "this is { not turtle @@@");

    assertInvalid(bag, "cannot be parsed");
  }

  @Test
  void graphWithoutWorkflowRunIsProvenanceInvalid() throws Exception {
    Path bag = tmp.resolve("norun");
    Files.createDirectories(bag.resolve("metadata/provenance"));
    Files.writeString(
        bag.resolve("metadata/provenance/primary.cwlprov.nt"),
        "<urn:a> <http://www.w3.org/ns/prov#used> <urn:b> .\n");

    assertInvalid(bag, "no top-level wfprov:WorkflowRun");
  }

  @Test
  void graphLinkedFromOutsideTheBagIsRefused() throws Exception {
    Path outside = tmp.resolve("outside.ttl");
    Files.copy(fixture("workflow-run").resolve("metadata/provenance/primary.cwlprov.ttl"), outside);
    Path bag = tmp.resolve("linked");
    Files.createDirectories(bag.resolve("metadata/provenance"));
    Files.createSymbolicLink(bag.resolve("metadata/provenance/primary.cwlprov.ttl"), outside);

    assertInvalid(bag, "link out of the bag");
  }

  @Test
  void badTimestampIsProvenanceInvalid() throws Exception {
    Path bag = copyOfFixture("workflow-run");
    Path ttl = bag.resolve("metadata/provenance/primary.cwlprov.ttl");
    Files.writeString(
        ttl,
        Files.readString(ttl)
            .replace(
                "prov:startedAtTime \"2026-11-24T00:26:40.162727\"^^xsd:dateTime",
                "prov:startedAtTime \"last tuesday\""));

    assertInvalid(bag, "not a timestamp: last tuesday");
  }

  private static void assertInvalid(Path bag, String messagePart) {
    assertThatThrownBy(() -> CwlProvResearchObject.read(bag))
        .isInstanceOfSatisfying(
            ArchiveException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PROVENANCE_INVALID);
              assertThat(e.path()).isPresent();
              assertThat(e.path().get()).startsWith(bag.toString());
            })
        .hasMessageContaining(messagePart);
  }

  private Path copyOfFixture(String name) throws Exception {
    Path from = fixture(name);
    Path to = tmp.resolve(name);
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw e;
    }
    return to;
  }

  static Path fixture(String name) throws Exception {
    return Path.of(CwlProvResearchObjectTest.class.getResource("/cwlprov/" + name).toURI());
  }
}
