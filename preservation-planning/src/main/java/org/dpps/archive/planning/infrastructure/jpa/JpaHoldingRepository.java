package org.dpps.archive.planning.infrastructure.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.dpps.archive.planning.domain.HoldingRepository;
import org.dpps.archive.planning.domain.ProfiledFile;
import org.dpps.archive.platform.database.ArchiveDatabase;

/** The profiled holdings in the table {@code holding_file}. */
@ApplicationScoped
public class JpaHoldingRepository implements HoldingRepository {
  private ArchiveDatabase database;

  protected JpaHoldingRepository() {}

  @Inject
  public JpaHoldingRepository(ArchiveDatabase database) {
    this.database = database;
  }

  @Override
  public void replace(List<String> productIds, List<ProfiledFile> files) {
    List<HoldingFileEntity> rows = files.stream().map(JpaHoldingRepository::row).toList();
    database
        .get()
        .inTransaction(
            em -> {
              em.createQuery("delete from HoldingFileEntity h where h.productId in :p")
                  .setParameter("p", productIds)
                  .executeUpdate();
              rows.forEach(em::persist);
            });
  }

  @Override
  public List<String> stale() {
    return database
        .get()
        .fromTransaction(
            em -> {
              @SuppressWarnings("unchecked")
              List<String> ids =
                  em.createNativeQuery(
                          "select c.product_id from catalogue_entry c left join"
                              + " (select product_id, max(version) as v from holding_file"
                              + " group by product_id) h on h.product_id = c.product_id"
                              + " where h.v is null or h.v <> c.version"
                              + " order by c.product_id")
                      .getResultList();
              return ids;
            });
  }

  @Override
  public List<ProfiledFile> list() {
    List<Object[]> rows =
        database
            .get()
            .fromTransaction(
                em ->
                    em.createQuery(
                            "select h.productId, h.version, h.path, h.size, h.dataLevel,"
                                + " h.mediaType, h.profile from HoldingFileEntity h"
                                + " order by h.productId, h.path",
                            Object[].class)
                        .getResultList());
    return rows.stream()
        .map(
            r ->
                new ProfiledFile(
                    (String) r[0],
                    (String) r[2],
                    (Integer) r[1],
                    (Long) r[3],
                    (String) r[5],
                    (String) r[6],
                    (String) r[4]))
        .toList();
  }

  private static HoldingFileEntity row(ProfiledFile f) {
    HoldingFileEntity row = new HoldingFileEntity();
    row.productId = f.productId();
    row.path = f.path();
    row.version = f.version();
    row.size = f.size();
    row.mediaType = f.mediaType();
    row.profile = f.profile();
    row.dataLevel = f.dataLevel();
    return row;
  }
}
