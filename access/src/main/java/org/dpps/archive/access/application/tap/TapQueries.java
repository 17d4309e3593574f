package org.dpps.archive.access.application.tap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.dpps.archive.access.domain.tap.AdqlCompiler;
import org.dpps.archive.access.domain.tap.CompiledQuery;
import org.dpps.archive.access.domain.tap.QueryExecutor;
import org.dpps.archive.access.domain.tap.ResultFormat;
import org.dpps.archive.access.domain.tap.ResultSummary;
import org.dpps.archive.access.domain.tap.ResultWriter;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.dpps.archive.access.domain.tap.TapLimits;
import org.dpps.archive.access.domain.tap.TapRequest;
import org.dpps.archive.access.domain.tap.TapSchema;

/**
 * Synchronous TAP queries: a request is checked and compiled before any byte is answered (so a bad
 * query is a 400 error document), then run under a limit of concurrent queries and a time limit,
 * its rows streamed into the chosen format.
 */
@ApplicationScoped
public class TapQueries {
  private AdqlCompiler compiler;
  private QueryExecutor executor;
  private ResultWriter writer;
  private TapSchema schema;
  private TapLimits limits;
  private Semaphore running;
  private long waitSeconds;

  protected TapQueries() {}

  @Inject
  public TapQueries(
      AdqlCompiler compiler,
      QueryExecutor executor,
      ResultWriter writer,
      TapSchema schema,
      TapServiceSettings settings) {
    this.compiler = compiler;
    this.executor = executor;
    this.writer = writer;
    this.schema = schema;
    this.limits = settings.limits();
    this.running = new Semaphore(settings.syncConcurrency(), true);
    this.waitSeconds = settings.syncWaitSeconds();
  }

  /** The limits this service declares. */
  public TapLimits limits() {
    return limits;
  }

  /** The published schema. */
  public TapSchema schema() {
    return schema;
  }

  /**
   * Checks and compiles a request and takes one of the query slots.
   *
   * @throws TapException for bad parameters or ADQL, and {@link TapError#OVERLOADED} when every
   *     slot is busy
   */
  public Prepared prepare(TapRequest request) {
    Compiled compiled = compile(request);
    if (!slot()) {
      throw new TapException(
          TapError.OVERLOADED,
          "the service is running as many queries as it can; try again in a moment");
    }
    return new Prepared(compiled.query(), compiled.format());
  }

  /** Takes a query slot, waiting up to the configured time for one (fair: first come first). */
  private boolean slot() {
    try {
      return running.tryAcquire(waitSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Checks and compiles a request (for a job: no slot is taken, the job runner limits them). */
  public Compiled compile(TapRequest request) {
    String adql = request.adql();
    long maxRec = request.maxRec(limits);
    ResultFormat format = request.format();
    return new Compiled(compiler.compile(adql, schema, maxRec), format);
  }

  /** Runs a compiled query, writing its result to {@code out}. */
  public ResultSummary run(Compiled compiled, Duration timeout, OutputStream out)
      throws IOException {
    CompiledQuery query = compiled.query();
    return executor.run(
        query,
        timeout,
        rows -> writer.write(compiled.format(), query.columns(), rows, query.maxRec(), out));
  }

  /** A query compiled for the database, with the format its result is written in. */
  public record Compiled(CompiledQuery query, ResultFormat format) {}

  /** A checked query holding a slot until it has run (or is closed unrun). */
  public final class Prepared implements AutoCloseable {
    private final CompiledQuery query;
    private final ResultFormat format;
    private boolean released;

    private Prepared(CompiledQuery query, ResultFormat format) {
      this.query = query;
      this.format = format;
    }

    public ResultFormat format() {
      return format;
    }

    /** Runs the query and writes its result to {@code out}; errors after the start go in it. */
    public ResultSummary run(OutputStream out) throws IOException {
      try {
        Duration timeout = Duration.ofSeconds(limits.executionDefaultSeconds());
        return TapQueries.this.run(new Compiled(query, format), timeout, out);
      } finally {
        close();
      }
    }

    @Override
    public synchronized void close() {
      if (!released) {
        released = true;
        running.release();
      }
    }
  }
}
