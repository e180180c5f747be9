-- registry-service schema: vehicles and everything that happened to them, reference prices, import jobs.

CREATE TABLE vehicle (
    vin                     VARCHAR(17)  PRIMARY KEY,
    manufacturer            VARCHAR(120) NOT NULL,
    make                    VARCHAR(60)  NOT NULL,
    model                   VARCHAR(80)  NOT NULL,
    model_year              INTEGER      NOT NULL,
    fuel_type               VARCHAR(8)   NOT NULL,
    engine_cc               INTEGER,
    power_kw                INTEGER,
    drive_side              VARCHAR(3)   NOT NULL,
    emission_standard       VARCHAR(20),
    production_date         DATE,
    plant_country           VARCHAR(2),
    -- derived from registrations and deregistrations (see VehicleStatus and ImportSql)
    status                  VARCHAR(12)  NOT NULL DEFAULT 'ACTIVE',
    first_registration_date DATE,
    version                 BIGINT       NOT NULL DEFAULT 0,
    created_at              TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX vehicle_manufacturer_idx ON vehicle (manufacturer, model_year);
CREATE INDEX vehicle_make_idx ON vehicle (make, model);
CREATE INDEX vehicle_status_idx ON vehicle (status);

CREATE TABLE registration (
    id          BIGSERIAL    PRIMARY KEY,
    vin         VARCHAR(17)  NOT NULL REFERENCES vehicle (vin),
    reg_date    DATE         NOT NULL,
    region      VARCHAR(6)   NOT NULL,
    city        VARCHAR(80),
    plate       VARCHAR(16),
    owner_type  VARCHAR(8)   NOT NULL,
    owner_id    VARCHAR(64),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
-- the same registration sent twice (retry, re-imported file) is stored once
CREATE UNIQUE INDEX registration_natural_key ON registration (vin, reg_date, region, (coalesce(plate, '')));
CREATE INDEX registration_region_idx ON registration (region, vin);

CREATE TABLE deregistration (
    id          BIGSERIAL    PRIMARY KEY,
    vin         VARCHAR(17)  NOT NULL REFERENCES vehicle (vin),
    dereg_date  DATE         NOT NULL,
    reason      VARCHAR(8)   NOT NULL,
    region      VARCHAR(6),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT deregistration_natural_key UNIQUE (vin, dereg_date, reason)
);

CREATE TABLE odometer_reading (
    id            BIGSERIAL    PRIMARY KEY,
    vin           VARCHAR(17)  NOT NULL REFERENCES vehicle (vin),
    reading_date  DATE         NOT NULL,
    km            INTEGER      NOT NULL,
    source        VARCHAR(20)  NOT NULL,
    correction    BOOLEAN      NOT NULL DEFAULT false,
    reason        VARCHAR(500),
    rollback      BOOLEAN      NOT NULL DEFAULT false,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT odometer_reading_natural_key UNIQUE (vin, reading_date, km, source)
);

CREATE TABLE title_brand (
    id          BIGSERIAL    PRIMARY KEY,
    vin         VARCHAR(17)  NOT NULL REFERENCES vehicle (vin),
    brand       VARCHAR(8)   NOT NULL,
    brand_date  DATE         NOT NULL,
    source      VARCHAR(120),
    note        VARCHAR(500),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT title_brand_natural_key UNIQUE (vin, brand, brand_date)
);

CREATE TABLE reference_price (
    id          BIGSERIAL     PRIMARY KEY,
    make        VARCHAR(60)   NOT NULL,
    model       VARCHAR(80)   NOT NULL,
    model_year  INTEGER       NOT NULL,
    amount      NUMERIC(14,2) NOT NULL,
    currency    VARCHAR(3)    NOT NULL,
    valid_from  DATE          NOT NULL,
    version     BIGINT        NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT reference_price_natural_key UNIQUE (make, model, model_year, valid_from)
);

-- Idempotency-Key of vehicle creations: the same key replays the same vehicle
CREATE TABLE idempotency_key (
    key           VARCHAR(200) NOT NULL,
    principal     VARCHAR(200) NOT NULL,
    request_hash  VARCHAR(64)  NOT NULL,
    vin           VARCHAR(17)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, key)
);

CREATE TABLE import_job (
    id             UUID         PRIMARY KEY,
    format         VARCHAR(8)   NOT NULL,
    state          VARCHAR(12)  NOT NULL,
    submitted_by   VARCHAR(200) NOT NULL,
    roles          VARCHAR(200) NOT NULL,
    bytes          BIGINT       NOT NULL DEFAULT 0,
    processed      BIGINT       NOT NULL DEFAULT 0,
    failed         BIGINT       NOT NULL DEFAULT 0,
    message        VARCHAR(1000),
    instance       VARCHAR(200) NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    started_at     TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ,
    heartbeat_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX import_job_state_idx ON import_job (state);

CREATE TABLE import_error (
    job_id   UUID          NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    line     BIGINT        NOT NULL,
    vin      VARCHAR(40),
    reason   VARCHAR(2000) NOT NULL,
    PRIMARY KEY (job_id, line)
);
