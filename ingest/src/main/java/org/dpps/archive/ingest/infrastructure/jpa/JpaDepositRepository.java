package org.dpps.archive.ingest.infrastructure.jpa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.dpps.archive.ingest.domain.Deposit;
import org.dpps.archive.ingest.domain.DepositRepository;
import org.dpps.archive.ingest.domain.DepositSource;
import org.dpps.archive.ingest.domain.DepositState;
import org.dpps.archive.ingest.domain.DepositedProduct;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.platform.database.Database;
import org.dpps.archive.platform.error.Problem;

/** Deposits in the relational database; each save is its own committed transaction. */
@ApplicationScoped
public class JpaDepositRepository implements DepositRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private ArchiveDatabase database;

  protected JpaDepositRepository() {}

  @Inject
  public JpaDepositRepository(ArchiveDatabase database) {
    this.database = database;
  }

  private Database db() {
    return database.get();
  }

  @Override
  public void save(Deposit deposit) {
    db().inTransaction(
            em -> {
              DepositEntity row = em.find(DepositEntity.class, deposit.id());
              boolean isNew = row == null;
              if (isNew) {
                row = new DepositEntity();
                row.id = deposit.id();
              }
              row.state = deposit.state().name();
              row.source = deposit.source().name();
              row.mediaType = deposit.mediaType().orElse(null);
              row.stagedPath = deposit.stagedPath().orElse(null);
              row.uploadComplete = deposit.uploadComplete();
              row.payloadBytes = deposit.payloadBytes();
              row.payloadFiles = deposit.payloadFiles();
              row.receivedAt = deposit.receivedAt();
              row.updatedAt = deposit.updatedAt();
              row.attempts = deposit.attempts();
              row.problems = write(deposit.problems());
              row.products = write(deposit.products());
              if (isNew) {
                em.persist(row);
              }
            });
  }

  @Override
  public Optional<Deposit> find(String id) {
    return db().fromTransaction(em -> Optional.ofNullable(em.find(DepositEntity.class, id)))
        .map(JpaDepositRepository::toDomain);
  }

  @Override
  public List<Deposit> unfinished() {
    return db()
        .fromTransaction(
            em ->
                em.createQuery(
                        "select d from DepositEntity d where d.state not in ('ARCHIVED','REJECTED')"
                            + " order by d.receivedAt",
                        DepositEntity.class)
                    .getResultList())
        .stream()
        .map(JpaDepositRepository::toDomain)
        .toList();
  }

  @Override
  public List<Deposit> recent(Optional<DepositState> state, int limit) {
    return db()
        .fromTransaction(
            em ->
                em.createQuery(
                        "select d from DepositEntity d where (:state is null or d.state = :state)"
                            + " order by d.receivedAt desc, d.id",
                        DepositEntity.class)
                    .setParameter("state", state.map(Enum::name).orElse(null))
                    .setMaxResults(limit)
                    .getResultList())
        .stream()
        .map(JpaDepositRepository::toDomain)
        .toList();
  }

  private static Deposit toDomain(DepositEntity row) {
    return Deposit.restore()
        .id(row.id)
        .state(DepositState.valueOf(row.state))
        .source(DepositSource.valueOf(row.source))
        .mediaType(row.mediaType)
        .stagedPath(row.stagedPath)
        .uploadComplete(row.uploadComplete)
        .payloadBytes(row.payloadBytes)
        .payloadFiles(row.payloadFiles)
        .receivedAt(row.receivedAt)
        .updatedAt(row.updatedAt)
        .attempts(row.attempts)
        .problems(read(row.problems, new TypeReference<List<Problem>>() {}))
        .products(read(row.products, new TypeReference<List<DepositedProduct>>() {}))
        .build();
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise " + value, e);
    }
  }

  private static <T> List<T> read(String json, TypeReference<List<T>> type) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Corrupt deposit column: " + e.getMessage(), e);
    }
  }
}
