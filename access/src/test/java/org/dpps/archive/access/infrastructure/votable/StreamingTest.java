package org.dpps.archive.access.infrastructure.votable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.List;
import org.dpps.archive.access.domain.tap.ResultFormat;
import org.dpps.archive.access.domain.tap.ResultSummary;
import org.dpps.archive.access.domain.tap.RowSource;
import org.dpps.archive.access.domain.tap.TapColumn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A million generated rows: each format writes them as they are pulled (bytes reach the output long
 * before the last row is asked for), and no row is asked for twice or ahead of time.
 */
class StreamingTest {
  private static final int ROWS = 1_000_000;

  private static final List<TapColumn> COLUMNS =
      List.of(
          Fixtures.column("id", "long", "", "", "", "meta.id"),
          Fixtures.column("ra", "double", "", "", "deg", "pos.eq.ra"),
          Fixtures.column("name", "char", "*", "", "", ""));

  /** Counts bytes and throws them away. */
  static final class CountingOutput extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  /** Generates rows on demand; remembers how far the output had got at the middle row. */
  static final class Generator implements RowSource {
    private final CountingOutput out;
    long pulled;
    long bytesAtMiddle = -1;

    Generator(CountingOutput out) {
      this.out = out;
    }

    @Override
    public Object[] next() {
      if (pulled == ROWS) {
        pulled++;
        return null;
      }
      if (pulled == ROWS / 2) {
        bytesAtMiddle = out.bytes;
      }
      long i = pulled++;
      return new Object[] {i, i * 1e-4, "row-" + i};
    }
  }

  @ParameterizedTest
  @EnumSource(ResultFormat.class)
  void aMillionRowsAreStreamed(ResultFormat format) throws Exception {
    CountingOutput out = new CountingOutput();
    Generator rows = new Generator(out);
    ResultSummary summary = new StilResultWriter().write(format, COLUMNS, rows, 2L * ROWS, out);

    assertThat(summary.rows()).isEqualTo(ROWS);
    assertThat(summary.overflowed()).isFalse();
    assertThat(rows.pulled).isEqualTo(ROWS + 1L); // every row once, and the end once
    // half the rows already written (at least ~10 bytes each) when the middle row was pulled
    assertThat(rows.bytesAtMiddle).isGreaterThan(ROWS / 2 * 10L - 64 * 1024);
    assertThat(out.bytes).isGreaterThan(ROWS * 10L);
  }

  @ParameterizedTest
  @EnumSource(ResultFormat.class)
  void aMillionRowsCutAtMaxRecPullOneMore(ResultFormat format) throws Exception {
    CountingOutput out = new CountingOutput();
    Generator rows = new Generator(out);
    ResultSummary summary = new StilResultWriter().write(format, COLUMNS, rows, 1000, out);
    assertThat(summary.rows()).isEqualTo(1000);
    assertThat(summary.overflowed()).isTrue();
    assertThat(rows.pulled).isEqualTo(1001);
  }
}
