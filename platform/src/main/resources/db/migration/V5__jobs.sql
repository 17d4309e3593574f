-- Issue 11: the one durable job runner. A row per piece of background work (a deposit to process,
-- an audit, a migration plan): claimed by one node at a time with a lease that the node renews
-- while the job runs; a lease that runs out (the node died) makes the job claimable again.
CREATE TABLE job (
    id                VARCHAR(64)   NOT NULL PRIMARY KEY,
    kind              VARCHAR(64)   NOT NULL,
    subject           VARCHAR(200)  NOT NULL,
    state             VARCHAR(16)   NOT NULL,
    attempts          INTEGER       NOT NULL,
    max_attempts      INTEGER       NOT NULL,
    run_after         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    lease_owner       VARCHAR(200),
    lease_until       TIMESTAMP(6) WITH TIME ZONE,
    cancel_requested  BOOLEAN       NOT NULL,
    progress_done     BIGINT        NOT NULL,
    progress_total    BIGINT        NOT NULL,
    progress_note     VARCHAR(1000),
    message           VARCHAR(4000),
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP(6) WITH TIME ZONE,
    finished_at       TIMESTAMP(6) WITH TIME ZONE,
    row_version       BIGINT        NOT NULL
);
CREATE INDEX job_due ON job (kind, state, run_after);
CREATE INDEX job_subject ON job (kind, subject);
