package org.dpps.archive.ingest.infrastructure.unpack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A new file that is on disk when {@link #close()} returns. While bytes are written, every {@value
 * #FLUSH_EVERY} bytes are flushed by a helper task, so the disk writes them while more bytes arrive
 * instead of all at the end; at most one flush is outstanding. Without helpers the flush runs on
 * the writing thread.
 */
final class DurableFile implements AutoCloseable {
  static final long FLUSH_EVERY = 64L * 1024 * 1024;
  private final FileChannel channel;
  private final Executor flusher;
  private long unflushed;
  private CompletableFuture<Void> flushing;

  /** Creates the file; fails if it exists. {@code flusher} may be null. */
  DurableFile(Path path, Executor flusher) throws IOException {
    this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    this.flusher = flusher;
  }

  void write(byte[] bytes, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    unflushed += length;
    if (unflushed >= FLUSH_EVERY) {
      awaitFlush();
      if (flusher == null) {
        channel.force(false);
      } else {
        flushing = CompletableFuture.runAsync(this::force, flusher);
      }
      unflushed = 0;
    }
  }

  private void force() {
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new CompletionException(e);
    }
  }

  private void awaitFlush() throws IOException {
    if (flushing == null) {
      return;
    }
    try {
      flushing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while flushing", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } finally {
      flushing = null;
    }
  }

  /** Waits for the background flush, flushes the rest with the metadata, and closes. */
  @Override
  public void close() throws IOException {
    try {
      awaitFlush();
      channel.force(true);
    } finally {
      channel.close();
    }
  }
}
