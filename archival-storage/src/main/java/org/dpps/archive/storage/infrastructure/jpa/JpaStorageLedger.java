package org.dpps.archive.storage.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.StorageLedger;

/** The storage ledger in the tables {@code storage_replica} and {@code storage_intent}. */
@ApplicationScoped
public class JpaStorageLedger implements StorageLedger {
  private ArchiveDatabase database;

  protected JpaStorageLedger() {}

  @Inject
  public JpaStorageLedger(ArchiveDatabase database) {
    this.database = database;
  }

  @Override
  public Set<String> initialisedReplicas() {
    return database
        .get()
        .fromTransaction(
            em ->
                new HashSet<>(
                    em.createQuery("select r.name from ReplicaEntity r", String.class)
                        .getResultList()));
  }

  @Override
  public void replicaInitialised(String name, Path root, Instant at) {
    database
        .get()
        .inTransaction(
            em -> {
              if (em.find(ReplicaEntity.class, name) == null) {
                ReplicaEntity row = new ReplicaEntity();
                row.name = name;
                row.rootPath = root.toString();
                row.initialisedAt = at;
                em.persist(row);
              }
            });
  }

  @Override
  public void writing(ProductId productId, String replica, int version, Instant at) {
    database
        .get()
        .inTransaction(
            em -> {
              if (em.find(
                      IntentEntity.class, new IntentEntity.Key(productId.value(), replica, version))
                  == null) {
                IntentEntity row = new IntentEntity();
                row.productId = productId.value();
                row.replica = replica;
                row.version = version;
                row.startedAt = at;
                em.persist(row);
              }
            });
  }

  @Override
  public void written(ProductId productId, String replica, int version) {
    database
        .get()
        .inTransaction(
            em -> {
              IntentEntity row =
                  em.find(
                      IntentEntity.class,
                      new IntentEntity.Key(productId.value(), replica, version));
              if (row != null) {
                em.remove(row);
              }
            });
  }

  @Override
  public List<WriteIntent> unfinishedWrites() {
    return database
        .get()
        .fromTransaction(
            em ->
                em.createQuery("select i from IntentEntity i", IntentEntity.class)
                    .getResultStream()
                    .map(i -> new WriteIntent(i.productId, i.replica, i.version))
                    .toList());
  }
}
