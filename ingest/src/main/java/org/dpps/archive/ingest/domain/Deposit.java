package org.dpps.archive.ingest.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dpps.archive.platform.error.Problem;

/**
 * A deposit and its ingest state machine: RECEIVED -> VALIDATING -> STORING -> ARCHIVED, or
 * REJECTED from any non-final state. Transitions are methods; a final deposit does not change.
 */
public final class Deposit {
  private final String id;
  private final DepositSource source;
  private final String mediaType;
  private final String stagedPath;
  private final Instant receivedAt;
  private DepositState state;
  private boolean uploadComplete;
  private long payloadBytes;
  private int payloadFiles;
  private Instant updatedAt;
  private int attempts;
  private final List<Problem> problems;
  private final List<DepositedProduct> products;

  private Deposit(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.source = Objects.requireNonNull(b.source, "source");
    this.mediaType = b.mediaType;
    this.stagedPath = b.stagedPath;
    this.receivedAt = Objects.requireNonNull(b.receivedAt, "receivedAt");
    this.state = Objects.requireNonNull(b.state, "state");
    this.uploadComplete = b.uploadComplete;
    this.payloadBytes = b.payloadBytes;
    this.payloadFiles = b.payloadFiles;
    this.updatedAt = b.updatedAt == null ? b.receivedAt : b.updatedAt;
    this.attempts = b.attempts;
    this.problems = new ArrayList<>(b.problems);
    this.products = new ArrayList<>(b.products);
  }

  /** A new deposit, recorded as RECEIVED before any of its bytes are read. */
  public static Deposit receive(
      String id, DepositSource source, String mediaType, String stagedPath, Instant now) {
    Builder b = new Builder();
    b.id = id;
    b.source = source;
    b.mediaType = mediaType;
    b.stagedPath = stagedPath;
    b.receivedAt = now;
    b.state = DepositState.RECEIVED;
    return new Deposit(b);
  }

  /** Rebuilds a deposit from storage; no transition is checked. */
  public static Builder restore() {
    return new Builder();
  }

  /** All of the SIP is in the staging area and digested. */
  public void uploadCompleted(long bytes, int files, Instant now) {
    requireState(DepositState.RECEIVED);
    this.uploadComplete = true;
    this.payloadBytes = bytes;
    this.payloadFiles = files;
    this.updatedAt = now;
  }

  /** Starts (or, after a restart, restarts) validation; counts the attempt. */
  public void startValidation(Instant now) {
    if (state.isFinal()) {
      throw new IllegalStateException("Deposit " + id + " is already " + state);
    }
    if (!uploadComplete) {
      throw new IllegalStateException("Deposit " + id + " has no complete upload");
    }
    attempts++;
    transition(DepositState.VALIDATING, now);
  }

  public void startStoring(Instant now) {
    requireState(DepositState.VALIDATING);
    transition(DepositState.STORING, now);
  }

  public void archived(List<DepositedProduct> result, Instant now) {
    requireState(DepositState.STORING);
    products.clear();
    products.addAll(result);
    problems.clear();
    transition(DepositState.ARCHIVED, now);
  }

  /**
   * Stored on the available replicas, but a replica is down: the deposit stays STORING with the
   * problem shown, and this attempt does not count against the limit; it completes when the replica
   * returns.
   */
  public void awaitReplica(Problem problem, Instant now) {
    requireState(DepositState.STORING);
    problems.clear();
    problems.add(problem);
    attempts = Math.max(0, attempts - 1);
    this.updatedAt = now;
  }

  /** Whether the deposit is STORING and waiting for a replica to return. */
  public boolean awaitingReplica() {
    return state == DepositState.STORING && !problems.isEmpty();
  }

  public void reject(List<Problem> found, Instant now) {
    if (state.isFinal()) {
      throw new IllegalStateException("Deposit " + id + " is already " + state);
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("A rejection needs at least one problem");
    }
    problems.clear();
    problems.addAll(found);
    transition(DepositState.REJECTED, now);
  }

  private void requireState(DepositState expected) {
    if (state != expected) {
      throw new IllegalStateException("Deposit " + id + " is " + state + ", expected " + expected);
    }
  }

  private void transition(DepositState next, Instant now) {
    this.state = next;
    this.updatedAt = now;
  }

  public String id() {
    return id;
  }

  public DepositSource source() {
    return source;
  }

  public Optional<String> mediaType() {
    return Optional.ofNullable(mediaType);
  }

  public Optional<String> stagedPath() {
    return Optional.ofNullable(stagedPath);
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  public DepositState state() {
    return state;
  }

  public boolean uploadComplete() {
    return uploadComplete;
  }

  public long payloadBytes() {
    return payloadBytes;
  }

  public int payloadFiles() {
    return payloadFiles;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public int attempts() {
    return attempts;
  }

  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  public List<DepositedProduct> products() {
    return List.copyOf(products);
  }

  /** Field-by-field construction for repositories. */
  public static final class Builder {
    private String id;
    private DepositSource source;
    private String mediaType;
    private String stagedPath;
    private Instant receivedAt;
    private DepositState state;
    private boolean uploadComplete;
    private long payloadBytes;
    private int payloadFiles;
    private Instant updatedAt;
    private int attempts;
    private List<Problem> problems = List.of();
    private List<DepositedProduct> products = List.of();

    public Builder id(String v) {
      id = v;
      return this;
    }

    public Builder source(DepositSource v) {
      source = v;
      return this;
    }

    public Builder mediaType(String v) {
      mediaType = v;
      return this;
    }

    public Builder stagedPath(String v) {
      stagedPath = v;
      return this;
    }

    public Builder receivedAt(Instant v) {
      receivedAt = v;
      return this;
    }

    public Builder state(DepositState v) {
      state = v;
      return this;
    }

    public Builder uploadComplete(boolean v) {
      uploadComplete = v;
      return this;
    }

    public Builder payloadBytes(long v) {
      payloadBytes = v;
      return this;
    }

    public Builder payloadFiles(int v) {
      payloadFiles = v;
      return this;
    }

    public Builder updatedAt(Instant v) {
      updatedAt = v;
      return this;
    }

    public Builder attempts(int v) {
      attempts = v;
      return this;
    }

    public Builder problems(List<Problem> v) {
      problems = List.copyOf(v);
      return this;
    }

    public Builder products(List<DepositedProduct> v) {
      products = List.copyOf(v);
      return this;
    }

    public Deposit build() {
      return new Deposit(this);
    }
  }
}
