package org.dpps.archive.access.infrastructure.jdbc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import org.dpps.archive.access.domain.tap.CompiledQuery;
import org.dpps.archive.access.domain.tap.QueryExecutor;
import org.dpps.archive.access.domain.tap.RowSource;
import org.dpps.archive.access.domain.tap.TapError;
import org.dpps.archive.access.domain.tap.TapException;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.hibernate.Session;

/**
 * Runs compiled ADQL through the JDBC connection of a read-only transaction. The SQL names only
 * published tables (the translator writes nothing else) and binds every literal; the statement time
 * limit ({@code setQueryTimeout}) stops a long query without interrupting the thread.
 */
@ApplicationScoped
public class JdbcQueryExecutor implements QueryExecutor {
  private static final int FETCH_SIZE = 1_000;
  private ArchiveDatabase database;

  protected JdbcQueryExecutor() {}

  @Inject
  public JdbcQueryExecutor(ArchiveDatabase database) {
    this.database = database;
  }

  @Override
  public <T> T run(CompiledQuery query, Duration timeout, RowsHandler<T> handler)
      throws IOException {
    try {
      return database
          .get()
          .fromTransaction(
              em ->
                  em.unwrap(Session.class)
                      .doReturningWork(connection -> execute(connection, query, timeout, handler)));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (TapException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failure(e);
    }
  }

  private static <T> T execute(
      Connection connection, CompiledQuery query, Duration timeout, RowsHandler<T> handler)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
      statement.setQueryTimeout(
          (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds())));
      statement.setFetchSize(FETCH_SIZE);
      statement.setMaxRows((int) Math.min(Integer.MAX_VALUE, query.fetchLimit()));
      int i = 1;
      for (Object p : query.parameters()) {
        statement.setObject(i++, p instanceof BigDecimal d ? d : p);
      }
      try (ResultSet rs = statement.executeQuery()) {
        int width = rs.getMetaData().getColumnCount();
        RowSource rows =
            () -> {
              try {
                if (!rs.next()) {
                  return null;
                }
                Object[] row = new Object[width];
                for (int c = 0; c < width; c++) {
                  row[c] = rs.getObject(c + 1);
                }
                return row;
              } catch (SQLException e) {
                throw failure(e);
              }
            };
        return handler.handle(rows);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } catch (SQLTimeoutException e) {
      throw timeout(timeout);
    } catch (SQLException e) {
      if (isTimeout(e)) {
        throw timeout(timeout);
      }
      throw failure(e);
    }
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTimeoutException) {
        return true;
      }
      // H2: 57014 "Statement was canceled or the session timed out"; PostgreSQL: 57014 too
      if (t instanceof SQLException s && "57014".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static TapException timeout(Duration timeout) {
    return new TapException(
        TapError.TIMEOUT,
        "the query ran longer than its execution duration of "
            + timeout.toSeconds()
            + " s and was stopped; narrow it (a TOP, a smaller region or time range)");
  }

  private static TapException failure(Throwable e) {
    if (isTimeout(e)) {
      return new TapException(TapError.TIMEOUT, "the query ran longer than its execution duration");
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // the first line only: H2 appends the SQL it was given, which names physical tables
    int cut = message.indexOf("; SQL statement");
    message = cut > 0 ? message.substring(0, cut) : message.lines().findFirst().orElse(message);
    return new TapException(TapError.EXECUTION_FAILED, "the database failed: " + message);
  }
}
