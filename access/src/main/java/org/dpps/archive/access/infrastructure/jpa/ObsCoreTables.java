package org.dpps.archive.access.infrastructure.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dpps.archive.access.domain.tap.ObsCoreRows;

/**
 * Writes the published TAP tables ({@code ivoa.obscore}, {@code ivoa.obscore_hea}, {@code
 * ctao.observation}) in the catalogue's transaction, so that they cannot differ from it. The column
 * names come from {@link ObsCoreRows}, which only the archive's own mapping fills.
 */
final class ObsCoreTables {
  static final String OBSCORE = "ivoa.obscore";
  static final String HEA = "ivoa.obscore_hea";
  static final String OBSERVATION = "ctao.observation";

  private ObsCoreTables() {}

  /** Replaces a product's rows with {@code rows}; empty removes them (not an ObsCore product). */
  static void replace(EntityManager em, String productId, Optional<ObsCoreRows> rows) {
    for (String table : new String[] {HEA, OBSERVATION, OBSCORE}) {
      em.createNativeQuery("delete from " + table + " where product_id = ?1")
          .setParameter(1, productId)
          .executeUpdate();
    }
    rows.ifPresent(
        r -> {
          insert(em, OBSCORE, r.obscore());
          insert(em, HEA, r.hea());
          insert(em, OBSERVATION, r.observation());
        });
  }

  /** Removes every published row. */
  static void deleteAll(EntityManager em) {
    for (String table : new String[] {HEA, OBSERVATION, OBSCORE}) {
      em.createNativeQuery("delete from " + table).executeUpdate();
    }
  }

  private static void insert(EntityManager em, String table, Map<String, Object> values) {
    String columns = String.join(", ", values.keySet());
    String marks = values.keySet().stream().map(k -> "?").collect(Collectors.joining(", "));
    Query insert =
        em.createNativeQuery("insert into " + table + " (" + columns + ") values (" + marks + ")");
    int i = 1;
    for (Object v : values.values()) {
      insert.setParameter(
          i++, v instanceof Instant t ? LocalDateTime.ofInstant(t, ZoneOffset.UTC) : v);
    }
    insert.executeUpdate();
  }
}
