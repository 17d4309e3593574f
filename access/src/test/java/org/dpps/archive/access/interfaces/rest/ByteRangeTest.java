package org.dpps.archive.access.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {
  static final long SIZE = 10;

  @Test
  void aClosedRangeIsInclusive() {
    ByteRange range = ByteRange.parse("bytes=0-4", SIZE).orElseThrow();

    assertThat(range).isEqualTo(new ByteRange(0, 4));
    assertThat(range.length()).isEqualTo(5);
  }

  @Test
  void anOpenRangeRunsToTheEnd() {
    assertThat(ByteRange.parse("bytes=5-", SIZE)).contains(new ByteRange(5, 9));
    assertThat(ByteRange.parse("bytes=9-", SIZE).orElseThrow().length()).isEqualTo(1);
  }

  @Test
  void aSuffixRangeIsTheLastBytes() {
    assertThat(ByteRange.parse("bytes=-3", SIZE)).contains(new ByteRange(7, 9));
    assertThat(ByteRange.parse("bytes=-30", SIZE)).contains(new ByteRange(0, 9));
  }

  @Test
  void anEndBeyondTheFileIsClipped() {
    assertThat(ByteRange.parse("bytes=2-1000", SIZE)).contains(new ByteRange(2, 9));
    assertThat(ByteRange.parse("bytes= 0 - 9 ", SIZE)).contains(new ByteRange(0, 9));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=10-", "bytes=10-20", "bytes=5-2", "bytes=-0"})
  void aStartAtOrBeyondTheEndIsNotSatisfiable(String header) {
    Throwable thrown = catchThrowable(() -> ByteRange.parse(header, SIZE));

    assertThat(thrown).isInstanceOf(ArchiveException.class);
    assertThat(((ArchiveException) thrown).code()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE);
    assertThat(thrown).hasMessageContaining("10 bytes");
  }

  @Test
  void anEmptyFileSatisfiesNoRange() {
    Throwable thrown = catchThrowable(() -> ByteRange.parse("bytes=0-", 0));

    assertThat(((ArchiveException) thrown).code()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bytes=0-1,3-4",
        "bytes=0-1, 5-",
        "items=0-4",
        "bytes=abc",
        "bytes=a-b",
        "bytes=",
        "0-4",
        "bytes=1.5-2"
      })
  void severalRangesOrGarbageMeanTheWholeFile(String header) {
    assertThat(ByteRange.parse(header, SIZE)).isEmpty();
  }

  @Test
  void noHeaderMeansTheWholeFile() {
    assertThat(ByteRange.parse(null, SIZE)).isEmpty();
  }
}
