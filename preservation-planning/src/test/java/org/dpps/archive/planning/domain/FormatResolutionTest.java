package org.dpps.archive.planning.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FormatResolutionTest {
  static FormatEntry entry(String id, String mediaType, String profile, String status) {
    return new FormatEntry(
        id,
        id + " name",
        mediaType,
        profile,
        null,
        null,
        status,
        List.of(id + " reason"),
        null,
        1,
        null,
        null);
  }

  static final List<FormatEntry> REGISTRY =
      List.of(
          entry("fits", "application/fits", null, "preferred"),
          entry("fits-image-uncompressed", "application/fits", "uncompressed-image", "at-risk"),
          entry("fits-tile-compressed", "application/fits", "tile-compressed", "preferred"),
          entry("gadf-0.2", "application/fits", "gadf-0.2", "obsolete"),
          entry("hdf5", "application/x-hdf5", null, "acceptable"));

  @Test
  void aProfiledFileCountsUnderItsMostSpecificFormatAndTakesTheWorstStatus() {
    FormatResolution r =
        FormatResolution.of(REGISTRY, "application/fits", Set.of("uncompressed-image", "table"));
    assertThat(r.formatId()).isEqualTo("fits-image-uncompressed");
    assertThat(r.status()).isEqualTo(FormatStatus.AT_RISK);
    assertThat(r.matched()).containsExactly("fits", "fits-image-uncompressed");
    assertThat(r.reasons())
        .containsExactly("fits-image-uncompressed name: fits-image-uncompressed reason");
    assertThat(r.is("fits")).isTrue();
    assertThat(r.is("fits-tile-compressed")).isFalse();
  }

  @Test
  void twoProfilesTheWorseStatusDecidesBothWhereTheFileCountsAndItsRisk() {
    FormatResolution r =
        FormatResolution.of(REGISTRY, "application/fits", Set.of("tile-compressed", "gadf-0.2"));
    assertThat(r.formatId()).isEqualTo("gadf-0.2");
    assertThat(r.status()).isEqualTo(FormatStatus.OBSOLETE);
    assertThat(r.is("fits-tile-compressed")).isTrue();
  }

  @Test
  void aPlainFileOfARegisteredMediaTypeGetsThatEntry() {
    FormatResolution r = FormatResolution.of(REGISTRY, "application/fits", Set.of("table"));
    assertThat(r.formatId()).isEqualTo("fits");
    assertThat(r.status()).isEqualTo(FormatStatus.PREFERRED);
    assertThat(r.reasons()).containsExactly("fits name: fits reason");
  }

  @Test
  void aMediaTypeNobodyJudgedIsUnregisteredAndAtRisk() {
    FormatResolution r = FormatResolution.of(REGISTRY, "image/png", Set.of());
    assertThat(r.formatId()).isEqualTo(FormatResolution.UNREGISTERED);
    assertThat(r.status().atRisk()).isTrue();
    assertThat(r.reasons().get(0)).contains("image/png");
  }

  @Test
  void statusLabelsParseAndOrder() {
    assertThat(FormatStatus.parse("AT_RISK")).contains(FormatStatus.AT_RISK);
    assertThat(FormatStatus.parse(" at-risk ")).contains(FormatStatus.AT_RISK);
    assertThat(FormatStatus.parse("doomed")).isEmpty();
    assertThat(FormatStatus.worst(FormatStatus.ACCEPTABLE, FormatStatus.OBSOLETE))
        .isEqualTo(FormatStatus.OBSOLETE);
    assertThat(FormatStatus.PREFERRED.atRisk()).isFalse();
    assertThat(FormatStatus.OBSOLETE.atRisk()).isTrue();
  }
}
