package org.dpps.archive.ingest.domain;

/** How the SIP arrived: uploaded in the request, or already on disk under the staging root. */
public enum DepositSource {
  UPLOAD,
  STAGED
}
