-- Portable SQL: H2 (embedded default) and PostgreSQL (scale-out) both run these migrations;
-- TEXT is a CLOB in H2 and unbounded text in PostgreSQL.
-- Deposits: the ingest state machine. A row exists before the 202 is sent.
CREATE TABLE deposit (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    state           VARCHAR(16)   NOT NULL,
    source          VARCHAR(16)   NOT NULL,
    media_type      VARCHAR(100),
    staged_path     VARCHAR(4096),
    upload_complete BOOLEAN       NOT NULL,
    payload_bytes   BIGINT        NOT NULL,
    payload_files   INTEGER       NOT NULL,
    received_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    attempts        INTEGER       NOT NULL,
    problems        TEXT,
    products        TEXT,
    opt_version     BIGINT        NOT NULL
);
CREATE INDEX deposit_state ON deposit (state);

-- Catalogue: one row per product, derived from the head version of its AIP.
CREATE TABLE catalogue_entry (
    product_id      VARCHAR(128)  NOT NULL PRIMARY KEY,
    version         INTEGER       NOT NULL,
    description     VARCHAR(4000),
    data_levels     VARCHAR(500),
    data_category   VARCHAR(100),
    obs_id          BIGINT,
    target          VARCHAR(200),
    ra              DOUBLE PRECISION,
    dec             DOUBLE PRECISION,
    time_start      TIMESTAMP(6) WITH TIME ZONE,
    time_stop       TIMESTAMP(6) WITH TIME ZONE,
    ontime          DOUBLE PRECISION,
    telescope       VARCHAR(100),
    instrument      VARCHAR(100),
    site            VARCHAR(100),
    format          VARCHAR(200),
    pronom          VARCHAR(50),
    size_bytes      BIGINT        NOT NULL,
    file_count      INTEGER       NOT NULL,
    deposit_id      VARCHAR(64),
    deposited_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    record          TEXT          NOT NULL,
    opt_version     BIGINT        NOT NULL
);

CREATE TABLE catalogue_file (
    product_id      VARCHAR(128)  NOT NULL,
    path            VARCHAR(1024) NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    media_type      VARCHAR(200),
    pronom          VARCHAR(50),
    sha512          CHAR(128)     NOT NULL,
    sha256          CHAR(64)      NOT NULL,
    adler32         CHAR(8)       NOT NULL,
    PRIMARY KEY (product_id, path),
    CONSTRAINT catalogue_file_entry FOREIGN KEY (product_id) REFERENCES catalogue_entry (product_id) ON DELETE CASCADE
);
CREATE INDEX catalogue_file_sha512 ON catalogue_file (sha512);
CREATE INDEX catalogue_file_sha256 ON catalogue_file (sha256);
