-- The registry's own tables. One script for SQLite and PostgreSQL: ${id_column} is the only
-- difference (placeholders set by RegistryStore). Times are ISO-8601 UTC text with microseconds,
-- so they sort as text and compare exactly; booleans are 0/1.

CREATE TABLE registry_datastores (
    id ${id_column},
    name VARCHAR(255) NOT NULL,
    type VARCHAR(32) NOT NULL,
    system VARCHAR(64) NOT NULL,
    description TEXT NOT NULL,
    server VARCHAR(255),
    port INTEGER,
    username VARCHAR(255),
    database_name VARCHAR(255),
    password_secret TEXT,
    connection_string_secret TEXT,
    connection_string_masked TEXT,
    key_id BIGINT,
    is_active SMALLINT NOT NULL,
    max_connections INTEGER,
    avg_response_time_ms DOUBLE PRECISION,
    storage_capacity_gb DOUBLE PRECISION,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL,
    deleted_at VARCHAR(32),
    version BIGINT NOT NULL
);
-- A deleted datastore frees its name; history stays.
CREATE UNIQUE INDEX registry_datastores_live_name ON registry_datastores (name) WHERE deleted_at IS NULL;

CREATE TABLE registry_datasets (
    id ${id_column},
    datastore_id BIGINT NOT NULL REFERENCES registry_datastores (id),
    name VARCHAR(255) NOT NULL,
    reference VARCHAR(1000) NOT NULL,
    created_at VARCHAR(32) NOT NULL
);
CREATE UNIQUE INDEX registry_datasets_name ON registry_datasets (name);

CREATE TABLE registry_tokens (
    id ${id_column},
    name VARCHAR(255) NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    scopes VARCHAR(255) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    revoked_at VARCHAR(32)
);
CREATE UNIQUE INDEX registry_tokens_hash ON registry_tokens (token_hash);

CREATE TABLE registry_connection_tests (
    id ${id_column},
    datastore_id BIGINT NOT NULL REFERENCES registry_datastores (id),
    tested_at VARCHAR(32) NOT NULL,
    success SMALLINT NOT NULL,
    response_time_ms DOUBLE PRECISION NOT NULL,
    failure VARCHAR(64)
);
CREATE INDEX registry_connection_tests_by_datastore ON registry_connection_tests (datastore_id, tested_at);

-- Who changed what and when; field names only, never a value of a secret.
CREATE TABLE registry_audit (
    id ${id_column},
    at VARCHAR(32) NOT NULL,
    actor VARCHAR(255) NOT NULL,
    action VARCHAR(64) NOT NULL,
    datastore_id BIGINT,
    detail TEXT
);
CREATE INDEX registry_audit_by_datastore ON registry_audit (datastore_id);
