package org.dpps.archive.planning.infrastructure.jpa;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dpps.archive.planning.domain.FormatChange;
import org.dpps.archive.planning.domain.FormatEntry;
import org.dpps.archive.planning.domain.FormatRegistryRepository;
import org.dpps.archive.platform.database.ArchiveDatabase;

/** The format registry in the table {@code format_entry}, its changes in {@code format_change}. */
@ApplicationScoped
public class JpaFormatRegistryRepository implements FormatRegistryRepository {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private ArchiveDatabase database;

  protected JpaFormatRegistryRepository() {}

  @Inject
  public JpaFormatRegistryRepository(ArchiveDatabase database) {
    this.database = database;
  }

  @Override
  public List<FormatEntry> list() {
    return database
        .get()
        .fromTransaction(
            em ->
                em
                    .createQuery(
                        "select f from FormatEntryEntity f order by f.id", FormatEntryEntity.class)
                    .getResultList()
                    .stream()
                    .map(JpaFormatRegistryRepository::toEntry)
                    .toList());
  }

  @Override
  public List<FormatChange> history(String formatId, int limit) {
    return database
        .get()
        .fromTransaction(
            em -> {
              var query =
                  em.createQuery(
                      "select c from FormatChangeEntity c"
                          + (formatId == null ? "" : " where c.formatId = :id")
                          + " order by c.changedAt desc, c.revision desc",
                      FormatChangeEntity.class);
              if (formatId != null) {
                query.setParameter("id", formatId);
              }
              return query.setMaxResults(limit).getResultList();
            })
        .stream()
        .map(JpaFormatRegistryRepository::toChange)
        .toList();
  }

  @Override
  public List<String> addAbsent(List<Revision> revisions) {
    List<String> added = new ArrayList<>();
    database
        .get()
        .inTransaction(
            em -> {
              for (Revision r : revisions) {
                if (em.find(FormatEntryEntity.class, r.entry().id()) == null) {
                  em.persist(toEntity(r.entry()));
                  em.persist(toEntity(r.change()));
                  added.add(r.entry().id());
                }
              }
            });
    return added;
  }

  @Override
  public void add(Revision revision) {
    database
        .get()
        .inTransaction(
            em -> {
              em.persist(toEntity(revision.entry()));
              em.persist(toEntity(revision.change()));
            });
  }

  @Override
  public boolean replace(int current, Revision revision) {
    return database
        .get()
        .fromTransaction(
            em -> {
              FormatEntryEntity row = em.find(FormatEntryEntity.class, revision.entry().id());
              if (row == null || row.revision != current) {
                return false;
              }
              copy(revision.entry(), row);
              em.persist(toEntity(revision.change()));
              return true;
            });
  }

  private static FormatChangeEntity toEntity(FormatChange change) {
    FormatChangeEntity c = new FormatChangeEntity();
    c.id = UUID.randomUUID().toString();
    c.formatId = change.formatId();
    c.revision = change.revision();
    c.changedAt = change.changedAt();
    c.changedBy = change.changedBy();
    c.reason = change.reason();
    try {
      c.before = change.before() == null ? null : JSON.writeValueAsString(change.before());
      c.after = JSON.writeValueAsString(change.after());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return c;
  }

  private static FormatChange toChange(FormatChangeEntity c) {
    try {
      return new FormatChange(
          c.formatId,
          c.revision,
          c.changedAt,
          c.changedBy,
          c.reason,
          c.before == null ? null : JSON.readValue(c.before, MAP),
          JSON.readValue(c.after, MAP));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FormatEntryEntity toEntity(FormatEntry e) {
    FormatEntryEntity row = new FormatEntryEntity();
    row.id = e.id();
    copy(e, row);
    return row;
  }

  private static void copy(FormatEntry e, FormatEntryEntity row) {
    row.name = e.name();
    row.mediaType = e.mediaType();
    row.profile = e.profile();
    row.version = e.version();
    row.pronom = e.pronom();
    row.status = e.status();
    try {
      row.reasons = JSON.writeValueAsString(e.reasons());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    row.specification = e.specification();
    row.revision = e.revision();
    row.updatedAt = e.updatedAt();
    row.updatedBy = e.updatedBy();
  }

  private static FormatEntry toEntry(FormatEntryEntity row) {
    try {
      return new FormatEntry(
          row.id,
          row.name,
          row.mediaType,
          row.profile,
          row.version,
          row.pronom,
          row.status,
          JSON.readValue(row.reasons, STRINGS),
          row.specification,
          row.revision,
          row.updatedAt,
          row.updatedBy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
