package org.dpps.archive.planning.infrastructure.jpa;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dpps.archive.planning.domain.MigrationPlan;
import org.dpps.archive.planning.domain.MigrationPlanRepository;
import org.dpps.archive.platform.database.ArchiveDatabase;

/** Migration plans in the tables {@code migration_plan} and {@code migration_item}. */
@ApplicationScoped
public class JpaMigrationPlanRepository implements MigrationPlanRepository {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private ArchiveDatabase database;

  protected JpaMigrationPlanRepository() {}

  @Inject
  public JpaMigrationPlanRepository(ArchiveDatabase database) {
    this.database = database;
  }

  @Override
  public void create(MigrationPlan.Stored plan) {
    MigrationPlanEntity row = new MigrationPlanEntity();
    row.id = plan.id();
    row.name = plan.name();
    row.sourceFormat = plan.sourceFormat();
    row.targetFormat = plan.targetFormat();
    row.actionId = plan.actionId();
    row.actionView = json(plan.action());
    row.cwlDocument = plan.cwlDocument();
    row.products = plan.products() == null ? null : json(plan.products());
    row.state = plan.state().name();
    row.createdAt = plan.createdAt();
    row.createdBy = plan.createdBy();
    row.startedAt = plan.startedAt();
    row.finishedAt = plan.finishedAt();
    database.get().inTransaction(em -> em.persist(row));
  }

  @Override
  public Optional<MigrationPlan.Stored> find(String id) {
    return database
        .get()
        .fromTransaction(em -> Optional.ofNullable(em.find(MigrationPlanEntity.class, id)))
        .map(JpaMigrationPlanRepository::stored);
  }

  @Override
  public List<MigrationPlan.Stored> list(int limit) {
    return database
        .get()
        .fromTransaction(
            em ->
                em.createQuery(
                        "select p from MigrationPlanEntity p order by p.createdAt desc",
                        MigrationPlanEntity.class)
                    .setMaxResults(limit)
                    .getResultList())
        .stream()
        .map(JpaMigrationPlanRepository::stored)
        .toList();
  }

  @Override
  public List<MigrationPlan.ItemView> items(String id, String state, int limit, int offset) {
    return database
        .get()
        .fromTransaction(
            em -> {
              var q =
                  em.createQuery(
                      "select i from MigrationItemEntity i where i.planId = :p"
                          + (state == null ? "" : " and i.state = :s")
                          + " order by i.seq",
                      MigrationItemEntity.class);
              q.setParameter("p", id);
              if (state != null) {
                q.setParameter("s", state);
              }
              return q.setFirstResult(offset).setMaxResults(limit).getResultList();
            })
        .stream()
        .map(JpaMigrationPlanRepository::itemView)
        .toList();
  }

  @Override
  public int start(String id, Map<String, long[]> affected, Instant now) {
    return database
        .get()
        .fromTransaction(
            em -> {
              Integer max =
                  em.createQuery(
                          "select max(i.seq) from MigrationItemEntity i where i.planId = :p",
                          Integer.class)
                      .setParameter("p", id)
                      .getSingleResult();
              int seq = max == null ? 0 : max;
              Set<String> known =
                  new HashSet<>(
                      em.createQuery(
                              "select i.productId from MigrationItemEntity i where i.planId = :p",
                              String.class)
                          .setParameter("p", id)
                          .getResultList());
              int n = 0;
              for (var e : affected.entrySet()) {
                if (!known.contains(e.getKey())) {
                  MigrationItemEntity item = new MigrationItemEntity();
                  item.planId = id;
                  item.productId = e.getKey();
                  item.seq = ++seq;
                  item.state = "PENDING";
                  item.files = (int) e.getValue()[0];
                  item.bytesBefore = e.getValue()[1];
                  item.updatedAt = now;
                  em.persist(item);
                  n++;
                }
              }
              MigrationPlanEntity p = em.find(MigrationPlanEntity.class, id);
              p.state = MigrationPlan.State.RUNNING.name();
              p.startedAt = now;
              p.finishedAt = null;
              return n;
            });
  }

  @Override
  public void end(String id, MigrationPlan.State state, Instant now) {
    database
        .get()
        .inTransaction(
            em -> {
              MigrationPlanEntity p = em.find(MigrationPlanEntity.class, id);
              p.state = state.name();
              p.finishedAt = now;
            });
  }

  @Override
  public List<String> running() {
    return database
        .get()
        .fromTransaction(
            em ->
                em.createQuery(
                        "select p.id from MigrationPlanEntity p where p.state = 'RUNNING'"
                            + " order by p.startedAt",
                        String.class)
                    .getResultList());
  }

  @Override
  public List<MigrationPlan.ItemView> pending(String id, int n) {
    return items(id, "PENDING", n, 0);
  }

  @Override
  public int attempt(String id, String productId, Instant now) {
    return database
        .get()
        .fromTransaction(
            em -> {
              MigrationItemEntity item =
                  em.find(MigrationItemEntity.class, new MigrationItemEntity.Key(id, productId));
              item.attempts++;
              item.updatedAt = now;
              return item.attempts;
            });
  }

  @Override
  public void record(String id, String productId, MigrationPlan.ItemOutcome o, Instant now) {
    database
        .get()
        .inTransaction(
            em -> {
              MigrationItemEntity item =
                  em.find(MigrationItemEntity.class, new MigrationItemEntity.Key(id, productId));
              item.state = o.state();
              item.fromVersion = o.fromVersion();
              item.toVersion = o.toVersion();
              if (o.state().equals("MIGRATED") && o.files() > 0) {
                item.files = o.files();
                item.bytesBefore = o.bytesBefore();
                item.bytesAfter = o.bytesAfter();
              }
              item.millis = o.millis();
              item.detail = json(o.detail());
              item.updatedAt = now;
            });
  }

  @Override
  public MigrationPlan.Counts counts(String id) {
    List<Object[]> rows =
        database
            .get()
            .fromTransaction(
                em ->
                    em.createQuery(
                            "select i.state, count(i) from MigrationItemEntity i where i.planId ="
                                + " :p group by i.state",
                            Object[].class)
                        .setParameter("p", id)
                        .getResultList());
    Map<String, Integer> by = new LinkedHashMap<>();
    int total = 0;
    for (Object[] r : rows) {
      int n = ((Number) r[1]).intValue();
      by.put((String) r[0], n);
      total += n;
    }
    return new MigrationPlan.Counts(
        total,
        by.getOrDefault("PENDING", 0),
        by.getOrDefault("MIGRATED", 0),
        by.getOrDefault("FAILED", 0),
        by.getOrDefault("SKIPPED", 0));
  }

  @Override
  public MigrationPlan.Totals totals(String id, Instant since) {
    Object[] sums =
        database
            .get()
            .fromTransaction(
                em -> {
                  var q =
                      em.createQuery(
                          "select sum(i.bytesBefore), sum(i.bytesAfter), sum(i.millis), count(i)"
                              + " from MigrationItemEntity i where i.planId = :p and i.state ="
                              + " 'MIGRATED' and i.files > 0"
                              + (since == null ? "" : " and i.updatedAt >= :since"),
                          Object[].class);
                  q.setParameter("p", id);
                  if (since != null) {
                    q.setParameter("since", since);
                  }
                  return q.getSingleResult();
                });
    return new MigrationPlan.Totals(
        number(sums[0]), number(sums[1]), number(sums[2]), number(sums[3]));
  }

  private static long number(Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }

  private static MigrationPlan.Stored stored(MigrationPlanEntity row) {
    try {
      return new MigrationPlan.Stored(
          row.id,
          row.name,
          row.sourceFormat,
          row.targetFormat,
          row.actionId,
          JSON.readValue(row.actionView, MigrationPlan.ActionView.class),
          row.cwlDocument,
          row.products == null ? null : List.copyOf(JSON.readValue(row.products, STRINGS)),
          MigrationPlan.State.valueOf(row.state),
          row.createdAt,
          row.createdBy,
          row.startedAt,
          row.finishedAt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MigrationPlan.ItemView itemView(MigrationItemEntity i) {
    Map<String, Object> detail = null;
    try {
      detail = i.detail == null ? null : JSON.readValue(i.detail, MAP);
    } catch (IOException e) {
      // shown as null
    }
    return new MigrationPlan.ItemView(
        i.productId,
        i.seq,
        i.state,
        i.fromVersion,
        i.toVersion,
        i.files,
        i.bytesBefore,
        i.bytesAfter,
        i.millis,
        i.attempts,
        detail,
        i.updatedAt);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
