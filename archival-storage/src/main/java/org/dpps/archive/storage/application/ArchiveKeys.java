package org.dpps.archive.storage.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dpps.archive.storage.domain.Sealer;
import org.dpps.archive.storage.infrastructure.crypto.Ed25519Sealer;

/** The archive's signing key (AIP seals, event-log checkpoints), created on first use. */
@ApplicationScoped
public class ArchiveKeys {
  private StorageSettings settings;
  private Ed25519Sealer sealer;

  protected ArchiveKeys() {}

  @Inject
  public ArchiveKeys(StorageSettings settings) {
    this.settings = settings;
  }

  public synchronized Sealer sealer() {
    if (sealer == null) {
      sealer = Ed25519Sealer.loadOrCreate(settings.keys());
    }
    return sealer;
  }

  /** The public key (base64), for anyone who wants to check a seal or a checkpoint. */
  public String publicKey() {
    sealer();
    return sealer.publicKeyBase64();
  }
}
