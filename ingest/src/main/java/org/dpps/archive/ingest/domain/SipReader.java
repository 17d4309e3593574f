package org.dpps.archive.ingest.domain;

import java.nio.file.Path;
import java.util.Map;
import org.dpps.archive.schemas.model.MultiDigest;

/** Port: reads and validates a staged bag against the digests computed while it was staged. */
public interface SipReader {
  /**
   * @param unpacked the directory the deposit was unpacked into
   * @param staged digests of every staged file, by path relative to {@code unpacked}
   */
  Sip read(Path unpacked, Map<String, MultiDigest.Result> staged);
}
