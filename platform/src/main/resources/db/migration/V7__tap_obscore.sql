-- IVOA TAP (issue 14): the published tables ADQL can read, and TAP_SCHEMA, which describes them.
-- ivoa.obscore, ivoa.obscore_hea and ctao.observation hold one row per catalogued product that has
-- a CTAO data level; they are derived data, written in the same transaction as catalogue_entry.
-- Columns that TAP_SCHEMA does not list (product_id, s_zone, access_group, catalogue_version) are
-- not reachable through ADQL: the translator names only published columns.
CREATE SCHEMA ivoa;
CREATE SCHEMA ctao;
CREATE SCHEMA tap_schema;

CREATE TABLE ivoa.obscore (
    product_id VARCHAR(255) NOT NULL PRIMARY KEY,
    dataproduct_type VARCHAR(32),
    dataproduct_subtype VARCHAR(64),
    calib_level SMALLINT NOT NULL,
    obs_collection VARCHAR(128) NOT NULL,
    obs_id VARCHAR(255) NOT NULL,
    obs_title VARCHAR(1000),
    obs_publisher_did VARCHAR(512) NOT NULL,
    obs_creator_name VARCHAR(255),
    obs_release_date TIMESTAMP(3),
    access_url VARCHAR(1024),
    access_format VARCHAR(128),
    access_estsize BIGINT,
    target_name VARCHAR(255),
    target_class VARCHAR(64),
    s_ra DOUBLE PRECISION,
    s_dec DOUBLE PRECISION,
    s_fov DOUBLE PRECISION,
    s_region VARCHAR(1024),
    s_resolution DOUBLE PRECISION,
    s_xel1 BIGINT,
    s_xel2 BIGINT,
    t_min DOUBLE PRECISION,
    t_max DOUBLE PRECISION,
    t_exptime DOUBLE PRECISION,
    t_resolution DOUBLE PRECISION,
    t_xel BIGINT,
    em_min DOUBLE PRECISION,
    em_max DOUBLE PRECISION,
    em_res_power DOUBLE PRECISION,
    em_xel BIGINT,
    em_ucd VARCHAR(64),
    o_ucd VARCHAR(64),
    pol_states VARCHAR(64),
    pol_xel BIGINT,
    facility_name VARCHAR(128),
    instrument_name VARCHAR(128),
    s_zone INTEGER,
    access_group VARCHAR(100),
    catalogue_version INTEGER NOT NULL
);
CREATE UNIQUE INDEX obscore_did ON ivoa.obscore (obs_publisher_did);
CREATE INDEX obscore_obs_id ON ivoa.obscore (obs_id);
CREATE INDEX obscore_zone_ra ON ivoa.obscore (s_zone, s_ra);
CREATE INDEX obscore_t_min ON ivoa.obscore (t_min);
CREATE INDEX obscore_t_max ON ivoa.obscore (t_max);
CREATE INDEX obscore_em_min ON ivoa.obscore (em_min);
CREATE INDEX obscore_target ON ivoa.obscore (target_name);

-- The IVOA ObsCore extension for high-energy data (HEA note): one row per ivoa.obscore row.
CREATE TABLE ivoa.obscore_hea (
    obs_publisher_did VARCHAR(512) NOT NULL PRIMARY KEY,
    product_id VARCHAR(255) NOT NULL,
    energy_min DOUBLE PRECISION,
    energy_max DOUBLE PRECISION,
    ev_xel BIGINT,
    tracking_mode VARCHAR(64),
    pointing_mode VARCHAR(64),
    obs_mode VARCHAR(64),
    messenger VARCHAR(32),
    event_type VARCHAR(64)
);
CREATE INDEX obscore_hea_product ON ivoa.obscore_hea (product_id);

-- CTAO and GADF metadata of each published product.
CREATE TABLE ctao.observation (
    obs_publisher_did VARCHAR(512) NOT NULL PRIMARY KEY,
    product_id VARCHAR(255) NOT NULL,
    obs_id BIGINT,
    data_levels VARCHAR(128),
    data_category VARCHAR(64),
    process_type VARCHAR(64),
    activity_name VARCHAR(255),
    software_name VARCHAR(255),
    software_version VARCHAR(128),
    site VARCHAR(128),
    telescope VARCHAR(128),
    instrument VARCHAR(128),
    n_tels INTEGER,
    obs_mode VARCHAR(64),
    ontime DOUBLE PRECISION,
    livetime DOUBLE PRECISION,
    deadc DOUBLE PRECISION,
    geolon DOUBLE PRECISION,
    geolat DOUBLE PRECISION,
    altitude DOUBLE PRECISION,
    hdu_classes VARCHAR(1024),
    version INTEGER NOT NULL
);
CREATE UNIQUE INDEX ctao_observation_product ON ctao.observation (product_id);
CREATE INDEX ctao_observation_obs_id ON ctao.observation (obs_id);

-- TAP_SCHEMA 1.1, rewritten at each start from the descriptor tap-schema.json.
CREATE TABLE tap_schema.schemas (
    schema_name VARCHAR(64) NOT NULL PRIMARY KEY,
    utype VARCHAR(512),
    description VARCHAR(2000),
    schema_index INTEGER
);
CREATE TABLE tap_schema.tables (
    schema_name VARCHAR(64) NOT NULL,
    table_name VARCHAR(128) NOT NULL PRIMARY KEY,
    table_type VARCHAR(8) NOT NULL,
    utype VARCHAR(512),
    description VARCHAR(2000),
    table_index INTEGER
);
CREATE TABLE tap_schema.columns (
    table_name VARCHAR(128) NOT NULL,
    column_name VARCHAR(64) NOT NULL,
    utype VARCHAR(512),
    ucd VARCHAR(512),
    unit VARCHAR(64),
    description VARCHAR(2000),
    datatype VARCHAR(64) NOT NULL,
    arraysize VARCHAR(16),
    xtype VARCHAR(64),
    size INTEGER,
    principal INTEGER NOT NULL,
    indexed INTEGER NOT NULL,
    std INTEGER NOT NULL,
    column_index INTEGER,
    PRIMARY KEY (table_name, column_name)
);
CREATE TABLE tap_schema.keys (
    key_id VARCHAR(64) NOT NULL PRIMARY KEY,
    from_table VARCHAR(128) NOT NULL,
    target_table VARCHAR(128) NOT NULL,
    utype VARCHAR(512),
    description VARCHAR(2000)
);
CREATE TABLE tap_schema.key_columns (
    key_id VARCHAR(64) NOT NULL,
    from_column VARCHAR(64) NOT NULL,
    target_column VARCHAR(64) NOT NULL
);

-- The catalogue is derived data: version 0 makes the start-up reconciliation re-derive every row,
-- which writes the new tables for the products catalogued before this release.
UPDATE catalogue_entry SET version = 0;
