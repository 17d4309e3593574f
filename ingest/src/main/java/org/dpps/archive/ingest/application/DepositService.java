package org.dpps.archive.ingest.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dpps.archive.ingest.domain.Deposit;
import org.dpps.archive.ingest.domain.DepositRepository;
import org.dpps.archive.ingest.domain.DepositSource;
import org.dpps.archive.ingest.domain.DepositState;
import org.dpps.archive.ingest.domain.SipStager;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;

/**
 * Receives deposits. The deposit is recorded before any byte is read; the SIP is unpacked (or
 * copied from the staging root) into the deposit's own staging directory, digesting every file on
 * the way; the digests are written durably; only then is the deposit acknowledged and queued. A
 * deposit whose bytes break a rule is rejected at once, with its problem, and its staging removed.
 */
@ApplicationScoped
public class DepositService {
  private static final System.Logger LOG = System.getLogger(DepositService.class.getName());
  private DepositRepository deposits;
  private IngestSettings settings;
  private DepositJobs jobs;
  private StagingArea staging;
  private Clock clock;
  private SipStager stager;

  protected DepositService() {}

  @Inject
  public DepositService(
      DepositRepository deposits,
      IngestSettings settings,
      DepositJobs jobs,
      SipStager stager,
      Clock clock) {
    this.deposits = deposits;
    this.settings = settings;
    this.jobs = jobs;
    this.stager = stager;
    this.staging = new StagingArea(settings.workArea());
    this.clock = clock;
  }

  /** Command: a serialized bag in the request body. */
  public record ReceiveUpload(InputStream body, String mediaType) {}

  /** Command: a bag directory already under the staging root. */
  public record ReceiveStaged(String stagedPath) {}

  public Deposit receive(ReceiveUpload command) {
    SipStager.Format format =
        SipStager.Format.ofMediaType(command.mediaType())
            .orElseThrow(
                () ->
                    new ArchiveException(
                        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "Deposit a bag as application/zip, application/x-tar or application/gzip"
                            + " (tar.gz), or as application/json {\"stagedPath\": ...}; got "
                            + command.mediaType()));
    Deposit deposit = record(DepositSource.UPLOAD, command.mediaType(), null);
    return stage(
        deposit, () -> stager.unpack(command.body(), format, staging.sipDir(deposit.id())));
  }

  public Deposit receive(ReceiveStaged command) {
    Path source = resolveStaged(command.stagedPath());
    Deposit deposit = record(DepositSource.STAGED, "inode/directory", command.stagedPath());
    return stage(deposit, () -> stager.copyTree(source, staging.sipDir(deposit.id())));
  }

  public Deposit find(String id) {
    return deposits
        .find(id)
        .orElseThrow(() -> new ArchiveException(ErrorCode.DEPOSIT_NOT_FOUND, "No deposit " + id));
  }

  /** The most recent deposits (at most {@code limit}, 1 to 500), optionally in one state. */
  public List<Deposit> recent(Optional<DepositState> state, int limit) {
    if (limit < 1 || limit > 500) {
      throw new ArchiveException(ErrorCode.BAD_REQUEST, "limit must be between 1 and 500");
    }
    return deposits.recent(state, limit);
  }

  private Deposit record(DepositSource source, String mediaType, String stagedPath) {
    Deposit deposit =
        Deposit.receive(
            UUID.randomUUID().toString(), source, mediaType, stagedPath, clock.instant());
    deposits.save(deposit);
    return deposit;
  }

  private Deposit stage(Deposit deposit, java.util.function.Supplier<SipStager.Result> copy) {
    try {
      SipStager.Result result = copy.get();
      staging.saveDigests(deposit.id(), result.files());
      deposit.uploadCompleted(result.payloadBytes(), result.payload().size(), clock.instant());
      deposits.save(deposit);
    } catch (ArchiveException e) {
      deposit.reject(List.of(e.toProblem()), clock.instant());
      deposits.save(deposit);
      staging.discard(deposit.id());
      throw e.withInstance("/api/v1/deposits/" + deposit.id());
    } catch (RuntimeException e) {
      deposit.reject(
          List.of(
              new ArchiveException(ErrorCode.INTERNAL, "Staging failed: " + e.getMessage())
                  .toProblem()),
          clock.instant());
      deposits.save(deposit);
      staging.discard(deposit.id());
      throw e;
    }
    jobs.submit(deposit.id());
    return deposit;
  }

  private Path resolveStaged(String stagedPath) {
    if (stagedPath == null || stagedPath.isBlank()) {
      throw new ArchiveException(ErrorCode.STAGED_PATH_INVALID, "stagedPath is required");
    }
    Path root = settings.stagedRoot();
    Path candidate = root.resolve(stagedPath).normalize();
    if (!candidate.startsWith(root)) {
      throw new ArchiveException(
          ErrorCode.STAGED_PATH_INVALID,
          "stagedPath must lie under the staging root " + root.getFileName(),
          stagedPath);
    }
    try {
      Path real = candidate.toRealPath();
      if (!real.startsWith(root.toRealPath())
          || !Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)) {
        throw new ArchiveException(
            ErrorCode.STAGED_PATH_INVALID,
            "stagedPath is not a directory under the staging root",
            stagedPath);
      }
      return real;
    } catch (java.io.IOException e) {
      throw new ArchiveException(
          ErrorCode.STAGED_PATH_INVALID, "stagedPath does not exist", stagedPath);
    }
  }

  /**
   * After a restart: deposits whose upload never completed are rejected; the others are queued
   * again (processing is idempotent). Staging directories of deposits that are finished (a crash
   * came between the final state and the clean-up) or unknown are removed.
   */
  public int recover() {
    sweepStaging();
    int resumed = 0;
    for (Deposit deposit : deposits.unfinished()) {
      if (!deposit.uploadComplete() || !Files.exists(staging.sipDir(deposit.id()))) {
        deposit.reject(
            List.of(
                new ArchiveException(
                        ErrorCode.UPLOAD_INTERRUPTED,
                        "The archive stopped before the upload was complete; deposit again")
                    .toProblem()),
            clock.instant());
        deposits.save(deposit);
        staging.discard(deposit.id());
      } else {
        jobs.submit(deposit.id());
        resumed++;
      }
    }
    return resumed;
  }

  private void sweepStaging() {
    java.nio.file.Path root = staging.root();
    if (!Files.isDirectory(root)) {
      return;
    }
    try (java.util.stream.Stream<java.nio.file.Path> dirs = Files.list(root)) {
      for (java.nio.file.Path dir : dirs.toList()) {
        String id = dir.getFileName().toString();
        java.util.Optional<Deposit> deposit = deposits.find(id);
        if (deposit.isEmpty() || deposit.get().state().isFinal()) {
          staging.discard(id);
        }
      }
    } catch (java.io.IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Cannot sweep the staging area: {0}", e.getMessage());
    }
  }
}
