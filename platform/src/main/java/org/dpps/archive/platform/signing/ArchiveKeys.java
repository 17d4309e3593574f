package org.dpps.archive.platform.signing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dpps.archive.platform.config.PlatformSettings;
import org.dpps.archive.platform.internal.crypto.Ed25519Sealer;

/** The archive's signing key (AIP seals, event-log checkpoints), created on first use. */
@ApplicationScoped
public class ArchiveKeys {
  private PlatformSettings settings;
  private Ed25519Sealer sealer;

  protected ArchiveKeys() {}

  @Inject
  public ArchiveKeys(PlatformSettings settings) {
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
