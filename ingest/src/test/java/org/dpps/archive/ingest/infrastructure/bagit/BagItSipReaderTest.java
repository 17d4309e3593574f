package org.dpps.archive.ingest.infrastructure.bagit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.dpps.archive.ingest.fixtures.BagBuilder.aBag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dpps.archive.ingest.domain.Sip;
import org.dpps.archive.ingest.fixtures.BagBuilder;
import org.dpps.archive.ingest.fixtures.StagedDigests;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.schemas.model.MultiDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BagItSipReaderTest {
  static final String EVENTS = "gamma events of run 6789\n";
  static final String NOTES = "observer notes\n";

  @TempDir Path tmp;

  private final BagItSipReader reader = new BagItSipReader();

  @Test
  void readsAValidBagWithPayloadTagFilesAndBagInfo() {
    Path bag = twoFiles().writeTo(tmp.resolve("u"));

    Sip sip = reader.read(bag, StagedDigests.of(bag));

    assertThat(sip.root()).isEqualTo(bag);
    assertThat(sip.bagitVersion()).isEqualTo("1.0");
    assertThat(sip.payload()).containsOnlyKeys("data/run/events.txt", "data/notes.txt");
    assertThat(sip.payload().get("data/run/events.txt").digests().sha512())
        .isEqualTo(BagBuilder.hex("sha512", EVENTS.getBytes()));
    assertThat(sip.payload().get("data/notes.txt").size()).isEqualTo(NOTES.length());
    assertThat(sip.tagFiles())
        .containsExactlyInAnyOrder(
            "bagit.txt", "bag-info.txt", "manifest-sha512.txt", "tagmanifest-sha512.txt");
    assertThat(sip.bagInfo("payload-oxum")).contains((EVENTS.length() + NOTES.length()) + ".2");
    assertThat(sip.bagInfo("Source-Organization")).contains("CTAO");
  }

  @Test
  void findsTheBagInsideASingleTopLevelDirectory() {
    Path unpacked = tmp.resolve("u");
    twoFiles().writeTo(unpacked.resolve("my-bag"));

    Sip sip = reader.read(unpacked, StagedDigests.of(unpacked));

    assertThat(sip.root()).isEqualTo(unpacked.resolve("my-bag"));
    assertThat(sip.payload()).containsOnlyKeys("data/run/events.txt", "data/notes.txt");
    assertThat(sip.tagFiles()).contains("bagit.txt", "manifest-sha512.txt");
  }

  @Test
  void readsABagIt097BagWithSha1Manifests() {
    Path bag = twoFiles().asBagIt097WithSha1().writeTo(tmp.resolve("u"));

    Sip sip = reader.read(bag, StagedDigests.of(bag));

    assertThat(sip.bagitVersion()).isEqualTo("0.97");
    assertThat(sip.payload()).containsOnlyKeys("data/run/events.txt", "data/notes.txt");
    assertThat(sip.tagFiles()).contains("manifest-sha1.txt", "tagmanifest-sha1.txt");
  }

  @Test
  void withoutBagitTxtItIsNotABag() {
    Path bag = twoFiles().withoutBagitTxt().writeTo(tmp.resolve("u"));

    assertProblem(bag, ErrorCode.NOT_A_BAG, "bagit.txt");
  }

  @Test
  void aManifestListingAMissingFileMakesTheBagIncomplete() {
    Path bag = twoFiles().withManifestListingMissing("data/lost.fits").writeTo(tmp.resolve("u"));

    assertProblem(bag, ErrorCode.BAG_INCOMPLETE, "data/lost.fits");
  }

  @Test
  void aPayloadFileMissingFromTheManifestMakesTheBagIncomplete() {
    Path bag = twoFiles().withUnlistedPayload("data/extra.txt", "x").writeTo(tmp.resolve("u"));

    assertProblem(bag, ErrorCode.BAG_INCOMPLETE, "data/extra.txt");
  }

  @Test
  void aWrongSha512IsAChecksumMismatchNamingTheFile() {
    Path bag =
        twoFiles().withManifestDigest("data/notes.txt", "ab".repeat(64)).writeTo(tmp.resolve("u"));

    ArchiveException e = assertProblem(bag, ErrorCode.CHECKSUM_MISMATCH, "data/notes.txt");
    assertThat(e.getMessage()).contains("manifest-sha512.txt says " + "ab".repeat(64));
  }

  @Test
  void aWrongSha1InABagIt097BagIsAChecksumMismatch() {
    Path bag =
        twoFiles()
            .asBagIt097WithSha1()
            .withManifestDigest("data/run/events.txt", "0123456789".repeat(4))
            .writeTo(tmp.resolve("u"));

    ArchiveException e = assertProblem(bag, ErrorCode.CHECKSUM_MISMATCH, "data/run/events.txt");
    assertThat(e.getMessage())
        .startsWith("sha1 of the file is " + BagBuilder.hex("sha1", EVENTS.getBytes()));
  }

  @Test
  void aWrongPayloadOxumMakesTheBagIncomplete() {
    Path bag = twoFiles().withPayloadOxum("999.2").writeTo(tmp.resolve("u"));

    ArchiveException e = assertProblem(bag, ErrorCode.BAG_INCOMPLETE, "bag-info.txt");
    assertThat(e.getMessage())
        .contains("999.2")
        .contains((EVENTS.length() + NOTES.length()) + ".2");
  }

  @Test
  void aWrongTagManifestDigestIsAChecksumMismatch() {
    Path bag =
        twoFiles().withTagManifestDigest("bag-info.txt", "cd".repeat(64)).writeTo(tmp.resolve("u"));

    assertProblem(bag, ErrorCode.CHECKSUM_MISMATCH, "bag-info.txt");
  }

  @Test
  void aFetchFileIsRefusedAsIncomplete() {
    Path bag = twoFiles().withFetch().writeTo(tmp.resolve("u"));

    assertProblem(bag, ErrorCode.BAG_INCOMPLETE, "fetch.txt");
  }

  @Test
  void aBagWithoutPayloadIsEmpty() {
    Path bag = aBag().writeTo(tmp.resolve("u"));
    assertThat(Files.isDirectory(bag.resolve("data"))).isTrue();

    assertProblem(bag, ErrorCode.EMPTY_BAG, "data/");
  }

  @Test
  void stagedDigestsAreTrustedForSha512SoATamperedStagedRecordIsCaught() {
    Path bag = twoFiles().writeTo(tmp.resolve("u"));
    Map<String, MultiDigest.Result> staged = new java.util.TreeMap<>(StagedDigests.of(bag));
    staged.put("data/notes.txt", StagedDigests.of(bag).get("data/run/events.txt"));

    assertProblem(bag, staged, ErrorCode.CHECKSUM_MISMATCH, "data/notes.txt");
  }

  @Test
  void aManifestEntryOutsideTheBagIsAPathEscapeThatNamesNoServerPath() {
    Path unpacked = tmp.resolve("staging").resolve("deposit-1");
    Path bag =
        twoFiles().withManifestListingMissing("data/../../../../etc/passwd").writeTo(unpacked);

    ArchiveException e =
        assertProblem(bag, ErrorCode.PATH_ESCAPE, "../../../etc/passwd"); // relative to the bag
    String shown = e.getMessage() + " " + e.path().orElse("");
    assertThat(shown)
        .doesNotContain(tmp.toAbsolutePath().toString())
        .doesNotContain("staging")
        .doesNotContain("malicious");
  }

  @Test
  void absolutePathsInALibrarysMessageAreShownRelativeToTheBag() {
    Path root = tmp.resolve("staging/d-1");

    assertThat(
            BagItSipReader.withoutServerPaths(
                root, "cannot read " + root.resolve("data/x.fits") + ": gone"))
        .isEqualTo("cannot read data/x.fits: gone");
    assertThat(BagItSipReader.withoutServerPaths(root, "no path here, 3/4 done"))
        .isEqualTo("no path here, 3/4 done");
  }

  private static BagBuilder twoFiles() {
    return aBag().withPayload("data/run/events.txt", EVENTS).withPayload("data/notes.txt", NOTES);
  }

  private ArchiveException assertProblem(Path bag, ErrorCode code, String path) {
    return assertProblem(bag, StagedDigests.of(bag), code, path);
  }

  private ArchiveException assertProblem(
      Path bag, Map<String, MultiDigest.Result> staged, ErrorCode code, String path) {
    Throwable thrown = catchThrowable(() -> reader.read(bag, staged));
    assertThat(thrown).isInstanceOf(ArchiveException.class);
    ArchiveException e = (ArchiveException) thrown;
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    assertThat(e.path()).contains(path);
    return e;
  }
}
