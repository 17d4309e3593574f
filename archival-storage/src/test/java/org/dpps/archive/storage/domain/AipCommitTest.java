package org.dpps.archive.storage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpps.archive.schemas.model.FileDigests;
import org.dpps.archive.schemas.model.ProductId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AipCommitTest {
  static final FileDigests DIGESTS = new FileDigests("a".repeat(128), "b".repeat(64), "0000000c");
  static final Path SOURCE = Path.of("/staging/d-1/events.fits");

  @ParameterizedTest
  @ValueSource(strings = {"", "/data/a.fits", "../a.fits", "data/../../a.fits", "data/.."})
  void aFileRejectsPathsThatAreEmptyAbsoluteOrClimb(String path) {
    assertThatThrownBy(() -> new AipFile(path, SOURCE, 1, DIGESTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid logical path");
  }

  @Test
  void aFileRejectsANegativeSizeAndMissingParts() {
    assertThatThrownBy(() -> new AipFile("data/a.fits", SOURCE, -1, DIGESTS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AipFile("data/a.fits", null, 1, DIGESTS))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new AipFile("data/a.fits", SOURCE, 1, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aFileAcceptsANestedRelativePath() {
    AipFile file = new AipFile("data/run/events.fits", SOURCE, 2880, DIGESTS);
    assertThat(file.logicalPath()).isEqualTo("data/run/events.fits");
    assertThat(file.size()).isEqualTo(2880);
  }

  @Test
  void aCommitNeedsFilesAndCopiesItsList() {
    ProductId id = new ProductId("crab-0001");
    assertThatThrownBy(() -> new AipCommit(id, List.of(), "m", "agent"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs files");

    List<AipFile> files = new ArrayList<>(List.of(new AipFile("data/a", SOURCE, 1, DIGESTS)));
    AipCommit commit = new AipCommit(id, files, "m", "agent");
    files.clear();
    assertThat(commit.files()).extracting(AipFile::logicalPath).containsExactly("data/a");
    assertThatThrownBy(() -> new AipCommit(id, commit.files(), null, "agent"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new AipCommit(null, commit.files(), "m", "agent"))
        .isInstanceOf(NullPointerException.class);
  }
}
