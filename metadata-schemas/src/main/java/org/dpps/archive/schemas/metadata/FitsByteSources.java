package org.dpps.archive.schemas.metadata;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * Byte sources for {@link FitsHeaderScanner}: a seekable plain file, whose data units are skipped
 * by moving the channel position, or a gzip stream (detected by its magic bytes), whose data units
 * are skipped by streamed decompression.
 */
final class FitsByteSources {

  private FitsByteSources() {}

  /** Opens the file: as a gzip stream if it starts with the gzip magic bytes, else seekable. */
  static Source open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      ByteBuffer magic = ByteBuffer.allocate(2);
      while (magic.hasRemaining() && ch.read(magic) >= 0) {
        // fill
      }
      ch.position(0);
      if (magic.position() == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b) {
        InputStream in =
            new GZIPInputStream(new BufferedInputStream(Channels.newInputStream(ch), 65536), 65536);
        return new StreamSource(in);
      }
      return new ChannelSource(ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Sequential input of FITS bytes that can skip data units. */
  interface Source extends Closeable {
    /** Reads up to {@code b.length} bytes; fewer only at end of input. */
    int readFully(byte[] b) throws IOException;

    /** Skips {@code n} bytes; {@code false} if the input ended first. */
    boolean skip(long n) throws IOException;
  }

  private static final class ChannelSource implements Source {
    private final FileChannel ch;

    ChannelSource(FileChannel ch) {
      this.ch = ch;
    }

    @Override
    public int readFully(byte[] b) throws IOException {
      ByteBuffer buf = ByteBuffer.wrap(b);
      while (buf.hasRemaining()) {
        if (ch.read(buf) < 0) {
          break;
        }
      }
      return buf.position();
    }

    @Override
    public boolean skip(long n) throws IOException {
      long size = ch.size();
      long pos = ch.position();
      if (n > size - pos) {
        ch.position(size);
        return false;
      }
      ch.position(pos + n);
      return true;
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }

  private static final class StreamSource implements Source {
    private final InputStream in;

    StreamSource(InputStream in) {
      this.in = in;
    }

    @Override
    public int readFully(byte[] b) throws IOException {
      return in.readNBytes(b, 0, b.length);
    }

    @Override
    public boolean skip(long n) throws IOException {
      long left = n;
      while (left > 0) {
        long s = in.skip(left);
        if (s <= 0) {
          if (in.read() < 0) {
            return false;
          }
          s = 1;
        }
        left -= s;
      }
      return true;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
