package org.dpps.archive.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.platform.internal.jpa.CheckpointEntity;
import org.dpps.archive.platform.internal.jpa.EventEntity;
import org.dpps.archive.platform.signing.ArchiveKeys;
import org.dpps.archive.platform.signing.Seal;
import org.dpps.archive.platform.signing.Sealer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The archive's append-only, hash-chained event log (deposits, replication, audits, repairs). Each
 * entry's hash covers its content and the previous hash; every {@code
 * archive.events.checkpoint-every} entries (and on request) the latest hash is signed with the
 * archive's Ed25519 key. {@link #verify()} recomputes the chain and checks every checkpoint.
 */
@ApplicationScoped
public class EventLog {
  static final String GENESIS = "0".repeat(64);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private ArchiveDatabase database;
  private ArchiveKeys keys;
  private Clock clock;
  private int checkpointEvery;

  protected EventLog() {}

  @Inject
  public EventLog(
      ArchiveDatabase database,
      ArchiveKeys keys,
      Clock clock,
      @ConfigProperty(name = "archive.events.checkpoint-every", defaultValue = "100")
          int checkpointEvery) {
    this.database = database;
    this.keys = keys;
    this.clock = clock;
    this.checkpointEvery = Math.max(1, checkpointEvery);
  }

  /** Appends one event (its own transaction) and returns it with its sequence number and hash. */
  public synchronized ArchiveEvent append(
      EventType type,
      ArchiveEvent.Outcome outcome,
      String productId,
      String replica,
      String agent,
      Map<String, ?> detail) {
    Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String detailJson = canonical(detail);
    ArchiveEvent event =
        database
            .get()
            .fromTransaction(
                em -> {
                  EventEntity last = last(em);
                  long seq = last == null ? 1 : last.seq + 1;
                  String prev = last == null ? GENESIS : last.hash;
                  EventEntity row = new EventEntity();
                  row.seq = seq;
                  row.occurredAt = at;
                  row.type = type.name();
                  row.premisType = type.premisCode().orElse(null);
                  row.outcome = outcome.name();
                  row.productId = productId;
                  row.replica = replica;
                  row.agent = agent;
                  row.detail = detailJson;
                  row.prevHash = prev;
                  row.hash = hashOf(row);
                  em.persist(row);
                  return toEvent(row);
                });
    if (event.seq() % checkpointEvery == 0) {
      checkpoint();
    }
    return event;
  }

  /** Signs the hash of the latest event, unless it is already signed; returns the seq signed. */
  public synchronized long checkpoint() {
    return database
        .get()
        .fromTransaction(
            em -> {
              EventEntity last = last(em);
              if (last == null) {
                return 0L;
              }
              if (em.find(CheckpointEntity.class, last.seq) != null) {
                return last.seq;
              }
              Sealer sealer = keys.sealer();
              Seal seal = sealer.seal("event-log", checkpointBytes(last.seq, last.hash));
              CheckpointEntity cp = new CheckpointEntity();
              cp.seq = last.seq;
              cp.hash = last.hash;
              cp.signedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
              cp.keyId = seal.keyId();
              cp.signature = Base64.getEncoder().encodeToString(seal.signature());
              em.persist(cp);
              return last.seq;
            });
  }

  private static byte[] checkpointBytes(long seq, String hash) {
    return ("dpps-archive event-log checkpoint\nseq=" + seq + "\nhash=" + hash + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static EventEntity last(EntityManager em) {
    List<EventEntity> rows =
        em.createQuery("select e from EventEntity e order by e.seq desc", EventEntity.class)
            .setMaxResults(1)
            .getResultList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** The events about one product, oldest first. */
  public List<ArchiveEvent> forProduct(String productId) {
    return database
        .get()
        .fromTransaction(
            em ->
                em.createQuery(
                        "select e from EventEntity e where e.productId = :p order by e.seq",
                        EventEntity.class)
                    .setParameter("p", productId)
                    .getResultStream()
                    .map(EventLog::toEvent)
                    .toList());
  }

  /** The latest events, newest first, optionally of one type. */
  public List<ArchiveEvent> recent(EventType type, int limit) {
    return database
        .get()
        .fromTransaction(
            em -> {
              var q =
                  type == null
                      ? em.createQuery(
                          "select e from EventEntity e order by e.seq desc", EventEntity.class)
                      : em.createQuery(
                              "select e from EventEntity e where e.type = :t order by e.seq desc",
                              EventEntity.class)
                          .setParameter("t", type.name());
              return q.setMaxResults(limit).getResultStream().map(EventLog::toEvent).toList();
            });
  }

  /** The result of checking the whole chain and every checkpoint. */
  public record Verification(
      boolean valid,
      long events,
      long checkpoints,
      long lastSeq,
      String lastHash,
      Long lastCheckpointSeq,
      List<String> problems) {}

  /** Recomputes every hash and link, and checks every checkpoint's hash and signature. */
  public Verification verify() {
    List<CheckpointEntity> checkpoints =
        database
            .get()
            .fromTransaction(
                em ->
                    em.createQuery(
                            "select c from CheckpointEntity c order by c.seq",
                            CheckpointEntity.class)
                        .getResultList());
    // the hash of each checkpointed event, collected while the chain is walked page by page
    Map<Long, String> checkpointed = new LinkedHashMap<>();
    checkpoints.forEach(cp -> checkpointed.put(cp.seq, ""));
    List<String> problems = new ArrayList<>();
    long lastSeq = 0;
    long count = 0;
    String prev = GENESIS;
    while (true) {
      final long after = lastSeq;
      List<EventEntity> rows =
          database
              .get()
              .fromTransaction(
                  em ->
                      em.createQuery(
                              "select e from EventEntity e where e.seq > :s order by e.seq",
                              EventEntity.class)
                          .setParameter("s", after)
                          .setMaxResults(PAGE)
                          .getResultList());
      for (EventEntity row : rows) {
        if (row.seq != lastSeq + 1) {
          problems.add("event " + row.seq + ": expected seq " + (lastSeq + 1) + " (gap)");
        }
        if (!row.prevHash.equals(prev)) {
          problems.add("event " + row.seq + ": does not link to the previous event's hash");
        }
        if (!hashOf(row).equals(row.hash)) {
          problems.add("event " + row.seq + ": content does not match its hash");
        }
        checkpointed.computeIfPresent(row.seq, (seq, notYet) -> row.hash);
        prev = row.hash;
        lastSeq = row.seq;
        count++;
      }
      if (rows.size() < PAGE) {
        break;
      }
    }
    Sealer sealer = keys.sealer();
    byte[] publicKey = Base64.getDecoder().decode(keys.publicKey());
    for (CheckpointEntity cp : checkpoints) {
      if (cp.seq > lastSeq) {
        problems.add(
            "checkpoint "
                + cp.seq
                + ": the log ends at "
                + lastSeq
                + " (events after it were removed)");
        continue;
      }
      if (!cp.hash.equals(checkpointed.get(cp.seq))) {
        problems.add("checkpoint " + cp.seq + ": signed hash differs from the event's hash");
      }
      Seal seal =
          new Seal(cp.keyId, publicKey, "event-log", Base64.getDecoder().decode(cp.signature));
      if (!sealer.verify(seal, checkpointBytes(cp.seq, cp.hash))) {
        problems.add("checkpoint " + cp.seq + ": signature does not verify");
      }
    }
    return new Verification(
        problems.isEmpty(),
        count,
        checkpoints.size(),
        lastSeq,
        prev,
        checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1).seq,
        List.copyOf(problems.subList(0, Math.min(problems.size(), 1000))));
  }

  private static final int PAGE = 2000;

  static String hashOf(EventEntity row) {
    String content =
        String.join(
            "\n",
            Long.toString(row.seq),
            row.occurredAt.truncatedTo(ChronoUnit.MICROS).toString(),
            row.type,
            String.valueOf(row.premisType),
            row.outcome,
            String.valueOf(row.productId),
            String.valueOf(row.replica),
            row.agent,
            row.detail,
            row.prevHash);
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String canonical(Map<String, ?> detail) {
    try {
      return JSON.writeValueAsString(detail == null ? Map.of() : new java.util.TreeMap<>(detail));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Event detail is not serialisable", e);
    }
  }

  static ArchiveEvent toEvent(EventEntity row) {
    Map<String, Object> detail;
    try {
      detail = JSON.readValue(row.detail, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      detail = Map.of("unreadable", row.detail);
    }
    Map<String, Object> safe = new LinkedHashMap<>();
    detail.forEach((k, v) -> safe.put(k, v == null ? "" : v));
    return new ArchiveEvent(
        row.seq,
        row.occurredAt,
        EventType.of(row.type, row.premisType),
        ArchiveEvent.Outcome.valueOf(row.outcome),
        row.productId,
        row.replica,
        row.agent,
        safe,
        row.prevHash,
        row.hash);
  }
}
