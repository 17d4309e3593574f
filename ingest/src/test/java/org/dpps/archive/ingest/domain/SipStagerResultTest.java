package org.dpps.archive.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dpps.archive.schemas.model.MultiDigest;
import org.junit.jupiter.api.Test;

/** A deposit's payload counts the files under the bag's data/, not its tag files. */
class SipStagerResultTest {

  @Test
  void aBagAtTheTopCountsOnlyItsDataFiles() {
    SipStager.Result r =
        result(
            "bagit.txt", 55,
            "bag-info.txt", 80,
            "manifest-sha512.txt", 300,
            "tagmanifest-sha512.txt", 400,
            "metadata/sip.json", 90,
            "data/a.fits", 2880,
            "data/sub/b.fits", 5760);

    assertThat(r.payload()).containsOnlyKeys("data/a.fits", "data/sub/b.fits");
    assertThat(r.payloadBytes()).isEqualTo(8640);
  }

  @Test
  void aBagInItsSingleTopLevelDirectoryCountsThatBagsDataFiles() {
    SipStager.Result r =
        result(
            "run42/bagit.txt", 55,
            "run42/manifest-sha512.txt", 300,
            "run42/data/a.fits", 2880,
            "run42/data/notes.txt", 12);

    assertThat(r.payload()).containsOnlyKeys("run42/data/a.fits", "run42/data/notes.txt");
    assertThat(r.payloadBytes()).isEqualTo(2892);
  }

  @Test
  void withoutABagEveryFileCounts() {
    SipStager.Result r = result("x/bagit.txt", 55, "y/data/a.fits", 2880);

    assertThat(r.payload()).hasSize(2);
    assertThat(r.payloadBytes()).isEqualTo(2935);
  }

  private static SipStager.Result result(Object... pathsAndSizes) {
    Map<String, MultiDigest.Result> files = new LinkedHashMap<>();
    long total = 0;
    for (int i = 0; i < pathsAndSizes.length; i += 2) {
      long size = ((Number) pathsAndSizes[i + 1]).longValue();
      files.put((String) pathsAndSizes[i], new MultiDigest.Result(size, null, Map.of()));
      total += size;
    }
    return new SipStager.Result(files, total);
  }
}
