package org.dpps.archive.ingest.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.dpps.archive.ingest.fixtures.BagBuilder.aBag;

import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.RDF;
import org.dpps.archive.ingest.domain.ProductCandidate;
import org.dpps.archive.ingest.domain.Sip;
import org.dpps.archive.ingest.fixtures.BagBuilder;
import org.dpps.archive.ingest.fixtures.StagedDigests;
import org.dpps.archive.ingest.infrastructure.bagit.BagItSipReader;
import org.dpps.archive.ingest.infrastructure.tika.TikaFormatIdentifier;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.internal.crypto.Ed25519Sealer;
import org.dpps.archive.platform.signing.Seal;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.dpps.archive.schemas.rdf.Vocab;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A staged bag planned into products and each product assembled into a sealed BagIt AIP. */
class ProductPlannerAndAipAssemblerTest {
  static final String NOTES = "Crab Nebula observation notes, run 6789\n";
  static final String NOTES_SHA512 =
      BagBuilder.hex("sha512", NOTES.getBytes(StandardCharsets.UTF_8));
  static final String NOTES_SHA256 =
      BagBuilder.hex("sha256", NOTES.getBytes(StandardCharsets.UTF_8));
  static final String CONFIG = "{\"obs_id\": 6789}\n";
  static final Instant DEPOSITED = Instant.parse("2025-03-01T10:00:00Z");
  static final Instant STARTED = Instant.parse("2025-03-01T10:00:05Z");

  @TempDir Path tmp;

  private final ProductPlanner planner =
      new ProductPlanner(new TikaFormatIdentifier(), Optional.empty());

  @Test
  void eachPayloadFileIsAProductNamedBySha256OfItsBytes() {
    Sip sip =
        stage(
            aBag()
                .withPayload("data/notes.txt", NOTES)
                .withPayload("data/cfg/config.json", CONFIG));

    List<ProductCandidate> products = planner.plan(sip, Optional.empty());

    assertThat(products)
        .extracting(p -> p.productId().value())
        .containsExactlyInAnyOrder(
            "sha256-" + BagBuilder.hex("sha256", NOTES.getBytes(StandardCharsets.UTF_8)),
            "sha256-" + BagBuilder.hex("sha256", CONFIG.getBytes(StandardCharsets.UTF_8)));
    ProductCandidate notes = byName(products, "notes.txt");
    assertThat(notes.files()).hasSize(1);
    assertThat(notes.files().get(0).sipPath()).isEqualTo("data/notes.txt");
    assertThat(notes.files().get(0).format().mediaType()).isEqualTo("text/plain");
    assertThat(byName(products, "cfg/config.json").files().get(0).format().mediaType())
        .isEqualTo("application/json");
  }

  @Test
  void theAssembledAipIsAValidBagIt10BagWithTheDigestsOfEveryFile() throws Exception {
    Assembled a = assembleNotes();

    assertThat(a.commit().productId()).isEqualTo(a.product().productId());
    assertThat(a.commit().files())
        .extracting(AipFile::logicalPath)
        .containsExactlyInAnyOrder(
            "data/notes.txt",
            "bagit.txt",
            "bag-info.txt",
            "manifest-sha512.txt",
            "manifest-sha256.txt",
            "tagmanifest-sha512.txt",
            "tagmanifest-sha256.txt",
            "metadata/descriptive.json",
            "metadata/premis.ttl",
            "metadata/provenance.ttl",
            Seal.FILE_NAME);
    for (AipFile file : a.commit().files()) {
      byte[] bytes = Files.readAllBytes(file.source());
      assertThat(file.source()).startsWith(a.dir());
      assertThat(file.size()).as(file.logicalPath()).isEqualTo(bytes.length);
      assertThat(file.digests().sha512())
          .as(file.logicalPath())
          .isEqualTo(BagBuilder.hex("sha512", bytes));
      assertThat(file.digests().sha256())
          .as(file.logicalPath())
          .isEqualTo(BagBuilder.hex("sha256", bytes));
    }
    assertThat(a.dir().resolve("data/notes.txt")).hasContent(NOTES);

    Bag bag = new BagReader().read(a.dir());
    assertThat(bag.getVersion().toString()).isEqualTo("1.0");
    try (BagVerifier verifier = new BagVerifier()) {
      verifier.isValid(bag, false);
    }
    assertThat(a.dir().resolve("manifest-sha512.txt"))
        .hasContent(NOTES_SHA512 + "  data/notes.txt");
    assertThat(a.dir().resolve("manifest-sha256.txt"))
        .hasContent(NOTES_SHA256 + "  data/notes.txt");
    assertThat(Files.readString(a.dir().resolve("bag-info.txt")))
        .contains("Payload-Oxum: " + NOTES.length() + ".1")
        .contains("External-Identifier: " + a.product().productId().value())
        .contains("Internal-Sender-Identifier: d-1");
    assertThat(Files.readString(a.dir().resolve("tagmanifest-sha512.txt")))
        .contains("metadata/descriptive.json", "metadata/premis.ttl", "metadata/provenance.ttl");
  }

  @Test
  void theDescriptiveRecordDescribesThePayloadFile() throws Exception {
    Assembled a = assembleNotes();

    DescriptiveRecord record =
        DescriptiveRecord.fromJson(
            Files.readAllBytes(a.dir().resolve("metadata/descriptive.json")));

    assertThat(record.format()).isEqualTo(DescriptiveRecord.FORMAT);
    assertThat(record.productId()).isEqualTo(a.product().productId().value());
    assertThat(record.version()).isEqualTo(1);
    assertThat(record.depositId()).isEqualTo("d-1");
    assertThat(record.depositedAt()).isEqualTo("2025-03-01T10:00:00Z");
    assertThat(record.files()).hasSize(1);
    DescriptiveRecord.FileEntry entry = record.files().get(0);
    assertThat(entry.path()).isEqualTo("notes.txt");
    assertThat(entry.size()).isEqualTo(NOTES.length());
    assertThat(entry.mediaType()).isEqualTo("text/plain");
    assertThat(entry.pronom()).isEqualTo("x-fmt/111");
    assertThat(entry.sha512()).isEqualTo(NOTES_SHA512);
    assertThat(entry.sha256()).isEqualTo(NOTES_SHA256);
    assertThat(entry.adler32())
        .isEqualTo(a.sip().payload().get("data/notes.txt").digests().adler32());
  }

  @Test
  void premisAndProvenanceGraphsParseAndRecordTheIngest() {
    Assembled a = assembleNotes();
    String id = a.product().productId().value();

    Model premis = RDFDataMgr.loadModel(a.dir().resolve("metadata/premis.ttl").toString());
    Model provenance = RDFDataMgr.loadModel(a.dir().resolve("metadata/provenance.ttl").toString());

    assertThat(premis.listSubjectsWithProperty(RDF.type, Vocab.PREMIS_EVENT).toList()).hasSize(6);
    assertThat(
            premis.contains(
                resource(Vocab.fileIri(id, 1, "notes.txt")), Vocab.CTAO_SHA512, NOTES_SHA512))
        .isTrue();
    assertThat(
            provenance.contains(
                resource(Vocab.aipIri(id, 1)),
                Vocab.WAS_GENERATED_BY,
                resource(Vocab.depositIri("d-1") + "/ingest")))
        .isTrue();
    assertThat(
            provenance.contains(
                resource(Vocab.fileIri(id, 1, "notes.txt")), Vocab.CTAO_SHA512, NOTES_SHA512))
        .isTrue();
  }

  @Test
  void theSealVerifiesOverTheTagManifestAndNothingElse() throws Exception {
    Assembled a = assembleNotes();

    byte[] tagManifest = Files.readAllBytes(a.dir().resolve("tagmanifest-sha512.txt"));
    Seal seal = Seal.parse(Files.readAllBytes(a.dir().resolve(Seal.FILE_NAME)));

    assertThat(seal.signedFile()).isEqualTo("tagmanifest-sha512.txt");
    assertThat(seal.keyId()).isEqualTo(a.sealer().keyId());
    assertThat(a.sealer().verify(seal, tagManifest)).isTrue();
    tagManifest[0] ^= 1;
    assertThat(a.sealer().verify(seal, tagManifest)).isFalse();
  }

  @Test
  void theCommittedAipPassesTheStorageVerificationThatAuditsRun() {
    Assembled a = assembleNotes();
    try (var store =
        new org.dpps.archive.storage.infrastructure.ocfl.OcflAipStore(
            tmp.resolve("ocfl"), tmp.resolve("ocfl-work"))) {
      store.commit(a.commit());
      var aip = store.head(a.product().productId()).orElseThrow();

      var report = new org.dpps.archive.storage.application.AipVerifier(a.sealer()).verify(aip);

      assertThat(report.failures()).isEmpty();
      assertThat(report.files()).isEqualTo(aip.files().size()).isGreaterThan(8);
    }
  }

  @Test
  void aTextFileNamedFitsIsAnInvalidFormat() {
    Sip sip =
        stage(
            aBag()
                .withPayload("data/notes.txt", NOTES)
                .withPayload("data/x.fits", "not FITS at all\n"));

    Throwable thrown = catchThrowable(() -> planner.plan(sip, Optional.empty()));

    assertThat(thrown).isInstanceOf(ArchiveException.class);
    ArchiveException e = (ArchiveException) thrown;
    assertThat(e.code()).isEqualTo(ErrorCode.FORMAT_INVALID);
    assertThat(e.path()).contains("data/x.fits");
    assertThat(e.getMessage()).contains("named as FITS").contains("text/plain");
  }

  private record Assembled(
      Path dir, AipCommit commit, ProductCandidate product, Ed25519Sealer sealer, Sip sip) {}

  private Assembled assembleNotes() {
    Sip sip = stage(aBag().withPayload("data/notes.txt", NOTES));
    ProductCandidate product = planner.plan(sip, Optional.empty()).get(0);
    Ed25519Sealer sealer = Ed25519Sealer.loadOrCreate(tmp.resolve("keys"));
    Path dir = tmp.resolve("aip");
    var context = new AipAssembler.Context("d-1", DEPOSITED, STARTED, sip, Optional.empty());
    AipCommit commit =
        new AipAssembler(new org.dpps.archive.storage.infrastructure.bagit.BagItAipWriter(sealer))
            .assemble(product, 1, context, dir);
    return new Assembled(dir, commit, product, sealer, sip);
  }

  private static org.apache.jena.rdf.model.Resource resource(String iri) {
    return ResourceFactory.createResource(iri);
  }

  private Sip stage(BagBuilder bag) {
    Path root = bag.writeTo(tmp.resolve("staging/d-1"));
    return new BagItSipReader().read(root, StagedDigests.of(root));
  }

  private static ProductCandidate byName(List<ProductCandidate> products, String name) {
    return products.stream()
        .filter(p -> p.files().get(0).name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
