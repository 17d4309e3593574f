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
import io.ocfl.core.extension.storage.layout.HashedNTupleIdEncapsulationLayoutExtension;
import io.ocfl.core.extension.storage.layout.config.HashedNTupleIdEncapsulationLayoutConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpps.archive.platform.error.ArchiveException;
import org.dpps.archive.platform.error.ErrorCode;
import org.dpps.archive.platform.files.FileTrees;
import org.dpps.archive.schemas.model.ProductId;
import org.dpps.archive.storage.domain.AipCommit;
import org.dpps.archive.storage.domain.AipFile;
import org.dpps.archive.storage.domain.AipVersion;
import org.dpps.archive.storage.domain.ReplicaStore;
import org.dpps.archive.storage.domain.StoredFile;

/**
 * An OCFL 1.1 storage root on a local file system (ocfl-java). Each product is one object {@code
 * urn:ctao:product:<id>}; each AIP version one OCFL version, staged in a work directory and moved
 * into place atomically by ocfl-java.
 */
public final class OcflAipStore implements ReplicaStore {
  private static final DigestAlgorithm SHA512 = DigestAlgorithm.fromOcflName("sha512");
  private final Path root;
  private final Path workDir;
  private final OcflRepository repository;
  private final HashedNTupleIdEncapsulationLayoutExtension layout;

  public OcflAipStore(Path root, Path workDir) {
    this.root = root;
    this.workDir = workDir;
    this.layout = new HashedNTupleIdEncapsulationLayoutExtension();
    layout.init(new HashedNTupleIdEncapsulationLayoutConfig());
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

  @Override
  public Path root() {
    return root;
  }

  @Override
  public Path workDir() {
    return workDir;
  }

  /** The directory of the product's OCFL object inside the storage root (it may not exist). */
  @Override
  public Path objectRoot(ProductId productId) {
    return root.resolve(layout.mapObjectId(productId.ocflObjectId()));
  }

  /** The object's head version number as its root inventory on disk says, 0 if not stored. */
  @Override
  public int headVersion(ProductId productId) {
    String objectId = productId.ocflObjectId();
    repository.invalidateCache(objectId);
    if (!repository.containsObject(objectId)) {
      return 0;
    }
    try {
      return (int) repository.describeObject(objectId).getHeadVersionNum().getVersionNum();
    } catch (RuntimeException e) {
      throw storageFailure("read the inventory of " + objectId, e);
    }
  }

  /** Forgets any cached inventory of the object, so the next read sees the disk. */
  @Override
  public void invalidate(ProductId productId) {
    repository.invalidateCache(productId.ocflObjectId());
  }

  /**
   * The OCFL validator's structural findings for the object (inventories, sidecar digests, content
   * files present, no unexpected files), without reading content bytes.
   */
  @Override
  public java.util.List<String> validateStructure(ProductId productId) {
    String objectId = productId.ocflObjectId();
    repository.invalidateCache(objectId);
    try {
      io.ocfl.api.model.ValidationResults results = repository.validateObject(objectId, false);
      return results.getErrors().stream().map(i -> i.getCode() + " " + i.getMessage()).toList();
    } catch (RuntimeException e) {
      return java.util.List.of("unreadable: " + e.getMessage());
    }
  }

  /**
   * Copies version {@code version} of the product from {@code source} into this store, byte for
   * byte (its inventory included), as this store's next version. The copy is staged in this store's
   * work directory and moved into place by ocfl-java.
   */
  @Override
  public void importVersionFrom(ReplicaStore from, ProductId productId, int version) {
    if (!(from instanceof OcflAipStore source)) {
      throw new IllegalArgumentException("Not an OCFL store: " + from);
    }
    String objectId = productId.ocflObjectId();
    Path export = workDir.resolve("import-" + java.util.UUID.randomUUID());
    try {
      source.repository.exportVersion(
          ObjectVersionId.version(objectId, version), export, OcflOption.NO_VALIDATION);
      repository.importVersion(export, OcflOption.MOVE_SOURCE, OcflOption.NO_VALIDATION);
    } catch (RuntimeException e) {
      throw storageFailure("copy " + objectId + " v" + version + " to " + root, e);
    } finally {
      FileTrees.deleteQuietly(export);
      repository.invalidateCache(objectId);
    }
  }

  /**
   * Undoes versions after {@code version} (purging the object if {@code version} is 0): used only
   * for a version that failed verification right after it was written and was never acknowledged.
   */
  @Override
  public void rollbackTo(ProductId productId, int version) {
    String objectId = productId.ocflObjectId();
    try {
      if (version <= 0) {
        repository.purgeObject(objectId);
      } else {
        repository.rollbackToVersion(ObjectVersionId.version(objectId, version));
      }
    } catch (RuntimeException e) {
      throw storageFailure("roll back " + objectId + " to v" + version, e);
    } finally {
      repository.invalidateCache(objectId);
    }
  }

  /**
   * Removes version directories beyond the head that a crash left behind while a version was being
   * installed (the root inventory, written last, still names the previous head); returns the
   * directories moved to {@code quarantine}.
   */
  @Override
  public java.util.List<Path> removeUncommittedVersions(ProductId productId, Path quarantine) {
    Path objectRoot = objectRoot(productId);
    java.util.List<Path> moved = new java.util.ArrayList<>();
    if (!Files.isDirectory(objectRoot)) {
      return moved;
    }
    int head = Files.exists(objectRoot.resolve("inventory.json")) ? headVersion(productId) : 0;
    try (Stream<Path> children = Files.list(objectRoot)) {
      for (Path child : children.toList()) {
        String name = child.getFileName().toString();
        if (name.matches("v\\d+") && Integer.parseInt(name.substring(1)) > head) {
          Path target =
              quarantine.resolve(
                  productId.value() + "-" + name + "-" + java.util.UUID.randomUUID());
          Files.createDirectories(quarantine);
          Files.move(child, target);
          moved.add(target);
        }
      }
      if (head == 0) {
        // nothing of the object was committed: remove the empty shell (namaste file only)
        try (Stream<Path> rest = Files.list(objectRoot)) {
          if (rest.allMatch(p -> p.getFileName().toString().startsWith("0=ocfl_object"))) {
            FileTrees.deleteQuietly(objectRoot);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clean " + objectRoot, e);
    }
    repository.invalidateCache(productId.ocflObjectId());
    return moved;
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
