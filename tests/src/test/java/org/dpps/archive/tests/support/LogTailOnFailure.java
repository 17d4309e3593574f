package org.dpps.archive.tests.support;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * For test classes that run their own {@link ArchiveServer}: prints the tail of its log when a test
 * fails. Register as {@code @RegisterExtension static final LogTailOnFailure LOG = new
 * LogTailOnFailure(() -> server);}.
 */
public final class LogTailOnFailure implements TestWatcher {
  private final Supplier<ArchiveServer> server;

  public LogTailOnFailure(Supplier<ArchiveServer> server) {
    this.server = server;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    ArchiveServer s = server.get();
    if (s != null) {
      System.out.printf(
          "[e2e] %s failed; tail of the server log %s:%n%s%n",
          context.getDisplayName(), s.log(), s.logTail(80));
    }
  }
}
