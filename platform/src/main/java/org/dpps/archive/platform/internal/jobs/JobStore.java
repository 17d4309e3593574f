package org.dpps.archive.platform.internal.jobs;

import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.dpps.archive.platform.database.ArchiveDatabase;
import org.dpps.archive.platform.internal.jpa.JobEntity;
import org.dpps.archive.platform.jobs.Job;
import org.dpps.archive.platform.jobs.JobState;

/**
 * The job table. Every change of a claimed job names the node that holds its lease, so a node that
 * lost a lease (another node took the job over) cannot finish or reschedule it any more.
 */
public final class JobStore {
  private static final int MESSAGE_MAX = 4000;
  private final ArchiveDatabase database;

  public JobStore(ArchiveDatabase database) {
    this.database = database;
  }

  /** The unfinished job of {@code kind} on {@code subject}, or a new QUEUED one. */
  public Job enqueue(String kind, String subject, int maxAttempts, Instant now) {
    return database
        .get()
        .fromTransaction(
            em -> {
              Optional<JobEntity> active = active(em, kind, subject);
              if (active.isPresent()) {
                return view(active.get());
              }
              JobEntity j = new JobEntity();
              j.id = "job-" + UUID.randomUUID();
              j.kind = kind;
              j.subject = subject;
              j.state = JobState.QUEUED.name();
              j.maxAttempts = maxAttempts;
              j.runAfter = now;
              j.createdAt = now;
              em.persist(j);
              return view(j);
            });
  }

  private static Optional<JobEntity> active(EntityManager em, String kind, String subject) {
    return em.createQuery(
            "select j from JobEntity j where j.kind = :k and j.subject = :s"
                + " and j.state in ('QUEUED', 'RUNNING')",
            JobEntity.class)
        .setParameter("k", kind)
        .setParameter("s", subject)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  /**
   * Claims up to {@code limit} due jobs of {@code kind} for {@code owner}: QUEUED ones whose time
   * has come, and RUNNING ones whose lease ran out (their node died). Each claim is a
   * compare-and-set on the row's version; a job another node claimed first is skipped.
   */
  public List<Job> claim(String kind, String owner, Instant now, Instant leaseUntil, int limit) {
    List<String> candidates =
        database
            .get()
            .fromTransaction(
                em ->
                    em.createQuery(
                            "select j.id from JobEntity j where j.kind = :k and ((j.state ="
                                + " 'QUEUED' and j.runAfter <= :now) or (j.state = 'RUNNING'"
                                + " and j.leaseUntil < :now)) order by j.createdAt, j.id",
                            String.class)
                        .setParameter("k", kind)
                        .setParameter("now", now)
                        .setMaxResults(limit * 2)
                        .getResultList());
    List<Job> claimed = new ArrayList<>();
    for (String id : candidates) {
      if (claimed.size() >= limit) {
        break;
      }
      try {
        Job job =
            database
                .get()
                .fromTransaction(
                    em -> {
                      JobEntity j = em.find(JobEntity.class, id);
                      boolean due =
                          j != null
                              && ((j.state.equals(JobState.QUEUED.name())
                                      && !j.runAfter.isAfter(now))
                                  || (j.state.equals(JobState.RUNNING.name())
                                      && j.leaseUntil != null
                                      && j.leaseUntil.isBefore(now)));
                      if (!due) {
                        return null;
                      }
                      j.state = JobState.RUNNING.name();
                      j.leaseOwner = owner;
                      j.leaseUntil = leaseUntil;
                      j.attempts++;
                      if (j.startedAt == null) {
                        j.startedAt = now;
                      }
                      return view(j);
                    });
        if (job != null) {
          claimed.add(job);
        }
      } catch (OptimisticLockException | jakarta.persistence.RollbackException e) {
        // another node claimed it between the query and the update
      }
    }
    return claimed;
  }

  /**
   * Extends the leases {@code owner} holds on {@code ids}; returns the ids whose cancellation was
   * requested, and leaves out of {@code stillHeld} any job whose lease this node lost.
   */
  public Set<String> renew(
      String owner, Collection<String> ids, Instant leaseUntil, Set<String> stillHeld) {
    Set<String> cancelled = new HashSet<>();
    if (ids.isEmpty()) {
      return cancelled;
    }
    database
        .get()
        .inTransaction(
            em -> {
              for (JobEntity j :
                  em.createQuery("select j from JobEntity j where j.id in :ids", JobEntity.class)
                      .setParameter("ids", ids)
                      .getResultList()) {
                if (!owner.equals(j.leaseOwner) || !j.state.equals(JobState.RUNNING.name())) {
                  continue;
                }
                j.leaseUntil = leaseUntil;
                stillHeld.add(j.id);
                if (j.cancelRequested) {
                  cancelled.add(j.id);
                }
              }
            });
    return cancelled;
  }

  /**
   * Makes the RUNNING jobs leased by {@code owner} claimable at once: called at start-up, when the
   * node's previous run died with them.
   */
  public int releaseLeases(String owner, Instant now) {
    return database
        .get()
        .fromTransaction(
            em ->
                em.createQuery(
                        "update JobEntity j set j.leaseUntil = :past, j.rowVersion = j.rowVersion"
                            + " + 1 where j.leaseOwner = :o and j.state = 'RUNNING'")
                    .setParameter("past", now.minusSeconds(1))
                    .setParameter("o", owner)
                    .executeUpdate());
  }

  /**
   * Ends a claimed job in a final state; false if this node no longer holds it. A job that ends
   * normally after a cancel was asked for (before its node saw the request) ends CANCELLED.
   */
  public boolean finish(String id, String owner, JobState state, String message, Instant now) {
    return update(
        id,
        owner,
        j -> {
          boolean cancelled = state == JobState.SUCCEEDED && j.cancelRequested;
          j.state = cancelled ? JobState.CANCELLED.name() : state.name();
          j.finishedAt = now;
          j.leaseOwner = null;
          j.leaseUntil = null;
          j.message = truncate(cancelled ? "Cancelled" : message);
        });
  }

  /**
   * Puts a claimed job back in the queue until {@code runAfter}; {@code refund} takes back the
   * attempt its claim counted (the run did not fail, it has to wait).
   */
  public boolean later(String id, String owner, Instant runAfter, String message, boolean refund) {
    return update(
        id,
        owner,
        j -> {
          j.state = JobState.QUEUED.name();
          j.runAfter = runAfter;
          j.leaseOwner = null;
          j.leaseUntil = null;
          j.message = truncate(message);
          if (refund) {
            j.attempts = Math.max(0, j.attempts - 1);
          }
        });
  }

  /** Records the progress of a claimed job. */
  public void progress(String id, String owner, long done, long total, String note) {
    update(
        id,
        owner,
        j -> {
          j.progressDone = done;
          j.progressTotal = total;
          j.progressNote = note == null || note.length() <= 1000 ? note : note.substring(0, 1000);
        });
  }

  private boolean update(String id, String owner, java.util.function.Consumer<JobEntity> change) {
    return database
        .get()
        .fromTransaction(
            em -> {
              JobEntity j = em.find(JobEntity.class, id);
              if (j == null
                  || !owner.equals(j.leaseOwner)
                  || !j.state.equals(JobState.RUNNING.name())) {
                return false;
              }
              change.accept(j);
              return true;
            });
  }

  /**
   * Cancels the unfinished job of {@code kind} on {@code subject}: a QUEUED one at once, a RUNNING
   * one by asking its node (which sees it at its next lease renewal).
   */
  public Optional<Job> cancel(String kind, String subject, Instant now) {
    return database
        .get()
        .fromTransaction(
            em ->
                active(em, kind, subject)
                    .map(
                        j -> {
                          if (j.state.equals(JobState.QUEUED.name())) {
                            j.state = JobState.CANCELLED.name();
                            j.finishedAt = now;
                          } else {
                            j.cancelRequested = true;
                          }
                          return view(j);
                        }));
  }

  /** The latest job of {@code kind} on {@code subject}. */
  public Optional<Job> latest(String kind, String subject) {
    return database
        .get()
        .fromTransaction(
            em ->
                em.createQuery(
                        "select j from JobEntity j where j.kind = :k and j.subject = :s"
                            + " order by j.createdAt desc",
                        JobEntity.class)
                    .setParameter("k", kind)
                    .setParameter("s", subject)
                    .setMaxResults(1)
                    .getResultStream()
                    .findFirst()
                    .map(JobStore::view));
  }

  /** Jobs, newest first, optionally of one kind and/or state. */
  public List<Job> list(String kind, JobState state, int limit) {
    StringBuilder jpql = new StringBuilder("select j from JobEntity j where 1 = 1");
    if (kind != null) {
      jpql.append(" and j.kind = :k");
    }
    if (state != null) {
      jpql.append(" and j.state = :s");
    }
    jpql.append(" order by j.createdAt desc");
    return database
        .get()
        .fromTransaction(
            em -> {
              var q = em.createQuery(jpql.toString(), JobEntity.class);
              if (kind != null) {
                q.setParameter("k", kind);
              }
              if (state != null) {
                q.setParameter("s", state.name());
              }
              return q.setMaxResults(limit).getResultStream().map(JobStore::view).toList();
            });
  }

  private static String truncate(String s) {
    return s == null || s.length() <= MESSAGE_MAX ? s : s.substring(0, MESSAGE_MAX);
  }

  static Job view(JobEntity j) {
    return new Job(
        j.id,
        j.kind,
        j.subject,
        JobState.valueOf(j.state),
        j.attempts,
        j.maxAttempts,
        j.runAfter,
        j.leaseOwner,
        j.leaseUntil,
        j.cancelRequested,
        j.progressDone,
        j.progressTotal,
        j.progressNote,
        j.message,
        j.createdAt,
        j.startedAt,
        j.finishedAt);
  }
}
