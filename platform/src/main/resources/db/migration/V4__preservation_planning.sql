-- Issue 5: preservation planning.

-- The format registry: seeded from metadata-schemas' formats.json, then edited by archivists.
-- A file belongs to an entry when its media type matches and, if the entry names a profile, the
-- file's identified profile tags contain it.
CREATE TABLE format_entry (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL,
    media_type      VARCHAR(100)  NOT NULL,
    profile         VARCHAR(64),
    version         VARCHAR(64),
    pronom          VARCHAR(32),
    status          VARCHAR(16)   NOT NULL,
    reasons         TEXT          NOT NULL,
    specification   VARCHAR(500),
    revision        INTEGER       NOT NULL,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_by      VARCHAR(200)  NOT NULL
);

-- Every change of the registry, with who, when, why, and the entry before and after (JSON).
CREATE TABLE format_change (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    format_id       VARCHAR(64)   NOT NULL,
    revision        INTEGER       NOT NULL,
    changed_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    changed_by      VARCHAR(200)  NOT NULL,
    reason          TEXT          NOT NULL,
    before_json     TEXT,
    after_json      TEXT          NOT NULL
);
CREATE INDEX format_change_format ON format_change (format_id, revision);

-- The holdings as preservation planning sees them: each file of each product's head version with
-- its media type and identified profile tags (derived from storage, rebuilt at will).
CREATE TABLE holding_file (
    product_id      VARCHAR(128)  NOT NULL,
    path            VARCHAR(1024) NOT NULL,
    version         INTEGER       NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    media_type      VARCHAR(100)  NOT NULL,
    profile         VARCHAR(500)  NOT NULL,
    data_level      VARCHAR(16),
    PRIMARY KEY (product_id, path)
);
CREATE INDEX holding_file_format ON holding_file (media_type, profile);

-- Migration plans and, once executed, one item per affected product.
CREATE TABLE migration_plan (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL,
    source_format   VARCHAR(64)   NOT NULL,
    target_format   VARCHAR(64)   NOT NULL,
    action_id       VARCHAR(64)   NOT NULL,
    action_view     TEXT          NOT NULL,
    cwl_document    TEXT,
    products        TEXT,
    state           VARCHAR(16)   NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(200)  NOT NULL,
    started_at      TIMESTAMP(6) WITH TIME ZONE,
    finished_at     TIMESTAMP(6) WITH TIME ZONE
);

CREATE TABLE migration_item (
    plan_id         VARCHAR(36)   NOT NULL,
    product_id      VARCHAR(128)  NOT NULL,
    seq             INTEGER       NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    from_version    INTEGER,
    to_version      INTEGER,
    files           INTEGER       NOT NULL,
    bytes_before    BIGINT        NOT NULL,
    bytes_after     BIGINT        NOT NULL,
    millis          BIGINT        NOT NULL,
    attempts        INTEGER       NOT NULL,
    detail          TEXT,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (plan_id, product_id)
);
CREATE INDEX migration_item_state ON migration_item (plan_id, state, seq);
