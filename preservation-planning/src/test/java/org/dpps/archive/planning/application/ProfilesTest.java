package org.dpps.archive.planning.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpps.archive.planning.infrastructure.fits.FitsProfiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the registry sees of a stored file: media type and profile tags from its own content. */
class ProfilesTest {
  @TempDir Path tmp;
  private final Profiles profiles = new Profiles(new FitsProfiler());

  @Test
  void ctapipeHdf5IsProfiledByItsDataModelVersion() throws IOException {
    Path h5 = tmp.resolve("dl1.h5");
    try (InputStream in = getClass().getResourceAsStream("/hdf5/ctapipe_dl1_sample.h5")) {
      Files.copy(in, h5);
    }
    Profiles.Profile p = profiles.payload(h5, "dl1.h5", "application/x-hdf5");
    assertThat(p.mediaType()).isEqualTo("application/x-hdf5");
    assertThat(p.tags()).containsExactly("ctapipe-dm-v6");
  }

  @Test
  void garbageThatClaimsAFormatIsUnreadableNotSilentlyFine() throws IOException {
    Path bad = tmp.resolve("bad.fits");
    Files.writeString(bad, "SIMPLE  = nonsense, not a FITS header at all");
    assertThat(profiles.payload(bad, "bad.fits", "application/fits").tags())
        .containsExactly(Profiles.UNREADABLE);
    Path badH5 = tmp.resolve("bad.h5");
    Files.write(badH5, new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0});
    assertThat(profiles.payload(badH5, "bad.h5", "application/x-hdf5").tags())
        .containsExactly(Profiles.UNREADABLE);
  }

  @Test
  void otherMediaTypesHaveNoProfileAndUnknownOnesStayUnknown() throws IOException {
    Path json = tmp.resolve("a.json");
    Files.writeString(json, "{}");
    assertThat(profiles.payload(json, "a.json", "application/json"))
        .isEqualTo(new Profiles.Profile("application/json", java.util.Set.of()));
    assertThat(profiles.payload(json, "a.json", null).mediaType())
        .isEqualTo("application/octet-stream");
  }

  @Test
  void dataModelVersionsAreReducedToTheirMajorVersion() {
    assertThat(Profiles.majorVersion("v6.0.0")).isEqualTo("v6");
    assertThat(Profiles.majorVersion("5.1")).isEqualTo("v5");
    assertThat(Profiles.majorVersion(" V7 ")).isEqualTo("v7");
    assertThat(Profiles.majorVersion("latest")).isEqualTo("unknown");
    assertThat(Profiles.Profile.parseTags(" b  a ")).containsExactly("a", "b");
    assertThat(new Profiles.Profile("x/y", java.util.Set.of("b", "a")).tagString())
        .isEqualTo("a b");
  }

  @Test
  void onlyGraphsUnderCwlprovAreCwlProv() {
    assertThat(Profiles.isCwlProv("metadata/cwlprov/primary.cwlprov.ttl")).isTrue();
    assertThat(Profiles.isCwlProv("metadata/cwlprov/packed.cwl")).isFalse();
    assertThat(Profiles.isCwlProv("metadata/provenance.ttl")).isFalse();
  }
}
