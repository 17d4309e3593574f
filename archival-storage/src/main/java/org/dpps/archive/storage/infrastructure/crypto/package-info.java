/** Bouncy Castle adapter for AIP seals (Ed25519). */
package org.dpps.archive.storage.infrastructure.crypto;
