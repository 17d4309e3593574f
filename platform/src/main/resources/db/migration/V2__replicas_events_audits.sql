-- Issue 3: replicas, the hash-chained event log, fixity audits.

-- Every replica the archive has ever initialised. A configured replica whose root has vanished
-- after it was initialised is DOWN (an unmounted volume), never silently re-created empty.
CREATE TABLE storage_replica (
    name            VARCHAR(64)   NOT NULL PRIMARY KEY,
    root_path       VARCHAR(4096) NOT NULL,
    initialised_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- Write intents: a row exists while a version is being written to a replica; at start-up any
-- row left by a crash names an object whose uncommitted version directory must be removed.
CREATE TABLE storage_intent (
    product_id      VARCHAR(128)  NOT NULL,
    replica         VARCHAR(64)   NOT NULL,
    version         INTEGER       NOT NULL,
    started_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (product_id, replica, version)
);

-- The append-only event log: each row's hash covers its content and the previous row's hash.
CREATE TABLE archive_event (
    seq             BIGINT        NOT NULL PRIMARY KEY,
    occurred_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    event_type      VARCHAR(40)   NOT NULL,
    premis_type     VARCHAR(200),
    outcome         VARCHAR(16)   NOT NULL,
    product_id      VARCHAR(128),
    replica         VARCHAR(64),
    agent           VARCHAR(200)  NOT NULL,
    detail          TEXT          NOT NULL,
    prev_hash       CHAR(64)      NOT NULL,
    hash            CHAR(64)      NOT NULL
);
CREATE INDEX archive_event_product ON archive_event (product_id, seq);

-- Signed checkpoints over the chain: the hash of event {seq}, signed with the archive's key.
CREATE TABLE event_checkpoint (
    seq             BIGINT        NOT NULL PRIMARY KEY,
    hash            CHAR(64)      NOT NULL,
    signed_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    key_id          VARCHAR(100)  NOT NULL,
    signature       VARCHAR(200)  NOT NULL
);

-- Integrity state of each stored object: when it was last checked, and whether it is DAMAGED.
CREATE TABLE object_integrity (
    product_id      VARCHAR(128)  NOT NULL PRIMARY KEY,
    state           VARCHAR(16)   NOT NULL,
    last_full_at    TIMESTAMP(6) WITH TIME ZONE,
    last_quick_at   TIMESTAMP(6) WITH TIME ZONE,
    detail          VARCHAR(4000)
);
CREATE INDEX object_integrity_full ON object_integrity (last_full_at);

CREATE TABLE audit (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    kind            VARCHAR(16)   NOT NULL,
    audit_trigger   VARCHAR(16)   NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    replicas        VARCHAR(1000),
    products        TEXT,
    whole_roots     BOOLEAN       NOT NULL,
    budget_bytes_per_second BIGINT NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP(6) WITH TIME ZONE,
    finished_at     TIMESTAMP(6) WITH TIME ZONE,
    objects_total   INTEGER       NOT NULL,
    objects_checked INTEGER       NOT NULL,
    files_checked   BIGINT        NOT NULL,
    bytes_checked   BIGINT        NOT NULL,
    busy_millis     BIGINT        NOT NULL,
    failures        INTEGER       NOT NULL,
    repaired        INTEGER       NOT NULL,
    damaged         INTEGER       NOT NULL,
    message         VARCHAR(4000),
    opt_version     BIGINT        NOT NULL
);
CREATE INDEX audit_state ON audit (state);

-- The objects an audit covers, in the order it checks them; progress survives restarts.
CREATE TABLE audit_item (
    audit_id        VARCHAR(64)   NOT NULL,
    position        INTEGER       NOT NULL,
    product_id      VARCHAR(128)  NOT NULL,
    done            BOOLEAN       NOT NULL,
    PRIMARY KEY (audit_id, position),
    CONSTRAINT audit_item_audit FOREIGN KEY (audit_id) REFERENCES audit (id) ON DELETE CASCADE
);
CREATE INDEX audit_item_pending ON audit_item (audit_id, done, position);

CREATE TABLE audit_failure (
    id              BIGINT        NOT NULL PRIMARY KEY,
    audit_id        VARCHAR(64)   NOT NULL,
    product_id      VARCHAR(128),
    replica         VARCHAR(64)   NOT NULL,
    path            VARCHAR(4096),
    kind            VARCHAR(32)   NOT NULL,
    expected        VARCHAR(300),
    actual          VARCHAR(300),
    action          VARCHAR(32)   NOT NULL,
    detected_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT audit_failure_audit FOREIGN KEY (audit_id) REFERENCES audit (id) ON DELETE CASCADE
);
CREATE INDEX audit_failure_audit ON audit_failure (audit_id, id);
CREATE SEQUENCE audit_failure_seq START WITH 1 INCREMENT BY 50;
