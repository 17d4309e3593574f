package org.dpps.archive.ingest.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dpps.archive.ingest.domain.Deposit;
import org.dpps.archive.ingest.domain.DepositRepository;
import org.dpps.archive.ingest.domain.DepositedProduct;
import org.dpps.archive.ingest.domain.FormatIdentifier;
import org.dpps.archive.ingest.domain.IngestEvent;
import org.dpps.archive.ingest.domain.ProductCandidate;
import org.dpps.archive.ingest.domain.Sip;
import org.dpps.archive.ingest.domain.SipReader;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.events.ArchiveEvent;
import org.dpps.archive.platform.events.EventLog;
import org.dpps.archive.platform.jobs.ParallelMap;
import org.dpps.archive.schemas.sip.SipManifest;
import org.dpps.archive.schemas.sip.SipManifestValidator;
import org.dpps.archive.storage.api.AipWriter;
import org.dpps.archive.storage.api.Storage;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.ContentLookup;

/**
 * Takes a received deposit through validation and storage (run by {@link DepositJobs} on the job
 * runner): validate the bag, plan products, assemble and commit one AIP per product (skipping
 * products whose bytes are already archived), then mark the deposit ARCHIVED or REJECTED. Running
 * it again on an unfinished deposit is safe: committed products are found unchanged.
 */
@ApplicationScoped
public class DepositProcessor {
  private static final System.Logger LOG = System.getLogger(DepositProcessor.class.getName());
  static final int MAX_ATTEMPTS = 3;
  private DepositRepository deposits;
  private StagingArea staging;
  private Storage storage;
  private Instance<ContentLookup> contentLookup;
  private Clock clock;
  private EventLog events;
  static final String AGENT = "dpps-archive/ingest";
  private SipManifestValidator manifestValidator;
  private SipReader sipReader;
  private AipWriter writer;
  private FormatIdentifier formats;

  private org.dpps.archive.ingest.domain.EmbargoPolicy embargo;

  protected DepositProcessor() {}

  @Inject
  public DepositProcessor(
      DepositRepository deposits,
      IngestSettings settings,
      Storage storage,
      Instance<ContentLookup> contentLookup,
      SipReader sipReader,
      FormatIdentifier formats,
      AipWriter writer,
      Clock clock,
      EventLog events) {
    this.sipReader = sipReader;
    this.writer = writer;
    this.formats = formats;
    this.events = events;
    this.deposits = deposits;
    this.staging = new StagingArea(settings.workArea());
    this.embargo = settings.embargo();
    this.storage = storage;
    this.contentLookup = contentLookup;
    this.clock = clock;
  }

  /** What became of a deposit processed by {@link #process}. */
  public enum Outcome {
    /** ARCHIVED or REJECTED (or it was already). */
    FINISHED,
    /** Stored where it could be; waits for a replica to come back. */
    WAITING_FOR_REPLICA
  }

  /**
   * Processes the deposit now, on the calling thread, characterising and assembling its products
   * with {@code parallel}.
   */
  public Outcome process(String depositId, ParallelMap parallel) {
    Deposit deposit = deposits.find(depositId).orElse(null);
    if (deposit == null || deposit.state().isFinal()) {
      return Outcome.FINISHED;
    }
    try {
      if (deposit.attempts() >= MAX_ATTEMPTS) {
        throw new ArchiveException(
            ErrorCode.STORAGE_FAILURE,
            "Gave up after " + MAX_ATTEMPTS + " attempts to process this deposit");
      }
      Instant started = clock.instant();
      deposit.startValidation(started);
      deposits.save(deposit);
      Sip sip = sipReader.read(staging.sipDir(depositId), staging.loadDigests(depositId));
      Optional<SipManifest> manifest = readManifest(sip);
      ProductPlanner planner =
          new ProductPlanner(
              formats,
              contentLookup.isResolvable() ? Optional.of(contentLookup.get()) : Optional.empty(),
              parallel);
      List<ProductCandidate> candidates = planner.plan(sip, manifest);

      deposit.startStoring(clock.instant());
      deposits.save(deposit);
      AipAssembler assembler = new AipAssembler(writer);
      AipAssembler.Context context =
          new AipAssembler.Context(depositId, clock.instant(), started, sip, manifest, embargo);
      List<DepositedProduct> results = store(candidates, assembler, context, parallel);
      deposit.archived(results, clock.instant());
      deposits.save(deposit);
      events.append(
          IngestEvent.DEPOSIT_ARCHIVED,
          ArchiveEvent.Outcome.SUCCESS,
          null,
          null,
          AGENT,
          java.util.Map.of(
              "deposit",
              depositId,
              "products",
              results.stream()
                  .map(r -> r.productId() + " v" + r.version() + " " + r.outcome())
                  .toList()));
      LOG.log(
          System.Logger.Level.INFO,
          "Deposit {0} archived: {1} products",
          depositId,
          results.size());
      staging.discard(depositId);
      return Outcome.FINISHED;
    } catch (ArchiveException e) {
      if (e.code() == ErrorCode.REPLICA_UNAVAILABLE
          && deposit.state() == org.dpps.archive.ingest.domain.DepositState.STORING) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Deposit {0} waits for a replica: {1}",
            depositId,
            e.getMessage());
        deposit.awaitReplica(e.toProblem(), clock.instant());
        deposits.save(deposit);
        return Outcome.WAITING_FOR_REPLICA;
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "Deposit {0} rejected: {1} {2} {3}",
          depositId,
          e.code().id(),
          e.getMessage(),
          e.path().orElse(""));
      reject(deposit, e);
      return Outcome.FINISHED;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "Deposit " + depositId + " failed (ARCHIVE-500)", e);
      reject(
          deposit,
          new ArchiveException(
              ErrorCode.INTERNAL,
              "Ingest failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
      return Outcome.FINISHED;
    }
  }

  /** Rejects a deposit whose processing was given up ({@code reason}), if it is unfinished. */
  public void giveUp(String depositId, String reason) {
    deposits
        .find(depositId)
        .filter(d -> !d.state().isFinal())
        .ifPresent(
            d ->
                reject(
                    d,
                    new ArchiveException(
                        ErrorCode.STORAGE_FAILURE, "Gave up processing this deposit: " + reason)));
  }

  private void reject(Deposit deposit, ArchiveException e) {
    deposit.reject(List.of(e.toProblem()), clock.instant());
    deposits.save(deposit);
    events.append(
        IngestEvent.DEPOSIT_REJECTED,
        ArchiveEvent.Outcome.FAILURE,
        null,
        null,
        AGENT,
        java.util.Map.of("deposit", deposit.id(), "code", e.code().id(), "detail", e.getMessage()));
    staging.discard(deposit.id());
  }

  private Optional<SipManifest> readManifest(Sip sip) {
    if (!sip.hasTagFile(SipManifest.PATH)) {
      return Optional.empty();
    }
    try {
      byte[] json = Files.readAllBytes(sip.resolve(SipManifest.PATH));
      if (manifestValidator == null) {
        manifestValidator = new SipManifestValidator();
      }
      return Optional.of(SipManifest.parse(json, manifestValidator));
    } catch (IOException e) {
      throw new ArchiveException(
          ErrorCode.SIP_MANIFEST_INVALID, "Cannot read the SIP manifest", SipManifest.PATH, e);
    }
  }

  /**
   * Assembles an AIP for every product whose bytes are not archived yet, then commits them all
   * (each atomically) so that access indexes them in one batch.
   */
  private List<DepositedProduct> store(
      List<ProductCandidate> candidates,
      AipAssembler assembler,
      AipAssembler.Context context,
      ParallelMap parallel) {
    DepositedProduct[] results = new DepositedProduct[candidates.size()];
    List<Integer> positions = new ArrayList<>();
    // per product: the AIP to commit, or the stored head whose payload is already these bytes
    record Planned(Optional<AipCommit> commit, Optional<AipVersion> unchanged) {}
    List<Planned> planned =
        parallel.map(
            candidates,
            candidate -> {
              Optional<AipVersion> head = storage.head(candidate.productId());
              if (head.isPresent() && payloadOf(head.get()).equals(candidate.payloadDigests())) {
                storage.ensureReplicated(candidate.productId());
                return new Planned(Optional.empty(), head);
              }
              int version = head.map(v -> v.version() + 1).orElse(1);
              return new Planned(
                  Optional.of(
                      assembler.assemble(
                          candidate,
                          version,
                          context,
                          staging
                              .aipDir(context.depositId())
                              .resolve(candidate.productId().value()))),
                  Optional.empty());
            });
    List<AipCommit> commits = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Planned p = planned.get(i);
      if (p.unchanged().isPresent()) {
        AipVersion head = p.unchanged().get();
        // the head may be this very deposit's, committed before a restart or a wait for a replica
        DepositedProduct.Outcome outcome =
            !writtenBy(head, context.depositId())
                ? DepositedProduct.Outcome.UNCHANGED
                : head.version() == 1
                    ? DepositedProduct.Outcome.CREATED
                    : DepositedProduct.Outcome.NEW_VERSION;
        results[i] =
            new DepositedProduct(candidates.get(i).productId().value(), head.version(), outcome);
      } else {
        commits.add(p.commit().orElseThrow());
        positions.add(i);
      }
    }
    List<Integer> written = storage.commitAll(commits);
    for (int k = 0; k < written.size(); k++) {
      int v = written.get(k);
      results[positions.get(k)] =
          new DepositedProduct(
              commits.get(k).productId().value(),
              v,
              v == 1 ? DepositedProduct.Outcome.CREATED : DepositedProduct.Outcome.NEW_VERSION);
    }
    return List.of(results);
  }

  /** Whether the version's bag-info names this deposit (Internal-Sender-Identifier). */
  static boolean writtenBy(AipVersion version, String depositId) {
    return version
        .file("bag-info.txt")
        .map(
            f -> {
              try {
                return Files.readAllLines(f.location(), java.nio.charset.StandardCharsets.UTF_8)
                    .stream()
                    .anyMatch(line -> line.equals("Internal-Sender-Identifier: " + depositId));
              } catch (IOException e) {
                return false;
              }
            })
        .orElse(false);
  }

  private static java.util.Map<String, String> payloadOf(AipVersion version) {
    java.util.Map<String, String> stored = new java.util.TreeMap<>();
    version.payload().forEach((name, file) -> stored.put(name, file.sha512()));
    return stored;
  }
}
