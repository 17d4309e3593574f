package org.dpps.archive.access.infrastructure.jpa;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.dpps.archive.access.domain.SearchResult;
import org.dpps.archive.schemas.model.DescriptiveRecord;
import org.hibernate.search.mapper.orm.Search;

/** Writes and reads catalogue rows from descriptive records. */
public final class CatalogueRows {
  private CatalogueRows() {}

  public static void upsert(EntityManager em, DescriptiveRecord record, int version) {
    CatalogueEntryEntity row = em.find(CatalogueEntryEntity.class, record.productId());
    boolean isNew = row == null;
    if (isNew) {
      row = new CatalogueEntryEntity();
      row.productId = record.productId();
    }
    row.version = version;
    row.description = record.description();
    row.dataLevels = record.dataLevels().isEmpty() ? null : String.join(",", record.dataLevels());
    row.dataCategory = record.dataCategory();
    row.obsId = record.obsId();
    row.target = record.object();
    row.ra = record.raPnt();
    row.dec = record.decPnt();
    row.timeStart = record.timeStart() == null ? null : Instant.parse(record.timeStart());
    row.timeStop = record.timeStop() == null ? null : Instant.parse(record.timeStop());
    row.ontime = record.ontime();
    row.telescope = record.telescope();
    row.instrument = record.instrument();
    row.site = record.instrumentSite();
    DescriptiveRecord.FileEntry first = record.files().isEmpty() ? null : record.files().get(0);
    row.format = first == null ? null : first.mediaType();
    row.pronom = first == null ? null : first.pronom();
    row.sizeBytes = record.totalSize();
    row.fileCount = record.files().size();
    row.depositId = record.depositId();
    row.depositedAt = Instant.parse(record.depositedAt());
    row.releaseDate = record.embargo().releaseDate().orElse(null);
    row.accessGroup = record.accessGroup();
    row.record = new String(record.toJson(), StandardCharsets.UTF_8);
    row.files.clear();
    for (DescriptiveRecord.FileEntry f : record.files()) {
      CatalogueFileEmbeddable file = new CatalogueFileEmbeddable();
      file.path = f.path();
      file.size = f.size();
      file.mediaType = f.mediaType();
      file.pronom = f.pronom();
      file.sha512 = f.sha512();
      file.sha256 = f.sha256();
      file.adler32 = f.adler32();
      row.files.add(file);
    }
    if (isNew) {
      em.persist(row);
    } else {
      // reindex even when no indexed column changed: derived fields or analyzers may have changed
      Search.session(em).indexingPlan().addOrUpdate(row);
    }
  }

  /**
   * A search hit from the row's columns alone: neither the record JSON nor the files are read (they
   * were half of the CPU of a search, see docs/benchmarks.md).
   */
  public static SearchResult.Hit hit(CatalogueEntryEntity row, Instant now) {
    return new SearchResult.Hit(
        row.productId,
        row.version,
        row.description,
        row.getLevels(),
        row.target,
        row.obsId,
        row.ra,
        row.dec,
        row.timeStart == null ? null : row.timeStart.toString(),
        row.timeStop == null ? null : row.timeStop.toString(),
        row.instrument,
        row.format,
        row.sizeBytes,
        row.fileCount,
        row.depositedAt.toString(),
        "/api/v1/products/" + row.productId,
        row.releaseDate == null || !now.isBefore(row.releaseDate)
            ? null
            : row.releaseDate.toString());
  }

  public static Integer version(EntityManager em, String productId) {
    CatalogueEntryEntity row = em.find(CatalogueEntryEntity.class, productId);
    return row == null ? null : row.version;
  }

  public static DescriptiveRecord record(CatalogueEntryEntity row) {
    return DescriptiveRecord.fromJson(row.record.getBytes(StandardCharsets.UTF_8));
  }

  public static void deleteAll(EntityManager em) {
    for (CatalogueEntryEntity row :
        em.createQuery("select e from CatalogueEntryEntity e", CatalogueEntryEntity.class)
            .getResultList()) {
      em.remove(row);
    }
  }

  /** {products, files}. */
  public static long[] counts(EntityManager em) {
    long products =
        em.createQuery("select count(e) from CatalogueEntryEntity e", Long.class).getSingleResult();
    long files =
        em.createQuery("select count(f) from CatalogueEntryEntity e join e.files f", Long.class)
            .getSingleResult();
    return new long[] {products, files};
  }

  public static Optional<String> productWithFile(EntityManager em, String sha512) {
    return em
        .createQuery(
            "select e.productId from CatalogueEntryEntity e join e.files f where f.sha512 = :d"
                + " order by e.productId",
            String.class)
        .setParameter("d", sha512)
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst();
  }
}
