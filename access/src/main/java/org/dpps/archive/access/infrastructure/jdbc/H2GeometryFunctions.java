package org.dpps.archive.access.infrastructure.jdbc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.dpps.archive.access.domain.tap.GeometryFunctions;
import org.dpps.archive.access.infrastructure.adql.H2Sphere;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.hibernate.Session;

/**
 * Registers the ADQL geometry functions in H2 with {@code CREATE ALIAS IF NOT EXISTS}, in the
 * public schema (the TAP user reaches them through the PUBLIC role). Other databases are left
 * alone: PostgreSQL gets pgSphere's operators instead.
 */
@ApplicationScoped
public class H2GeometryFunctions implements GeometryFunctions {
  private ArchiveDatabase database;

  protected H2GeometryFunctions() {}

  @Inject
  public H2GeometryFunctions(ArchiveDatabase database) {
    this.database = database;
  }

  @Override
  public int install() {
    return database
        .get()
        .fromTransaction(
            em -> em.unwrap(Session.class).doReturningWork(H2GeometryFunctions::install));
  }

  /** Creates the aliases on an H2 database (idempotent); 0 on any other database. */
  public static int install(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    if (product == null || !product.toUpperCase(Locale.ROOT).contains("H2")) {
      return 0;
    }
    try (Statement s = connection.createStatement()) {
      for (String[] alias : H2Sphere.aliases()) {
        s.execute(
            "CREATE ALIAS IF NOT EXISTS " + alias[0] + " DETERMINISTIC FOR \"" + alias[1] + "\"");
      }
      return H2Sphere.aliases().length;
    }
  }
}
