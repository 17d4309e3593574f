package org.dpps.archive.storage.infrastructure.ocfl;

import io.ocfl.api.OcflOption;
import io.ocfl.api.OcflRepository;
import io.ocfl.api.exception.NotFoundException;
import io.ocfl.api.model.DigestAlgorithm;
import io.ocfl.api.model.ObjectVersionId;
import io.ocfl.api.model.OcflObjectVersion;
import io.ocfl.api.model.OcflObjectVersionFile;
import io.ocfl.api.model.VersionInfo;
import io.ocfl.core.OcflRepositoryBuilder;
import io.ocfl.core.extension.storage.layout.config.HashedNTupleIdEncapsulationLayoutConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpps.archive.schemas.error.ArchiveException;
import org.dpps.archive.schemas.error.ErrorCode;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipFile;
import org.dpps.archive.storage.domain.AipStore;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.StoredFile;

/**
 * An OCFL 1.1 storage root on a local file system (ocfl-java). Each product is one object {@code
 * urn:ctao:product:<id>}; each AIP version one OCFL version, staged in a work directory and moved
 * into place atomically by ocfl-java.
 */
public final class OcflAipStore implements AipStore, AutoCloseable {
  private static final DigestAlgorithm SHA512 = DigestAlgorithm.fromOcflName("sha512");
  private final Path root;
  private final OcflRepository repository;

  public OcflAipStore(Path root, Path workDir) {
    this.root = root;
    try {
      Files.createDirectories(root);
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the OCFL storage root " + root, e);
    }
    this.repository =
        new OcflRepositoryBuilder()
            .defaultLayoutConfig(new HashedNTupleIdEncapsulationLayoutConfig())
            .storage(storage -> storage.fileSystem(root))
            .workDir(workDir)
            // the digests given to unsafeAddPath were computed in the pass that staged the bytes;
            // re-hashing the staged version would read every byte a second time
            .verifyStaging(false)
            .build();
  }

  public Path root() {
    return root;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The digests are trusted: they were computed in the pass that staged the bytes, and hashing
   * again here would read every byte twice. What is checked here is cheap: each source exists with
   * the size it was digested at. Fixity audits re-read stored bytes against the inventory.
   */
  @Override
  public int commit(AipCommit commit) {
    String objectId = commit.productId().ocflObjectId();
    for (AipFile file : commit.files()) {
      long actual;
      try {
        actual = Files.size(file.source());
      } catch (IOException e) {
        throw new ArchiveException(
            ErrorCode.STORAGE_FAILURE,
            "Staged file missing: " + file.logicalPath(),
            file.logicalPath(),
            e);
      }
      if (actual != file.size()) {
        throw new ArchiveException(
            ErrorCode.STORAGE_FAILURE,
            "Staged file changed size since it was digested ("
                + file.size()
                + " -> "
                + actual
                + " bytes)",
            file.logicalPath());
      }
    }
    VersionInfo info = new VersionInfo().setMessage(commit.message()).setUser(commit.agent(), null);
    try {
      ObjectVersionId written =
          repository.updateObject(
              ObjectVersionId.head(objectId),
              info,
              updater -> {
                updater.clearVersionState();
                for (AipFile file : commit.files()) {
                  updater.unsafeAddPath(
                      file.digests().sha512(),
                      file.source(),
                      file.logicalPath(),
                      OcflOption.MOVE_SOURCE,
                      OcflOption.OVERWRITE);
                }
              });
      return (int) written.getVersionNum().getVersionNum();
    } catch (RuntimeException e) {
      throw storageFailure("commit " + objectId, e);
    }
  }

  static ArchiveException storageFailure(String what, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
        return new ArchiveException(
            ErrorCode.INSUFFICIENT_STORAGE, "No space left to " + what, null, e);
      }
    }
    return new ArchiveException(
        ErrorCode.STORAGE_FAILURE, "Storage failed to " + what + ": " + e.getMessage(), null, e);
  }

  @Override
  public Optional<AipVersion> head(ProductId productId) {
    return read(ObjectVersionId.head(productId.ocflObjectId()), productId);
  }

  @Override
  public Optional<AipVersion> version(ProductId productId, int version) {
    if (version < 1) {
      return Optional.empty();
    }
    return read(ObjectVersionId.version(productId.ocflObjectId(), version), productId);
  }

  private Optional<AipVersion> read(ObjectVersionId id, ProductId productId) {
    if (!repository.containsObject(id.getObjectId())) {
      return Optional.empty();
    }
    try {
      OcflObjectVersion object = repository.getObject(id);
      int head =
          id.isHead()
              ? (int) object.getVersionNum().getVersionNum()
              : (int)
                  repository.describeObject(id.getObjectId()).getHeadVersionNum().getVersionNum();
      Map<String, StoredFile> files = new LinkedHashMap<>();
      for (OcflObjectVersionFile file : object.getFiles()) {
        Path location = root.resolve(file.getStorageRelativePath());
        Map<DigestAlgorithm, String> fixity = file.getFixity();
        String sha512 = fixity.get(SHA512);
        files.put(
            file.getPath(), new StoredFile(file.getPath(), sha512, Files.size(location), location));
      }
      return Optional.of(
          new AipVersion(
              productId,
              (int) object.getVersionNum().getVersionNum(),
              head,
              object.getCreated().toInstant(),
              String.valueOf(object.getVersionInfo().getMessage()),
              files));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ArchiveException(
          ErrorCode.STORAGE_FAILURE, "Cannot read " + id + ": " + e.getMessage(), null, e);
    }
  }

  @Override
  public Stream<ProductId> productIds() {
    return repository.listObjectIds().map(ProductId::fromOcflObjectId).flatMap(Optional::stream);
  }

  @Override
  public void close() {
    repository.close();
  }
}
