package org.dpps.archive.platform.error;

/**
 * Stable, documented error codes. The {@link #id()} of a code never changes once released: scripts
 * act on it. New codes are appended; retired ones stay reserved.
 */
public enum ErrorCode {
  UNSUPPORTED_MEDIA_TYPE("INGEST-001", ErrorCategory.UNSUPPORTED, "Unsupported deposit media type"),
  UPLOAD_TOO_LARGE("INGEST-002", ErrorCategory.TOO_LARGE, "Deposit exceeds the size limit"),
  MALFORMED_ARCHIVE("INGEST-003", ErrorCategory.INVALID, "The upload is not a readable zip or tar"),
  PATH_ESCAPE("INGEST-004", ErrorCategory.INVALID, "An entry escapes the bag"),
  TOO_MANY_ENTRIES("INGEST-005", ErrorCategory.TOO_LARGE, "Too many entries in the deposit"),
  COMPRESSION_RATIO("INGEST-006", ErrorCategory.INVALID, "Compression ratio above the limit"),
  NOT_A_BAG("INGEST-007", ErrorCategory.INVALID, "The deposit is not a BagIt bag"),
  BAG_INCOMPLETE("INGEST-008", ErrorCategory.INVALID, "The bag is incomplete"),
  CHECKSUM_MISMATCH("INGEST-009", ErrorCategory.INTEGRITY, "A manifest checksum does not match"),
  SIP_MANIFEST_INVALID("INGEST-010", ErrorCategory.INVALID, "metadata/sip.json is not valid"),
  STAGED_PATH_INVALID(
      "INGEST-011", ErrorCategory.INVALID, "The staged path is not a bag under the staging root"),
  EMPTY_BAG("INGEST-012", ErrorCategory.INVALID, "The bag has no payload"),
  FORMAT_INVALID(
      "INGEST-013", ErrorCategory.INVALID, "A file is not valid in the format it claims"),
  DEPOSIT_NOT_FOUND("INGEST-014", ErrorCategory.NOT_FOUND, "No such deposit"),
  BAD_REQUEST_BODY("INGEST-015", ErrorCategory.INVALID, "The request body cannot be read"),
  UPLOAD_INTERRUPTED(
      "INGEST-016", ErrorCategory.INVALID, "The upload was interrupted before it was complete"),
  FIELD_TOO_LONG("INGEST-017", ErrorCategory.INVALID, "A metadata field is longer than allowed"),
  PROVENANCE_INVALID(
      "INGEST-018", ErrorCategory.INVALID, "The provenance in the deposit cannot be read"),
  STORAGE_FAILURE("STORAGE-001", ErrorCategory.UNAVAILABLE, "Archival storage failed"),
  INSUFFICIENT_STORAGE(
      "STORAGE-002", ErrorCategory.INSUFFICIENT_STORAGE, "Not enough space to store the deposit"),
  SEAL_INVALID("STORAGE-003", ErrorCategory.INTEGRITY, "The AIP seal does not verify"),
  REPLICA_UNAVAILABLE("STORAGE-004", ErrorCategory.UNAVAILABLE, "A storage replica is unavailable"),
  AUDIT_NOT_FOUND("STORAGE-005", ErrorCategory.NOT_FOUND, "No such audit"),
  AUDIT_REQUEST_INVALID("STORAGE-006", ErrorCategory.INVALID, "The audit request is invalid"),
  STORAGE_CONFLICT(
      "STORAGE-007",
      ErrorCategory.CONFLICT,
      "The object got a new version while this one was being prepared"),
  PRODUCT_NOT_FOUND("ACCESS-001", ErrorCategory.NOT_FOUND, "No such product"),
  FILE_NOT_FOUND("ACCESS-002", ErrorCategory.NOT_FOUND, "No such file in the product"),
  RANGE_NOT_SATISFIABLE("ACCESS-003", ErrorCategory.RANGE, "Requested range not satisfiable"),
  BAD_SEARCH_PARAMETER("ACCESS-004", ErrorCategory.INVALID, "A search parameter is invalid"),
  SPARQL_REJECTED("ACCESS-005", ErrorCategory.INVALID, "The SPARQL query was rejected"),
  VERSION_NOT_FOUND("ACCESS-006", ErrorCategory.NOT_FOUND, "No such product version"),
  EMBARGOED(
      "ACCESS-007",
      ErrorCategory.FORBIDDEN,
      "The product is under embargo: only its group and archivists may download it"),
  BAD_PROVENANCE_REQUEST("ACCESS-008", ErrorCategory.INVALID, "The provenance request is invalid"),
  BAD_BUNDLE_REQUEST("ACCESS-009", ErrorCategory.INVALID, "The bundle request is invalid"),
  UNAUTHENTICATED("AUTH-001", ErrorCategory.UNAUTHENTICATED, "A valid bearer token is required"),
  TOKEN_INVALID(
      "AUTH-002", ErrorCategory.UNAUTHENTICATED, "The bearer token is invalid or expired"),
  FORBIDDEN("AUTH-003", ErrorCategory.FORBIDDEN, "The caller's roles do not allow this"),
  TOKEN_REQUEST_INVALID("AUTH-004", ErrorCategory.INVALID, "The token request is invalid"),
  FORMAT_NOT_FOUND("PLAN-001", ErrorCategory.NOT_FOUND, "No such format in the registry"),
  FORMAT_REQUEST_INVALID(
      "PLAN-002", ErrorCategory.INVALID, "The format registry request is invalid"),
  FORMAT_CONFLICT(
      "PLAN-003",
      ErrorCategory.CONFLICT,
      "The format entry changed since it was read (If-Match revision)"),
  PLAN_NOT_FOUND("PLAN-004", ErrorCategory.NOT_FOUND, "No such migration plan"),
  PLAN_REQUEST_INVALID("PLAN-005", ErrorCategory.INVALID, "The migration plan request is invalid"),
  PLAN_STATE(
      "PLAN-006", ErrorCategory.CONFLICT, "The migration plan cannot do this in its current state"),
  MIGRATION_NOT_EQUIVALENT(
      "PLAN-007",
      ErrorCategory.INTEGRITY,
      "The migrated file failed the check of significant properties"),
  MIGRATION_ACTION_FAILED("PLAN-008", ErrorCategory.INTERNAL, "The migration action failed"),
  NOT_FOUND("ARCHIVE-404", ErrorCategory.NOT_FOUND, "Not found"),
  BAD_REQUEST("ARCHIVE-400", ErrorCategory.INVALID, "Bad request"),
  INTERNAL("ARCHIVE-500", ErrorCategory.INTERNAL, "Internal error");

  private final String id;
  private final ErrorCategory category;
  private final String title;

  ErrorCode(String id, ErrorCategory category, String title) {
    this.id = id;
    this.category = category;
    this.title = title;
  }

  public String id() {
    return id;
  }

  public ErrorCategory category() {
    return category;
  }

  public String title() {
    return title;
  }
}
