package org.dpps.archive.ingest.domain;

import java.nio.file.Path;

/** Port: identifies the format of a staged file from its bytes and its name. */
public interface FormatIdentifier {
  FileFormat identify(Path file, String name);
}
