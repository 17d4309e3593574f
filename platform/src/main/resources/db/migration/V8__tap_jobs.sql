-- IVOA TAP asynchronous queries (UWS 1.1 jobs, issue 14). The query itself runs as a platform job
-- of kind tap-query whose subject is this row's id; results are files in <home>/work/tap/<id>/.
CREATE TABLE tap_job (
    id VARCHAR(64) NOT NULL PRIMARY KEY,
    owner VARCHAR(255),
    phase VARCHAR(16) NOT NULL,
    run_id VARCHAR(255),
    parameters VARCHAR(200000) NOT NULL,
    created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    started_at TIMESTAMP(3) WITH TIME ZONE,
    ended_at TIMESTAMP(3) WITH TIME ZONE,
    execution_duration INTEGER NOT NULL,
    destruction TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    result_format VARCHAR(128),
    result_rows BIGINT,
    result_overflow BOOLEAN,
    error_message VARCHAR(4000)
);
CREATE INDEX tap_job_owner ON tap_job (owner, created_at);
CREATE INDEX tap_job_destruction ON tap_job (destruction);
