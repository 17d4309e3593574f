package org.dpps.archive.tests.support;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One archive process for the whole suite, kept in the root store of JUnit (so every {@code *IT}
 * class shares it) and destroyed when the suite ends. Test methods and lifecycle methods receive
 * {@link ArchiveServer}, {@link ArchiveClient} and the external {@link IdentityProvider} the server
 * trusts as parameters. When a test fails, the tail of the server log is printed.
 *
 * <p>Limits are lowered from their (large) defaults so the limit checks can be exercised cheaply,
 * while staying far above what the happy-path deposits need.
 */
public final class ArchiveExtension
    implements ParameterResolver, TestWatcher, LifecycleMethodExecutionExceptionHandler {
  /** Upload limit of the test server: the largest happy-path deposit is well under 1 MiB. */
  public static final long MAX_UPLOAD_BYTES = 8L << 20;

  /** Entry limit of the test server. */
  public static final int MAX_ENTRIES = 2000;

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ArchiveExtension.class);

  /** Store value: closed by JUnit when the root context (the whole suite) ends. */
  @SuppressWarnings("deprecation")
  static final class Shared implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final IdentityProvider identity;
    final ArchiveServer server;
    final ArchiveClient client;
    private boolean closed;

    Shared() {
      identity = new IdentityProvider();
      server =
          ArchiveServer.create(
              List.of(
                  "-Darchive.ingest.max-entries=" + MAX_ENTRIES,
                  "-Darchive.ingest.max-upload-bytes=" + MAX_UPLOAD_BYTES,
                  // audits in these tests are started through the API, never by the clock
                  "-Darchive.audit.scheduler.enabled=false",
                  // tokens of an external issuer are trusted too, as CTAO's would be
                  "-Darchive.auth.external.jwks-url=" + identity.jwksUrl(),
                  "-Darchive.auth.external.issuer=" + IdentityProvider.ISSUER));
      server.start();
      client = new ArchiveClient(server);
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        server.close();
        identity.close();
      }
    }
  }

  static Shared shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Shared.class, k -> new Shared(), Shared.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ArchiveServer.class
        || type == ArchiveClient.class
        || type == IdentityProvider.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Shared shared = shared(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == IdentityProvider.class) {
      return shared.identity;
    }
    return type == ArchiveServer.class ? shared.server : shared.client;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    printLogTail(context);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable cause)
      throws Throwable {
    printLogTail(context);
    throw cause;
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable cause)
      throws Throwable {
    printLogTail(context);
    throw cause;
  }

  private static void printLogTail(ExtensionContext context) {
    Optional.ofNullable(context.getRoot().getStore(NAMESPACE).get(Shared.class, Shared.class))
        .ifPresent(
            shared ->
                System.out.printf(
                    "[e2e] %s failed; tail of the server log %s:%n%s%n",
                    context.getDisplayName(), shared.server.log(), shared.server.logTail(60)));
  }
}
