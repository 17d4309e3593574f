package org.dpps.archive.access.infrastructure.jpa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.dpps.archive.access.domain.tap.TapJob;
import org.dpps.archive.access.domain.tap.TapJobRepository;
import org.dpps.archive.access.domain.tap.TapPhase;
import org.dpps.archive.platform.database.ArchiveDatabase;

/** UWS jobs in table {@code tap_job}, through native SQL (no entity: a row is a value). */
@ApplicationScoped
public class JpaTapJobRepository implements TapJobRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "id, owner, phase, run_id, parameters, created_at, started_at, ended_at,"
          + " execution_duration, destruction, result_format, result_rows, result_overflow,"
          + " error_message";
  private ArchiveDatabase database;

  protected JpaTapJobRepository() {}

  @Inject
  public JpaTapJobRepository(ArchiveDatabase database) {
    this.database = database;
  }

  @Override
  public void create(TapJob job) {
    database
        .get()
        .inTransaction(
            em -> {
              var insert =
                  em.createNativeQuery(
                      "insert into tap_job ("
                          + COLUMNS
                          + ") values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                          + " ?14)");
              bind(insert, job);
              insert.executeUpdate();
            });
  }

  @Override
  public Optional<TapJob> find(String id) {
    return database.get().fromTransaction(em -> read(em, id, false));
  }

  @Override
  public Optional<TapJob> update(String id, UnaryOperator<TapJob> change) {
    return database
        .get()
        .fromTransaction(
            em -> {
              Optional<TapJob> current = read(em, id, true);
              if (current.isEmpty()) {
                return Optional.<TapJob>empty();
              }
              TapJob changed = change.apply(current.get());
              var update =
                  em.createNativeQuery(
                      "update tap_job set id = ?1, owner = ?2, phase = ?3, run_id = ?4,"
                          + " parameters = ?5, created_at = ?6, started_at = ?7, ended_at = ?8,"
                          + " execution_duration = ?9, destruction = ?10, result_format = ?11,"
                          + " result_rows = ?12, result_overflow = ?13, error_message = ?14"
                          + " where id = ?1");
              bind(update, changed);
              update.executeUpdate();
              return Optional.of(changed);
            });
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<TapJob> list(String owner, List<TapPhase> phases, Instant after, int limit) {
    return database
        .get()
        .fromTransaction(
            em -> {
              StringBuilder sql =
                  new StringBuilder("select " + COLUMNS + " from tap_job where ")
                      .append(owner == null ? "owner is null" : "owner = ?1");
              if (after != null) {
                sql.append(" and created_at > ?2");
              }
              sql.append(" order by created_at desc, id");
              var query = em.createNativeQuery(sql.toString());
              if (owner != null) {
                query.setParameter(1, owner);
              }
              if (after != null) {
                query.setParameter(2, OffsetDateTime.ofInstant(after, ZoneOffset.UTC));
              }
              List<TapJob> jobs = new ArrayList<>();
              for (Object[] row : (List<Object[]>) query.getResultList()) {
                TapJob job = job(row);
                if (phases.isEmpty() || phases.contains(job.phase())) {
                  jobs.add(job);
                }
                if (jobs.size() >= limit) {
                  break;
                }
              }
              return jobs;
            });
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> destructibleAt(Instant now) {
    return database
        .get()
        .fromTransaction(
            em ->
                (List<String>)
                    em.createNativeQuery("select id from tap_job where destruction <= ?1")
                        .setParameter(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                        .getResultList());
  }

  @Override
  public void delete(String id) {
    database
        .get()
        .inTransaction(
            em ->
                em.createNativeQuery("delete from tap_job where id = ?1")
                    .setParameter(1, id)
                    .executeUpdate());
  }

  @SuppressWarnings("unchecked")
  private static Optional<TapJob> read(EntityManager em, String id, boolean lock) {
    List<Object[]> rows =
        em.createNativeQuery(
                "select " + COLUMNS + " from tap_job where id = ?1" + (lock ? " for update" : ""))
            .setParameter(1, id)
            .getResultList();
    return rows.stream().findFirst().map(JpaTapJobRepository::job);
  }

  private static void bind(jakarta.persistence.Query q, TapJob job) {
    q.setParameter(1, job.id());
    q.setParameter(2, job.owner());
    q.setParameter(3, job.phase().name());
    q.setParameter(4, job.runId());
    try {
      q.setParameter(5, JSON.writeValueAsString(new TreeMap<>(job.parameters())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    q.setParameter(6, time(job.created()));
    q.setParameter(7, time(job.started()));
    q.setParameter(8, time(job.ended()));
    q.setParameter(9, (int) job.executionDuration());
    q.setParameter(10, time(job.destruction()));
    q.setParameter(11, job.resultFormat());
    q.setParameter(12, job.resultRows());
    q.setParameter(13, job.overflow());
    q.setParameter(14, job.error());
  }

  private static OffsetDateTime time(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static TapJob job(Object[] r) {
    Map<String, String> parameters;
    try {
      parameters = JSON.readValue((String) r[4], new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable parameters of TAP job " + r[0], e);
    }
    return new TapJob(
        (String) r[0],
        (String) r[1],
        TapPhase.valueOf((String) r[2]),
        (String) r[3],
        parameters,
        instant(r[5]),
        instant(r[6]),
        instant(r[7]),
        ((Number) r[8]).longValue(),
        instant(r[9]),
        (String) r[10],
        r[11] == null ? null : ((Number) r[11]).longValue(),
        (Boolean) r[12],
        (String) r[13]);
  }

  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.ZonedDateTime z) {
      return z.toInstant();
    }
    throw new IllegalStateException("not a time: " + value.getClass());
  }
}
